// Small DOM and formatting helpers. Everything from the server goes in as text, never as HTML.

/** Creates an element with attributes (`testid` becomes `data-testid`) and text or child nodes. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'testid') {
      element.dataset.testid = value;
    } else if (key === 'class') {
      element.className = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  element.append(...children.filter(c => c !== undefined && c !== null));
  return element;
}

/** US dollars, with enough digits for the fractions of a cent a query costs. */
export function formatCost(usd) {
  const value = Number(usd ?? 0);
  if (value === 0) {
    return '$0.00';
  }
  if (value < 0.0001) {
    return '<$0.0001';
  }
  return `$${value.toFixed(value >= 1 ? 2 : 4)}`;
}

/** A .NET TimeSpan as JSON (`[d.]hh:mm:ss[.fffffff]`) in seconds or minutes. */
export function formatDuration(timeSpan) {
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(timeSpan ?? '');
  if (!match) {
    return timeSpan ?? '';
  }
  const [, days, hours, minutes, seconds] = match;
  const total = Number(days ?? 0) * 86400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  // Rounded before it is split, so that 59.96 s reads 1 min 0 s rather than 60.0 s, and 119.6 s 2 min 0 s.
  if (Math.round(total * 10) < 600) {
    return `${total.toFixed(1)} s`;
  }
  const whole = Math.round(total);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

export function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A tool input as one short line for a summary. */
export function shortJson(json, max = 120) {
  const compact = compactJson(json);
  return compact.length > max ? `${compact.slice(0, max - 1)}…` : compact;
}

/** A tool input, indented for reading. */
export function prettyJson(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json ?? '';
  }
}

function compactJson(json) {
  try {
    return JSON.stringify(JSON.parse(json));
  } catch {
    return json ?? '';
  }
}

/** Cuts long tool output, saying how much was left out. */
export function truncate(text, max = 4000) {
  if (!text || text.length <= max) {
    return text ?? '';
  }
  return `${text.slice(0, max)}\n… (${text.length - max} more characters)`;
}
