// The HTTP API of the silo: JSON calls, the admin token, and server-sent events read from a fetch body
// (EventSource cannot send the Authorization header).

const tokenKey = 'claudegrains.adminToken';
// Security/AdminTokenDefaults.DashboardCookie: honoured only for GET /dashboard, so a plain link works.
const dashboardCookie = 'claudegrains_token';

/** A failed API call, carrying its problem+json (title, detail, code) when the server sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describeProblem(status, problem));
    this.status = status;
    this.problem = problem ?? {};
  }
}

/** One readable line for a problem+json object (or whatever the server answered). */
export function describeProblem(status, problem) {
  const title = problem?.title || (status ? `HTTP ${status}` : 'Error');
  const parts = [problem?.detail ? `${title}: ${problem.detail}` : title];
  if (problem?.code) {
    parts.push(`(${problem.code})`);
  }
  return parts.join(' ');
}

let token = sessionStorage.getItem(tokenKey);
let askForToken = async () => { throw new ApiError(401, { title: 'Unauthorized' }); };

/**
 * Sets what happens on a 401: `ask(rejected)` resolves with a token typed by the user; `rejected` says whether the
 * token just sent was refused (as opposed to none being known yet).
 */
export function onUnauthorized(ask) {
  askForToken = ask;
}

/** Whether the UI holds an admin token. */
export function hasToken() {
  return !!token;
}

/** Keeps the token for this tab and lets the dashboard link send it as a cookie. */
export function setToken(value) {
  token = value;
  sessionStorage.setItem(tokenKey, value);
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${dashboardCookie}=${encodeURIComponent(value)}; path=${dashboardPath()}; SameSite=Strict${secure}`;
}

/** Drops the token from this tab and the dashboard cookie. */
export function forgetToken() {
  token = null;
  sessionStorage.removeItem(tokenKey);
  document.cookie = `${dashboardCookie}=; path=${dashboardPath()}; max-age=0; SameSite=Strict`;
}

function dashboardPath() {
  return new URL('dashboard', location.href).pathname;
}

/** The API path of a session; names may contain `/` (e.g. `user/42`). */
export function sessionPath(name, action) {
  const path = `api/sessions/${encodeURIComponent(name)}`;
  return action ? `${path}/${action}` : path;
}

/**
 * Sends a request and returns the response once it succeeded; asks for the admin token and retries on 401.
 * Throws ApiError for any other failure status.
 */
async function send(path, { method = 'GET', body, accept = 'application/json', signal } = {}) {
  for (;;) {
    const sentToken = token;
    const headers = { Accept: accept };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (sentToken) {
      headers.Authorization = `Bearer ${sentToken}`;
    }

    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: 'no-store',
    });
    if (response.status === 401) {
      // Another call may have received a new token while this one was on its way: retry with it first.
      if (token === sentToken) {
        await askForToken(!!sentToken);
      }
      continue;
    }
    if (!response.ok) {
      throw new ApiError(response.status, await readProblem(response));
    }
    return response;
  }
}

async function readProblem(response) {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text);
  } catch {
    return { title: `HTTP ${response.status} ${response.statusText}`.trim(), detail: text.slice(0, 300) || undefined };
  }
}

async function json(path, options) {
  const response = await send(path, options);
  return response.status === 204 ? null : response.json();
}

/** One page of sessions: `{ sessions, totalCount, page, pageSize }`. */
export function listSessions({ prefix, page, pageSize }) {
  const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (prefix) {
    query.set('prefix', prefix);
  }
  return json(`api/sessions?${query}`);
}

/** Registers a session; resolves with its SessionInfo. */
export function startSession(name, options, replace) {
  return json('api/sessions', { method: 'POST', body: { name, options, replace } });
}

export function terminateSession(name) {
  return json(sessionPath(name), { method: 'DELETE' });
}

export function restartSession(name) {
  return json(sessionPath(name, 'restart'), { method: 'POST' });
}

export function interruptSession(name) {
  return json(sessionPath(name, 'interrupt'), { method: 'POST' });
}

/**
 * Sends a prompt and yields the answer's events as they arrive: `{ event, id, data }` with `event` one of
 * `text_delta`, `thinking_delta`, `assistant_message`, `tool_use`, `tool_result`, `result`, or `error` (a problem
 * that happened after the stream began).
 */
export async function* streamQuery(name, prompt, signal) {
  const response = await send(sessionPath(name, 'stream'), { method: 'POST', body: { prompt }, accept: 'text/event-stream', signal });
  yield* readEvents(response.body);
}

async function* readEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      let end;
      while ((end = frameEnd(buffer)) >= 0) {
        const frame = parseFrame(buffer.slice(0, end));
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        if (frame) {
          yield frame;
        }
      }
    }
  } finally {
    reader.releaseLock();
  }
}

function frameEnd(buffer) {
  const match = /\r?\n\r?\n/.exec(buffer);
  return match ? match.index : -1;
}

function parseFrame(frame) {
  let event = 'message';
  let id = null;
  const data = [];
  for (const line of frame.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) {
      continue; // comments: subscription notices and keep-alives
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      event = value;
    } else if (field === 'id') {
      id = value;
    } else if (field === 'data') {
      data.push(value);
    }
  }
  if (data.length === 0) {
    return null;
  }
  return { event, id, data: JSON.parse(data.join('\n')) };
}
