// Widget state in the address: ?plane.scale=log&plane2.capability=1,2,4 — the same names in both languages,
// so a link keeps its state across the language switch. Values are only ever put into form fields as text.

const KEY = /^([a-z]+[0-9]*)\.([a-z_]{1,40})$/;
const MAX_VALUE = 20000;
const HOSTILE = /[<>]|javascript:|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/i;

/**
 * Read the state for the widgets on this page from the query string.
 * @param {string} search @param {Map<string, Set<string>>} known widget key → field names
 * @returns {{state: Map<string, Record<string, string>>, ignored: string[]}}
 */
export function readState(search, known) {
  /** @type {Map<string, Record<string, string>>} */ const state = new Map();
  /** @type {string[]} */ const ignored = [];
  let params;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { state, ignored: ["?"] };
  }
  for (const [rawKey, value] of params) {
    const match = KEY.exec(rawKey);
    const fields = match ? known.get(match[1]) : undefined;
    if (!match || !fields) {
      // Parameters of other widgets (or other tools) are left alone; only malformed widget keys are reported.
      if (/^[a-z]+[0-9]*\./.test(rawKey) || /[<>]/.test(rawKey)) ignored.push(rawKey.slice(0, 40));
      continue;
    }
    if (!fields.has(match[2]) || value.length > MAX_VALUE || HOSTILE.test(value)) {
      ignored.push(rawKey.slice(0, 40));
      continue;
    }
    const entry = state.get(match[1]) || {};
    entry[match[2]] = value;
    state.set(match[1], entry);
  }
  return { state, ignored };
}

/**
 * The query string with this widget's changed values (only those that differ from its defaults).
 * @param {string} search @param {string} key @param {Record<string, string>} values @param {Record<string, string>} defaults
 */
export function writeState(search, key, values, defaults) {
  const params = new URLSearchParams(search);
  for (const name of [...params.keys()]) if (name.startsWith(key + ".")) params.delete(name);
  for (const [field, value] of Object.entries(values)) {
    if ((defaults[field] ?? "") !== value) params.set(`${key}.${field}`, value);
  }
  const text = params.toString().replace(/%2C/g, ",");
  return text ? "?" + text : "";
}
