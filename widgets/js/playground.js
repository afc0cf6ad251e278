// The Python playground. Loaded only by pages that have one (ai45.js imports it on demand). The reader's code
// goes to the tab's engine (`ai45widgets.playground.execute` in the Pyodide worker), so the page stays
// responsive; a run past 10 s is stopped by ending the worker, and engine.js starts a new one. The reply is
// JSON: printed text, values and tracebacks are shown as text; only the table and chart HTML, rendered and
// escaped by Python, is inserted as markup. The code travels in the address as
// #code=<base64url> (codelink.js): opening such a link fills the editor and never runs it.
//
// The page's text box is the editor until CodeMirror (editor.js, a chunk of ≈ 470 kB whose start is a long task)
// replaces it: when the reader first reaches for the playground (pointer, focus or key), or when the browser is
// idle once the engine is ready. Until then the text box works as the editor: typing, Run, Ctrl/Cmd+Enter, the
// examples and the address all work, and the swap keeps the text, the selection and the focus. The text box
// always holds the current code (the editor writes every change back to it).
//
// DOM contract (rendered by Python, widgets/ai45widgets/playground.py): [data-ai45-playground] holds the
// textarea[data-ai45-code] that the editor replaces, select[data-ai45-example], [data-ai45-run],
// [data-ai45-copy-link], the [data-ai45-message] status line and [data-ai45-console], whose data-ai45-state is
// idle → running → done | error.

import { EngineError, call, onStatus } from "./engine.js";
import { codePoints, decodeCode, encodeCode } from "./codelink.js";

/** @typedef {import("./scope.js").Scope} Scope */
/** @typedef {import("./mount.js").PageConfig} PageConfig */
/** @typedef {import("./editor.js").Editor} Editor */
/** @typedef {{type: string, code: string, field: string, traceback: string, explanation: string}} RunError */
/** @typedef {{ok: boolean, output: string, value: string | null, html: string, notes: string[], error: RunError | null}} RunReply */
/** @typedef {{lang: string, maxCode: number, ui: Record<string, string>, examples: Record<string, string>}} PlaygroundData */

/** A run longer than this is stopped (the engine is restarted). */
export const TIME_LIMIT_MS = 10_000;
/** The address follows the code at most this often (browsers limit how often a page may rewrite it). */
const ADDRESS_DELAY_MS = 400;

/** @param {PageConfig} config @param {Scope} scope */
export function mountPlayground(config, scope) {
  for (const root of document.querySelectorAll("[data-ai45-playground]")) mount(/** @type {HTMLElement} */ (root), scope);
}

/** @param {string} tag @param {string} className @param {string} [text] */
function element(tag, className, text) {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** @param {HTMLElement} root @param {Scope} scope */
function mount(root, scope) {
  const textarea = /** @type {HTMLTextAreaElement | null} */ (root.querySelector("textarea[data-ai45-code]"));
  const picker = /** @type {HTMLSelectElement | null} */ (root.querySelector("select[data-ai45-example]"));
  const runButton = /** @type {HTMLButtonElement | null} */ (root.querySelector("[data-ai45-run]"));
  const copyButton = /** @type {HTMLButtonElement | null} */ (root.querySelector("[data-ai45-copy-link]"));
  const message = /** @type {HTMLElement | null} */ (root.querySelector("[data-ai45-message]"));
  const output = /** @type {HTMLElement | null} */ (root.querySelector("[data-ai45-console]"));
  const body = /** @type {HTMLElement | null} */ (root.querySelector("[data-ai45-console-body]"));
  if (!textarea || !picker || !runButton || !copyButton || !message || !output || !body) return;
  /** @type {PlaygroundData} */ const data = JSON.parse(root.dataset.ai45PlaygroundData || "{}");
  const ui = data.ui;
  const fallback = textarea.defaultValue;  // the page's own example, whatever the browser restored
  const say = (/** @type {string} */ text) => { message.textContent = text; };

  let initial = fallback;
  const linked = decodeCode(location.hash, data.maxCode);
  if (linked && linked.ok) {
    initial = linked.code;
    say(ui.link_loaded);
  } else if (linked) {
    say(ui.link_bad.replace("{reason}", ui[linked.reason].replace("{n}", data.maxCode.toLocaleString(data.lang))));
  }
  const chosen = Object.entries(data.examples).find(([, code]) => code === initial);
  if (chosen) picker.value = chosen[0];

  let running = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */ let addressTimer;
  const code = () => textarea.value;

  /** Put the code in the address (or take it out when it is the page's own example). */
  const writeAddress = () => {
    scope.clear(addressTimer);
    addressTimer = undefined;
    if (!scope.alive) return;
    const text = code();
    const isLink = location.hash.startsWith("#code=");
    const hash = text === fallback || codePoints(text) > data.maxCode ? (isLink ? "" : location.hash) : "#" + encodeCode(text);
    if (hash === location.hash) return;
    try {
      history.replaceState(history.state, "", location.pathname + location.search + hash);
    } catch { /* the address is a convenience; the playground works without it */ }
    root.dispatchEvent(new CustomEvent("ai45:address", { bubbles: true }));
  };
  const scheduleAddress = () => {
    if (addressTimer === undefined) addressTimer = scope.timeout(writeAddress, ADDRESS_DELAY_MS);
  };

  textarea.value = initial;
  scope.listen(textarea, "input", scheduleAddress);

  /** @type {Editor | null} */ let editor = null;
  let wanted = false;
  let composing = false;  // an input method (pinyin…) is composing in the text box: swap after it
  /** @type {(() => void) | null} */ let afterComposition = null;
  scope.listen(textarea, "compositionstart", () => { composing = true; });
  scope.listen(textarea, "compositionend", () => { composing = false; if (afterComposition) afterComposition(); });
  const upgrade = () => {
    if (wanted || !scope.alive) return;
    wanted = true;
    import("./editor.js").then((module) => {
      const create = () => {
        afterComposition = null;
        if (!scope.alive || editor) return;
        const made = module.createEditor(textarea, { run: () => { run(); }, changed: scheduleAddress });
        editor = made;
        scope.defer(() => made.destroy());
      };
      if (composing) afterComposition = create;
      else create();
    }, () => { /* offline before the editor was ever fetched: the text box stays the editor */ });
  };
  for (const type of ["pointerdown", "focusin", "keydown"]) scope.listen(root, type, upgrade, { capture: true });
  scope.defer(onStatus((status) => { if (status === "ready") scope.idle(upgrade); }));
  const label = root.querySelector(`label[for="${CSS.escape(textarea.id)}"]`);
  if (label) scope.listen(label, "click", (event) => { if (editor) { event.preventDefault(); editor.focus(); } });

  /** @param {"idle" | "running" | "done" | "error"} state */
  const setState = (state) => {
    output.dataset.ai45State = state;
    if (state === "running") output.setAttribute("aria-busy", "true");
    else output.removeAttribute("aria-busy");
    runButton.setAttribute("aria-disabled", String(state === "running"));
  };

  /** @param {string} heading @param {string} text */
  const block = (heading, text) => {
    const pre = element("pre", "ai45-console-text", text);
    pre.tabIndex = 0;  // long output scrolls: reachable by keyboard
    pre.setAttribute("aria-label", heading);
    return [element("p", "ai45-console-heading", heading), pre];
  };

  /** @param {RunReply} reply */
  const show = (reply) => {
    /** @type {Node[]} */ const parts = [];
    if (reply.output) parts.push(...block(ui.printed, reply.output));
    for (const note of reply.notes) parts.push(element("p", "ai45-note", note));
    if (reply.value !== null) parts.push(...block(ui.value, reply.value));
    if (reply.html) {
      const html = element("div", "ai45-console-html");
      html.innerHTML = reply.html;  // rendered and escaped by ai45widgets (Python)
      parts.push(html);
    }
    if (reply.error) {
      const box = element("div", "ai45-console-error");
      box.append(element("p", "ai45-console-heading", ui.error));
      if (reply.error.explanation) box.append(element("p", "ai45-console-explanation", reply.error.explanation));
      if (reply.error.traceback) box.append(block(ui.error, reply.error.traceback)[1]);
      parts.push(box);
    }
    if (!parts.length) parts.push(element("p", "ai45-console-empty", ui.nothing));
    body.replaceChildren(...parts);
    setState(reply.ok ? "done" : "error");
    say(reply.ok ? ui.done : ui.done_error);
  };

  /** @param {string} text */
  const fail = (text) => {
    body.replaceChildren(element("p", "ai45-console-explanation", text));
    setState("error");
    say(text);
  };

  const run = async () => {
    if (running) return;
    running = true;
    writeAddress();
    setState("running");
    say(ui.running);
    /** @type {RunReply} */ let reply;
    try {
      const parsed = JSON.parse(await call("execute", [code(), data.lang], { timeout: TIME_LIMIT_MS }));
      if (!parsed || typeof parsed.output !== "string") {  // the worker's own error shape: {ok: false, errors}
        throw new EngineError("internal", String(parsed?.errors?.[0]?.message || "no reply"));
      }
      reply = parsed;
    } catch (err) {
      running = false;
      if (!scope.alive) return;
      const why = err instanceof EngineError ? err.code : "";
      const reason = String(/** @type {Error} */ (err)?.message || err);
      if (why === "timeout") fail(ui.timeout);
      else if (why === "crashed") fail(ui.crashed);
      else if (why === "failed") fail(ui.failed.replace("{reason}", reason));
      else fail(ui.internal.replace("{reason}", reason));
      return;
    }
    running = false;
    if (scope.alive) show(reply);
  };

  // While a run waits for the engine to start, say so (the first run on a page may wait a few seconds).
  scope.defer(onStatus((status) => { if (running && status === "loading") say(ui.loading); else if (running && status === "ready") say(ui.running); }));
  scope.listen(runButton, "click", () => { run(); });
  scope.listen(root, "keydown", (event) => {
    const e = /** @type {KeyboardEvent} */ (event);
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) { e.preventDefault(); run(); }
  });
  scope.listen(picker, "change", () => {
    const next = data.examples[picker.value];
    if (next === undefined) return;
    const edited = !Object.values(data.examples).includes(code());
    if (editor) editor.setCode(next);
    else {
      textarea.value = next;
      scheduleAddress();
    }
    body.replaceChildren(element("p", "ai45-console-empty", ui.idle));
    setState("idle");
    say(edited ? ui.example_loaded : "");
  });
  scope.listen(copyButton, "click", () => {
    const text = code();
    if (codePoints(text) > data.maxCode) { say(ui.link_too_long.replace("{n}", data.maxCode.toLocaleString(data.lang))); return; }
    const url = location.origin + location.pathname + location.search + "#" + encodeCode(text);
    if (text !== fallback) writeAddress();
    const clipboard = navigator.clipboard;
    if (!clipboard) { say(ui.copy_failed); return; }
    clipboard.writeText(url).then(() => { if (scope.alive) say(ui.copied); }, () => { if (scope.alive) say(ui.copy_failed); });
  });
  // The language switcher reads the address when it is clicked: bring the address up to date first.
  for (const type of ["pointerdown", "keydown"]) {
    scope.listen(document, type, (event) => {
      if (addressTimer !== undefined && event.target instanceof Element && event.target.closest("a[hreflang], a[href]")) writeAddress();
    }, { capture: true });
  }
  for (const control of [picker, runButton, copyButton]) control.disabled = false;
}
