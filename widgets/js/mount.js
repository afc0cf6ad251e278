// Brings a page's pre-rendered widgets to life: collects their inputs, asks the engine, swaps in the returned
// fragment. Everything shown from the reader or the URL is set as text or as a form value; only the HTML rendered
// (and escaped) by ai45widgets in Python is inserted as markup. All a page mounts belongs to its Scope: when the
// next page is shown, its listeners, timers, queued inputs and address writes end, and a result that arrives
// for a widget that is gone is dropped.

import { call, engineStatus, onStatus, start } from "./engine.js";
import { readState, writeState } from "./urlstate.js";

/** @typedef {import("./scope.js").Scope} Scope */
/** @typedef {{build: string, lang: string, ui: Record<string, string>, embedBase: string, engine: boolean,
 *   serviceWorker: string, keep: string[]} & import("./engine.js").EngineConfig} PageConfig */
/** @typedef {{field: string, code: string, message: string}} FieldError */
/** @typedef {{ok: true, html: string, csv: string, svg: string, summary: string} | {ok: false, errors: FieldError[]}} RunResult */

/** Values of a widget's form as text, keyed by field name (checkbox groups joined by commas). @param {HTMLFormElement} form */
export function formState(form) {
  /** @type {Record<string, string>} */ const state = {};
  for (const el of form.querySelectorAll("input[name], select[name], textarea[name]")) {
    const input = /** @type {HTMLInputElement} */ (el);
    if (input.type === "checkbox") {
      const prev = state[input.name] ? state[input.name].split(",") : [];
      if (input.checked) prev.push(input.value);
      state[input.name] = prev.join(",");
    } else state[input.name] = input.value;
  }
  return state;
}

/** @param {HTMLFormElement} form @param {Record<string, string>} values */
function setForm(form, values) {
  for (const [name, value] of Object.entries(values)) {
    const els = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
    for (const el of els) {
      const input = /** @type {HTMLInputElement} */ (el);
      if (input.type === "checkbox") input.checked = value.split(/[\s,]+/).includes(input.value);
      else input.value = value;
    }
    const slider = /** @type {HTMLInputElement | null} */ (form.querySelector(`[data-ai45-slider="${CSS.escape(name)}"]`));
    if (slider && value.trim() !== "" && Number.isFinite(Number(value))) slider.value = value;
  }
}

function download(/** @type {string} */ filename, /** @type {string} */ type, /** @type {string} */ text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

class Widget {
  /** @param {HTMLElement} root @param {PageConfig} config @param {Scope} scope */
  constructor(root, config, scope) {
    this.root = root;
    this.config = config;
    this.scope = scope;
    this.name = root.dataset.ai45Widget || "";
    this.key = root.dataset.ai45Key || this.name;
    this.form = /** @type {HTMLFormElement} */ (root.querySelector("form"));
    this.output = /** @type {HTMLElement} */ (root.querySelector("[data-ai45-output]"));
    this.status = /** @type {HTMLElement} */ (root.querySelector("[data-ai45-status]"));
    this.announce = /** @type {HTMLElement} */ (root.querySelector("[data-ai45-announce]"));
    // The pre-rendered form is the starting state (read before any URL state is applied), so links carry
    // only what the reader changed, written exactly as the form writes it.
    this.defaults = formState(this.form);
    this.prerendered = { html: this.output.innerHTML, csv: this.output.dataset.ai45Csv || "" };
    /** @type {Record<string, string> | null} */ this.queued = null;
    /** @type {Record<string, string> | null} */ this.addressState = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */ this.addressTimer = undefined;
    this.busy = false;
    this.notice = "";
    this.failReason = "";
  }

  fields() {
    return new Set(Object.keys(formState(this.form)));
  }

  mount() {
    const scope = this.scope;
    scope.listen(this.form, "input", (event) => {
      const target = /** @type {HTMLInputElement} */ (event.target);
      if (target.dataset.ai45Slider) setForm(this.form, { [target.dataset.ai45Slider]: target.value });
      else if (target.type !== "file") {
        const slider = /** @type {HTMLInputElement | null} */ (this.form.querySelector(`[data-ai45-slider="${CSS.escape(target.name)}"]`));
        if (slider && target.value.trim() !== "" && Number.isFinite(Number(target.value))) slider.value = target.value;
      }
      this.changed();
    });
    scope.listen(this.form, "change", (event) => {
      const target = /** @type {HTMLInputElement} */ (event.target);
      if (target.type === "file" && target.files && target.files[0]) this.upload(target);
    });
    scope.listen(this.form, "submit", (event) => event.preventDefault());
    scope.listen(this.root, "click", (event) => {
      const button = event.target instanceof Element ? event.target.closest("button") : null;
      if (!button || !this.root.contains(button)) return;
      if (button.dataset.ai45Preset) {
        setForm(this.form, JSON.parse(button.dataset.ai45Preset));
        this.changed();
      } else if (button.dataset.ai45Action) this.action(button.dataset.ai45Action, button);
    });
  }

  /** @param {HTMLInputElement} input */
  upload(input) {
    const file = /** @type {File} */ (input.files?.[0]);
    const target = /** @type {HTMLTextAreaElement | null} */ (this.form.querySelector(`textarea[name="${CSS.escape(input.dataset.ai45Upload || "")}"]`));
    if (!target) return;
    if (file.size > 1_000_000) {
      this.showErrors([{ field: target.name, code: "too_long", message: this.config.ui.file_too_large }]);
      return;
    }
    file.text().then((text) => {
      if (!this.scope.alive) return;
      target.value = text;
      input.value = "";
      this.changed();
    });
  }

  changed() {
    this.queued = formState(this.form);
    this.output.setAttribute("aria-busy", "true");
    if (engineStatus() === "idle" || engineStatus() === "failed") start(this.config);
    this.pump();
  }

  /** Compute the latest queued state; only the newest result is shown, and none once the page has gone. @returns {Promise<void>} */
  async pump() {
    if (this.busy || !this.queued || engineStatus() !== "ready") return;
    const state = this.queued;
    this.queued = null;
    this.busy = true;
    /** @type {RunResult} */ let result;
    try {
      result = JSON.parse(await call("run", [this.name, JSON.stringify(state), this.config.lang]));
    } catch {
      // The engine went away mid-call: keep the state queued; it is computed when the engine is back.
      this.busy = false;
      if (this.scope.alive && !this.queued) this.queued = state;
      return;
    }
    this.busy = false;
    if (!this.scope.alive) return;
    if (this.queued) return this.pump();  // a newer state arrived: show only the latest
    this.show(result, state);
  }

  /** @param {RunResult} result @param {Record<string, string>} state */
  show(result, state) {
    this.output.removeAttribute("aria-busy");
    if (result.ok) {
      this.output.innerHTML = result.html;  // rendered and escaped by ai45widgets (Python)
      this.output.dataset.ai45Csv = result.csv;
      this.announce.textContent = result.summary;
      this.showErrors([]);
      this.rememberInAddress(state);
    } else this.showErrors(result.errors);
    this.root.dispatchEvent(new CustomEvent("ai45:output", { bubbles: true, detail: { ok: result.ok } }));
  }

  /**
   * Put the state in the address bar, at most every 300 ms: a dragged slider sends dozens of results a
   * second, and browsers limit how often a page may call replaceState (Safari throws past ~100 in 30 s).
   * @param {Record<string, string>} state
   */
  rememberInAddress(state) {
    this.addressState = state;
    if (this.addressTimer === undefined) this.addressTimer = this.scope.timeout(() => this.writeAddress(), 300);
  }

  /** Write a pending state into the address now (the page's own address: never after the page has gone). */
  writeAddress() {
    if (this.addressTimer !== undefined) this.scope.clear(this.addressTimer);
    this.addressTimer = undefined;
    const state = this.addressState;
    this.addressState = null;
    if (!state || !this.scope.alive) return;
    try {
      history.replaceState(history.state, "", location.pathname + writeState(location.search, this.key, state, this.defaults) + location.hash);
    } catch { /* the address is a convenience; the widget keeps working without it */ }
    this.root.dispatchEvent(new CustomEvent("ai45:address", { bubbles: true }));
  }

  /** @param {{field: string, code: string, message: string}[]} errors */
  showErrors(errors) {
    const byField = new Map(errors.filter((e) => e.field).map((e) => [e.field, e.message]));
    for (const p of this.root.querySelectorAll("[data-ai45-error-for]")) {
      const el = /** @type {HTMLElement} */ (p);
      const field = el.dataset.ai45ErrorFor || "";
      const message = byField.get(field);
      el.textContent = message || "";
      el.hidden = !message;
      for (const input of this.form.querySelectorAll(`[name="${CSS.escape(field)}"]`)) {
        if (message) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
      byField.delete(field);
    }
    const general = [...errors.filter((e) => !e.field).map((e) => e.message), ...byField.values()];
    this.root.dataset.ai45Invalid = errors.length ? "true" : "false";
    if (errors.length) this.announce.textContent = this.config.ui.error_summary + (general.length ? " " + general.join(" ") : "");
    this.renderStatus(general.join(" "));
  }

  renderStatus(extra = "") {
    const s = engineStatus();
    const state = s === "ready" ? "live" : s === "failed" ? "error" : s === "loading" ? "loading" : "static";
    this.root.dataset.ai45State = state;
    const ui = this.config.ui;
    let text = state === "live" ? ui.live : state === "loading" ? ui.loading : state === "error" ? ui.failed.replace("{reason}", this.failReason || "?") : ui.static;
    if (this.notice) text += " " + this.notice;
    if (extra) text += " " + extra;
    this.status.textContent = text;
    if (state === "error") {
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "md-button ai45-retry";
      retry.textContent = ui.retry;
      this.scope.listen(retry, "click", () => { if (!this.queued) this.queued = formState(this.form); start(this.config); });
      this.status.append(" ", retry);
    }
  }

  /** @param {string} action @param {HTMLButtonElement} button */
  action(action, button) {
    const state = formState(this.form);
    const url = new URL(location.pathname + writeState("", this.key, state, this.defaults), location.href).href;
    if (action === "link") {
      const done = () => { const old = button.textContent; button.textContent = this.config.ui.copied; this.scope.timeout(() => { button.textContent = old; }, 1500); };
      navigator.clipboard?.writeText(url).then(done, () => this.showEmbed(url)) ?? this.showEmbed(url);
    } else if (action === "csv") download(`${this.key}.csv`, "text/csv;charset=utf-8", "\ufeff" + (this.output.dataset.ai45Csv || ""));
    else if (action === "svg") {
      const svg = this.output.querySelector("svg");
      if (svg) download(`${this.key}.svg`, "image/svg+xml", new XMLSerializer().serializeToString(svg));
    } else if (action === "embed") {
      const root = new URL(this.config.root.endsWith("/") ? this.config.root : this.config.root + "/", location.href);
      // The embed page holds this one widget under its plain name; all values are written out in full.
      const embed = new URL(`${this.config.embedBase}${this.name}/` + writeState("", this.name, state, {}), root).href;
      const title = this.root.querySelector(".ai45-title")?.textContent || this.name;
      this.showEmbed(`<iframe src="${embed}" title="${title.replace(/"/g, "&quot;")}" width="100%" height="720" style="border:0" loading="lazy"></iframe>`);
    } else if (action === "reset") {
      for (const el of this.form.querySelectorAll("input[type=checkbox]")) /** @type {HTMLInputElement} */ (el).checked = false;
      setForm(this.form, this.defaults);
      this.output.innerHTML = this.prerendered.html;
      this.output.dataset.ai45Csv = this.prerendered.csv;
      this.showErrors([]);
      if (this.addressTimer !== undefined) this.scope.clear(this.addressTimer);
      this.addressTimer = undefined;
      this.addressState = null;
      history.replaceState(history.state, "", location.pathname + writeState(location.search, this.key, {}, {}) + location.hash);
    }
  }

  /** @param {string} text */
  showEmbed(text) {
    const box = /** @type {HTMLElement} */ (this.root.querySelector("[data-ai45-embed]"));
    const area = /** @type {HTMLTextAreaElement} */ (box.querySelector("textarea"));
    box.hidden = false;
    area.value = text;
    area.focus();
    area.select();
  }
}

/**
 * Mount every widget of the page shown now; everything lives in `scope`. A widget comes alive (listeners, live
 * status) when it comes near the viewport, when the reader reaches it (focus, pointer), when the link carries a
 * state for it, or — for the rest — one by one when the browser is idle: a long page does no work for widgets
 * far below the fold while it loads (Our World in Data's grapher does the same). Pending address
 * changes are written before a link is followed (so Back returns to the same state).
 * @param {PageConfig} config @param {Scope} scope @returns {Widget[]}
 */
export function mountWidgets(config, scope) {
  const widgets = [...document.querySelectorAll("[data-ai45-widget]")]
    .map((el) => new Widget(/** @type {HTMLElement} */ (el), config, scope));
  if (!widgets.length) return [];
  /** @type {Map<string, Set<string>>} */ const known = new Map(widgets.map((w) => [w.key, w.fields()]));
  const { state, ignored } = readState(location.search, known);
  if (ignored.length) widgets[0].notice = config.ui.url_ignored.replace("{names}", ignored.join(", "));
  /** @type {Set<Widget>} */ const live = new Set();
  let reason = "";
  /** @param {Widget} w */
  const hydrate = (w) => {
    if (live.has(w) || !scope.alive) return;
    live.add(w);
    w.mount();
    const fromUrl = state.get(w.key);
    if (fromUrl) { setForm(w.form, fromUrl); w.changed(); }
    else if (edited(w.form)) w.changed();  // changed before the widget woke (form restore, autofill): compute it
    w.failReason = reason;
    w.renderStatus();
    if (engineStatus() === "ready") w.pump();
  };
  const near = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      near.unobserve(entry.target);
      const w = widgets.find((x) => x.root === entry.target);
      if (w) hydrate(w);
    }
  }, { rootMargin: "100% 0px" });
  scope.defer(() => near.disconnect());
  for (const w of widgets) {
    if (state.has(w.key) || w.notice) { hydrate(w); continue; }
    near.observe(w.root);
    for (const type of ["focusin", "pointerdown"]) scope.listen(w.root, type, () => hydrate(w), { capture: true });
  }
  const rest = () => {
    const next = widgets.find((w) => !live.has(w));
    if (!next) return;
    hydrate(next);
    scope.idle(rest);
  };
  scope.idle(rest);
  scope.defer(onStatus((status, why) => {
    reason = why;
    for (const w of live) {
      w.failReason = why;
      w.renderStatus();
      if (status === "ready") w.pump();
    }
  }));
  scope.listen(document, "click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (link) for (const w of live) w.writeAddress();
  }, { capture: true });
  scope.defer(() => { for (const w of widgets) w.queued = null; });
  return widgets;
}

/** Whether a control no longer holds the value the page was built with. @param {HTMLFormElement} form */
function edited(form) {
  for (const el of form.elements) {
    if (el instanceof HTMLSelectElement) {
      const initial = [...el.options].findIndex((o) => o.defaultSelected);
      if (el.selectedIndex !== (initial < 0 && !el.multiple ? 0 : initial)) return true;
    } else if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
      if (el.checked !== el.defaultChecked) return true;
    } else if ((el instanceof HTMLInputElement && el.type !== "file") || el instanceof HTMLTextAreaElement) {
      if (el.value !== el.defaultValue) return true;
    }
  }
  return false;
}
