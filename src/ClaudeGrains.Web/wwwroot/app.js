// The ClaudeGrains web UI: the sessions table (polled), the start form, the admin-token prompt and the chat panel.
// Plain ES modules, no build step: the silo serves these files as they are.

import * as api from './api.js';
import { SessionsTable } from './sessions.js';
import { ChatPanel } from './chat.js';
import { plural } from './format.js';

const pollInterval = 2000;
const pageSize = 50;
const $ = id => document.getElementById(id);

const list = { page: 0, prefix: '' };

// ---- messages

function notify(message, kind = 'error') {
  $('notice').className = `notice ${kind}`;
  $('notice-text').textContent = message;
  $('notice').hidden = !message;
}

$('notice-dismiss').addEventListener('click', () => notify(''));

// ---- admin token: asked once, when the API first answers 401

const tokenDialog = $('token-dialog');
let pendingToken = null;

api.onUnauthorized(rejected => {
  if (!pendingToken) {
    let resolve;
    const promise = new Promise(r => { resolve = r; });
    pendingToken = { promise, resolve };
    $('token-error').hidden = !rejected;
    $('token-input').value = '';
    if (!tokenDialog.open) {
      tokenDialog.showModal();
    }
    $('token-input').focus();
  }
  return pendingToken.promise;
});

$('token-form').addEventListener('submit', event => {
  event.preventDefault();
  const token = $('token-input').value.trim();
  if (!token) {
    return;
  }
  api.setToken(token);
  tokenDialog.close();
  $('forget-token').hidden = false;
  const pending = pendingToken;
  pendingToken = null;
  pending?.resolve();
});

// Without the token the page can do nothing, so Escape does not dismiss the prompt.
tokenDialog.addEventListener('cancel', event => event.preventDefault());

$('forget-token').hidden = !api.hasToken();
$('forget-token').addEventListener('click', () => {
  api.forgetToken();
  $('forget-token').hidden = true;
  refresh();
});

// ---- sessions table

const table = new SessionsTable($('sessions-body'), {
  open: openChat,
  restart: name => act(name, {
    question: `Restart ${name}? It gets a fresh process and a fresh conversation.`,
    call: api.restartSession,
    done: `Restarted ${name}.`,
    failed: `Could not restart ${name}`,
  }),
  terminate: name => act(name, {
    question: `Terminate ${name}? Its process stops and its conversation is deleted.`,
    call: api.terminateSession,
    done: `Terminated ${name}.`,
    failed: `Could not terminate ${name}`,
    after: () => chat.forget(name),
  }),
});

let timer = null;
let refreshing = null;
let again = false;

/** Reloads the table now (once more if a reload is already on its way), then every two seconds. */
function refresh() {
  clearTimeout(timer);
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    try {
      do {
        again = false;
        await load();
      } while (again);
    } finally {
      refreshing = null;
      timer = setTimeout(poll, pollInterval);
    }
  })();
  return refreshing;
}

function poll() {
  // A hidden tab does not poll; it catches up when it is shown again.
  if (document.hidden) {
    timer = setTimeout(poll, pollInterval);
  } else {
    refresh();
  }
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) {
    refresh();
  }
});

async function load() {
  const summary = $('list-summary');
  try {
    const page = await api.listSessions({ prefix: list.prefix, page: list.page, pageSize });
    if (page.sessions.length === 0 && list.page > 0) {
      // Sessions went away under the last page: show the last page that has some.
      list.page = Math.max(0, Math.ceil(page.totalCount / pageSize) - 1);
      again = true;
      return;
    }
    table.render(page.sessions, chat.current);
    const first = page.page * page.pageSize;
    summary.textContent = page.totalCount <= page.pageSize
      ? plural(page.totalCount, 'session')
      : `${first + 1}–${first + page.sessions.length} of ${page.totalCount} sessions`;
    summary.classList.remove('error');
    $('page-previous').disabled = page.page === 0;
    $('page-next').disabled = first + page.sessions.length >= page.totalCount;
  } catch (error) {
    summary.textContent = `Could not refresh the sessions: ${error.message}`;
    summary.classList.add('error');
  }
}

$('page-previous').addEventListener('click', () => {
  list.page = Math.max(0, list.page - 1);
  refresh();
});
$('page-next').addEventListener('click', () => {
  list.page++;
  refresh();
});

let filterTimer = null;
$('filter-prefix').addEventListener('input', event => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => {
    list.prefix = event.target.value;
    list.page = 0;
    refresh();
  }, 300);
});

/** Runs a confirmed row action; a session already gone counts as done. */
async function act(name, { question, call, done, failed, after }) {
  if (!confirm(question)) {
    return;
  }
  try {
    await call(name);
    notify(done, 'info');
    after?.();
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 404) {
      notify(`${name} no longer exists.`, 'info');
      after?.();
    } else {
      notify(`${failed}: ${error.message}`);
    }
  } finally {
    refresh();
  }
}

// ---- start form

$('start-form').addEventListener('submit', async event => {
  event.preventDefault();
  const form = event.target;
  const fields = new FormData(form);
  const name = fields.get('name').trim();
  const options = {};
  for (const key of ['systemPrompt', 'model', 'permissionMode']) {
    const value = fields.get(key)?.trim();
    if (value) {
      options[key] = value;
    }
  }
  const submit = form.querySelector('button[type=submit]');
  submit.disabled = true;
  try {
    const info = await api.startSession(name, Object.keys(options).length ? options : undefined, fields.has('replace'));
    form.reset();
    notify('');
    openChat(info.name);
  } catch (error) {
    notify(`Could not start ${name}: ${error.message}`);
  } finally {
    submit.disabled = false;
    refresh();
  }
});

// ---- chat

const chat = new ChatPanel({
  panel: $('chat'),
  title: $('chat-session'),
  transcript: $('transcript'),
  form: $('chat-form'),
  prompt: $('chat-prompt'),
  interrupt: $('chat-interrupt'),
  close: $('chat-close'),
}, {
  answered: () => refresh(),
  notify: message => notify(message),
  closed: () => table.select(null),
});

function openChat(name) {
  chat.show(name);
  table.select(name);
}

refresh();
