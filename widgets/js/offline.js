// Offline reading: the service worker (widgets/sw.js, served as <site>/ai45-sw.js) keeps every page the reader
// has seen, together with the files that page references, until a newer copy replaces it.

import { onStatus } from "./engine.js";

/** @typedef {import("./mount.js").PageConfig} PageConfig */
/** @typedef {import("./scope.js").Scope} Scope */

/** Register the worker once the first page has loaded (it never competes with the page's own downloads). @param {PageConfig} config */
export function registerServiceWorker(config) {
  if (!("serviceWorker" in navigator) || !config.serviceWorker) return;
  const root = new URL(config.root.endsWith("/") ? config.root : config.root + "/", location.href);
  const register = () => {
    navigator.serviceWorker.register(new URL(config.serviceWorker, root), { scope: root.pathname }).catch(() => {});
  };
  if (document.readyState === "complete") setTimeout(register, 0);
  else addEventListener("load", () => setTimeout(register, 0), { once: true });
}

/**
 * Ask the worker to keep this page and everything it references. A page with widgets asks once its engine has
 * loaded, so that the runtime is copied from the HTTP cache rather than downloaded a second time.
 * @param {PageConfig} config @param {Scope} scope
 */
export function keepForOffline(config, scope) {
  if (!("serviceWorker" in navigator)) return;
  const url = location.href.split(/[?#]/)[0];
  const send = () => {
    navigator.serviceWorker.ready.then((registration) => {
      // Readers who asked their browser to save data do not get the 7 MB snapshot (it only speeds up a restart).
      const lite = !!(/** @type {any} */ (navigator).connection?.saveData);
      if (scope.alive) registration.active?.postMessage({ type: "keep", url, lite });
    }, () => {});
  };
  if (!config.engine) { send(); return; }
  let sent = false;
  const off = onStatus((status) => {
    if (sent || (status !== "ready" && status !== "failed")) return;
    sent = true;
    send();
  });
  scope.defer(off);
}
