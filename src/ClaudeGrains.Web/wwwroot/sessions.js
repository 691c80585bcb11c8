// The sessions table. Rows are kept per session and updated in place, so a refresh every two seconds does not
// take the keyboard focus away from a button.

import { el, formatCost } from './format.js';

const columns = ['state', 'silo', 'queue', 'restarts', 'cost'];

export class SessionsTable {
  /**
   * @param {HTMLTableSectionElement} body the table body
   * @param {{ open(name), restart(name), terminate(name) }} actions what the row buttons do
   */
  constructor(body, actions) {
    this.body = body;
    this.actions = actions;
    this.rows = new Map();
    this.empty = el('tr', { class: 'empty', testid: 'sessions-empty' },
      el('td', { colspan: columns.length + 2 }, 'No sessions. Start one with the form above.'));
  }

  /** Shows exactly these sessions, in this order, marking the one whose chat is open. */
  render(sessions, selected) {
    const seen = new Set();
    let previous = null;
    for (const info of sessions) {
      seen.add(info.name);
      let entry = this.rows.get(info.name);
      if (!entry) {
        entry = this.createRow(info.name);
        this.rows.set(info.name, entry);
      }
      update(entry, info, info.name === selected);
      const { row } = entry;
      const expected = previous ? previous.nextSibling : this.body.firstChild;
      if (expected !== row) {
        this.body.insertBefore(row, expected);
      }
      previous = row;
    }

    for (const [name, { row }] of this.rows) {
      if (!seen.has(name)) {
        row.remove();
        this.rows.delete(name);
      }
    }

    if (sessions.length === 0) {
      this.body.append(this.empty);
    } else {
      this.empty.remove();
    }
  }

  /** Marks the session whose chat is open without waiting for the next refresh. */
  select(selected) {
    for (const [name, { row }] of this.rows) {
      markSelected(row, name === selected);
    }
  }

  createRow(name) {
    const cells = Object.fromEntries(columns.map(c => [c, el('td', { class: `col-${c}`, testid: `session-${c}` })]));
    const button = (label, action, testid, extra = {}) => {
      const b = el('button', { type: 'button', testid, 'aria-label': `${label} ${name}`, ...extra }, label);
      b.addEventListener('click', () => this.actions[action](name));
      return b;
    };
    const row = el('tr', { testid: 'session-row', 'data-session': name },
      el('th', { scope: 'row', class: 'col-name', testid: 'session-name' }, name),
      ...columns.map(c => cells[c]),
      el('td', { class: 'col-actions' },
        button('Chat', 'open', 'session-open'),
        button('Restart', 'restart', 'session-restart'),
        button('Terminate', 'terminate', 'session-terminate', { class: 'danger' })));
    return { row, cells };
  }
}

function update({ row, cells }, info, selected) {
  const counters = info.counters ?? {};
  setText(cells.state, info.state);
  cells.state.className = `col-state state-${String(info.state).toLowerCase()}`;
  cells.state.title = info.lastError ? `Last error: ${info.lastError}` : '';
  setText(cells.silo, info.silo ?? '—');
  setText(cells.queue, String(info.queueLength ?? 0));
  setText(cells.restarts, String(counters.restarts ?? 0));
  setText(cells.cost, formatCost(counters.costUsd));
  row.querySelector('.col-name').title = info.optionsSummary ?? '';
  markSelected(row, selected);
}

function markSelected(row, selected) {
  row.classList.toggle('selected', selected);
  if (selected) {
    row.setAttribute('aria-current', 'true');
  } else {
    row.removeAttribute('aria-current');
  }
}

function setText(element, text) {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}
