// The chat panel: one transcript per session (kept while another session's chat is shown), a prompt box, and the
// answers streamed into the transcript as they are written.

import { ApiError, interruptSession, streamQuery } from './api.js';
import { el } from './format.js';
import { Exchange } from './exchange.js';

export class ChatPanel {
  /**
   * @param {{ panel, title, transcript, form, prompt, interrupt, close }} elements the panel's elements
   * @param {{ answered(name), notify(message), closed() }} hooks what the rest of the page does after a query, on an
   *   error outside a query, and when the panel closes
   */
  constructor(elements, hooks) {
    Object.assign(this, elements);
    this.hooks = hooks;
    this.transcripts = new Map();
    this.running = new Map(); // session name -> queries in flight
    this.current = null;

    this.form.addEventListener('submit', event => {
      event.preventDefault();
      this.submit();
    });
    this.prompt.addEventListener('keydown', event => {
      // Enter sends, Shift+Enter starts a new line; never while an input method is composing.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.interrupt.addEventListener('click', () => this.interruptCurrent());
    this.close.addEventListener('click', () => this.hide());
  }

  /** Shows the chat of a session. */
  show(name) {
    this.current = name;
    this.title.textContent = name;
    this.transcript.replaceChildren(this.transcriptOf(name));
    this.panel.hidden = false;
    this.updateButtons();
    this.scrollToEnd();
    this.prompt.focus();
  }

  hide() {
    this.current = null;
    this.panel.hidden = true;
    this.hooks.closed();
  }

  /** Drops a terminated session's transcript, and closes its chat if it is shown. */
  forget(name) {
    this.transcripts.delete(name);
    if (this.current === name) {
      this.hide();
    }
  }

  transcriptOf(name) {
    let transcript = this.transcripts.get(name);
    if (!transcript) {
      transcript = el('div', { class: 'transcript-content', testid: 'transcript' });
      this.transcripts.set(name, transcript);
    }
    return transcript;
  }

  submit() {
    const prompt = this.prompt.value.trim();
    if (!prompt || !this.current) {
      return;
    }
    this.prompt.value = '';
    // Each prompt streams on its own; the session queues them in order.
    this.ask(this.current, prompt);
  }

  async ask(name, prompt) {
    const exchange = new Exchange(prompt);
    const transcript = this.transcriptOf(name);
    transcript.append(exchange.element);
    this.scrollToEnd();
    this.running.set(name, (this.running.get(name) ?? 0) + 1);
    this.updateButtons();
    try {
      for await (const event of streamQuery(name, prompt)) {
        const follow = this.current === name && this.isAtEnd();
        exchange.handle(event);
        if (follow) {
          this.scrollToEnd();
        }
      }
    } catch (error) {
      exchange.fail(error instanceof ApiError ? error.message : `Lost the connection to the silo: ${error.message}`);
    } finally {
      exchange.finish();
      this.running.set(name, this.running.get(name) - 1);
      this.updateButtons();
      this.hooks.answered(name);
    }
  }

  async interruptCurrent() {
    const name = this.current;
    try {
      await interruptSession(name);
    } catch (error) {
      this.hooks.notify(`Could not interrupt ${name}: ${error.message}`);
    }
  }

  updateButtons() {
    this.interrupt.disabled = !this.current || !this.running.get(this.current);
  }

  isAtEnd() {
    const box = this.transcript;
    return box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  }

  scrollToEnd() {
    this.transcript.scrollTop = this.transcript.scrollHeight;
  }
}
