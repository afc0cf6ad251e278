// Everything a page mounts lives in one Scope: listeners, timers, idle callbacks and cleanups are registered here, and
// `dispose()` ends them all when Material's `document$` shows the next page (the way Material's own components
// are torn down with `switchMap`/`finalize`). Work that finishes later checks `alive` and is dropped.

export class Scope {
  constructor() {
    this.alive = true;
    this.controller = new AbortController();
    /** @type {Set<ReturnType<typeof setTimeout>>} */ this.timers = new Set();
    /** @type {Set<number>} */ this.idles = new Set();
    /** @type {(() => void)[]} */ this.cleanups = [];
  }

  /** The signal that removes this page's listeners. */
  get signal() {
    return this.controller.signal;
  }

  /**
   * Listen until the page goes.
   * @param {EventTarget} target @param {string} type @param {(event: any) => void} fn
   * @param {AddEventListenerOptions} [options]
   */
  listen(target, type, fn, options = {}) {
    target.addEventListener(type, fn, { ...options, signal: this.signal });
  }

  /** A timer that is cleared if the page goes first (none is set once it has gone). @param {() => void} fn @param {number} ms */
  timeout(fn, ms) {
    if (!this.alive) return undefined;
    const id = setTimeout(() => { this.timers.delete(id); if (this.alive) fn(); }, ms);
    this.timers.add(id);
    return id;
  }

  /** Run `fn` once the browser is idle (within a second), unless the page goes first. @param {() => void} fn */
  idle(fn) {
    if (!this.alive) return;
    if (typeof requestIdleCallback !== "function") {  // Safari has none
      this.timeout(fn, 50);
      return;
    }
    const id = requestIdleCallback(() => { this.idles.delete(id); if (this.alive) fn(); }, { timeout: 1000 });
    this.idles.add(id);
  }

  /** @param {ReturnType<typeof setTimeout> | undefined} id */
  clear(id) {
    if (id === undefined) return;
    clearTimeout(id);
    this.timers.delete(id);
  }

  /** Run `fn` when the page goes. @param {() => void} fn */
  defer(fn) {
    this.cleanups.push(fn);
  }

  dispose() {
    if (!this.alive) return;
    this.alive = false;
    this.controller.abort();
    for (const id of this.timers) clearTimeout(id);
    this.timers.clear();
    for (const id of this.idles) cancelIdleCallback(id);
    this.idles.clear();
    for (const fn of this.cleanups.splice(0).reverse()) {
      try { fn(); } catch { /* one failing cleanup must not keep the others from running */ }
    }
  }
}
