// One prompt and its answer in the chat, built from the query's events as they arrive.

import { describeProblem } from './api.js';
import { el, formatCost, formatDuration, plural, prettyJson, shortJson, truncate } from './format.js';

export class Exchange {
  constructor(prompt) {
    this.answer = el('div', { class: 'answer', testid: 'answer' });
    this.status = el('p', { class: 'status', testid: 'exchange-status' }, 'Waiting for the session…');
    this.element = el('article', { class: 'exchange', testid: 'exchange', 'aria-busy': 'true' },
      el('div', { class: 'prompt' },
        el('h3', { class: 'who' }, 'You'),
        el('p', { class: 'prompt-text', testid: 'exchange-prompt' }, prompt)),
      el('div', { class: 'reply' },
        el('h3', { class: 'who' }, 'Claude'),
        this.answer,
        this.status));
    this.text = null; // the text block deltas are appended to
    this.thinking = null; // the thinking block thinking deltas are appended to
    this.tools = new Map();
    this.deltasInMessage = 0;
    this.sawResult = false;
  }

  /** Renders one server-sent event of the query. */
  handle({ event, data }) {
    switch (event) {
      case 'text_delta':
        this.deltasInMessage++;
        this.appendText(data.text);
        break;
      case 'thinking_delta':
        this.appendThinking(data.thinking);
        break;
      case 'assistant_message':
        // Deltas already showed this message; without them (no partial messages) the whole message is the text.
        if (this.deltasInMessage === 0 && data.text) {
          this.appendText(data.text);
        }
        this.deltasInMessage = 0;
        this.text = null;
        this.thinking = null;
        break;
      case 'tool_use':
        this.addToolUse(data);
        break;
      case 'tool_result':
        this.addToolResult(data);
        break;
      case 'result':
        this.showResult(data.result);
        break;
      case 'error':
        this.fail(describeProblem(data.status, data));
        break;
      default:
        break; // events the chat does not show (query_started, query_completed)
    }
  }

  appendText(text) {
    this.setStatus('Writing…');
    if (!this.text) {
      this.text = el('div', { class: 'text', testid: 'answer-text' });
      this.answer.append(this.text);
      this.thinking = null;
    }
    this.text.append(text);
  }

  appendThinking(text) {
    this.setStatus('Thinking…');
    if (!this.thinking) {
      this.thinking = el('pre', { class: 'thinking-text' });
      this.answer.append(el('details', { class: 'thinking', testid: 'thinking' }, el('summary', {}, 'Thinking'), this.thinking));
      this.text = null;
    }
    this.thinking.append(text);
  }

  addToolUse({ toolUseId, name, inputJson }) {
    this.setStatus(`Running ${name}…`);
    const result = el('div', { class: 'tool-result', testid: 'tool-result' });
    const details = el('details', { class: 'tool', testid: 'tool-use' },
      el('summary', {},
        el('span', { class: 'tool-name', testid: 'tool-name' }, name),
        ' ',
        el('code', { class: 'tool-input-short' }, shortJson(inputJson))),
      el('pre', { class: 'tool-input', testid: 'tool-input' }, prettyJson(inputJson)),
      result);
    this.tools.set(toolUseId, result);
    this.answer.append(details);
    this.text = null;
    this.thinking = null;
  }

  addToolResult({ toolUseId, content, isError }) {
    const result = this.tools.get(toolUseId);
    if (!result) {
      return;
    }
    result.replaceChildren(
      el('p', { class: 'tool-result-label' }, isError ? 'Tool failed:' : 'Result:'),
      el('pre', { class: isError ? 'error' : '' }, truncate(content)));
    result.closest('details').classList.toggle('failed', !!isError);
  }

  showResult(result) {
    this.sawResult = true;
    if (!this.answer.textContent && result.text && !result.isError) {
      this.appendText(result.text);
    }
    const usage = result.usage ?? {};
    const facts = el('p', { class: 'result', testid: 'result' },
      el('span', { testid: 'result-cost' }, formatCost(result.totalCostUsd)),
      ` · ${plural(result.numTurns ?? 0, 'turn')}`,
      result.duration ? ` · ${formatDuration(result.duration)}` : '',
      ` · ${usage.inputTokens ?? 0} in / ${usage.outputTokens ?? 0} out tokens`);
    this.status.replaceWith(facts);
    this.status = facts;
    if (result.isError) {
      this.fail(`The CLI reported an error (${result.subtype || 'error'}): ${result.text}`);
    }
    if (result.conversationReset) {
      facts.after(el('p', { class: 'note' }, 'The earlier conversation could not be resumed; this answer began a fresh one.'));
    }
    if (result.permissionDenials?.length) {
      facts.after(el('p', { class: 'note' }, `Tools refused for lack of permission: ${result.permissionDenials.join(', ')}`));
    }
  }

  /** Shows a failure of the query in this exchange. */
  fail(message) {
    this.setStatus('');
    this.element.classList.add('failed');
    this.element.querySelector('.reply').append(el('p', { class: 'error', role: 'alert', testid: 'chat-error' }, message));
  }

  /** The query is over (answered, failed, or the stream ended). */
  finish() {
    if (!this.sawResult && !this.element.classList.contains('failed')) {
      this.fail('The answer stream ended without a result.');
    }
    if (this.status.dataset.testid === 'exchange-status') {
      this.status.remove();
    }
    this.element.setAttribute('aria-busy', 'false');
  }

  setStatus(text) {
    if (this.status.dataset.testid === 'exchange-status') {
      this.status.textContent = text;
      this.status.hidden = !text;
    }
  }
}
