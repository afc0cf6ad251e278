// Entry point (the one script in mkdocs.yml). Runs once per tab; Material's `document$` tells it about every
// page shown, including those reached by instant navigation.

import { mountAll } from "./mount.js";
import { interceptSwitcher, updateSwitcher } from "./language.js";
import { stats, engineStatus, onStatus } from "./engine.js";

/** @returns {any} */
function pageConfig() {
  const island = document.getElementById("__ai45");
  return island ? JSON.parse(island.textContent || "{}") : null;
}

/** @type {any} */ let previous = null;

function onPage() {
  const config = pageConfig();
  if (!config) return;
  const root = new URL(config.root.endsWith("/") ? config.root : config.root + "/", location.href).href;
  updateSwitcher(root);
  previous?.unsubscribe?.();
  previous = mountAll(config);
}

const first = pageConfig();
if (first) {
  const root = new URL(first.root.endsWith("/") ? first.root : first.root + "/", location.href).href;
  interceptSwitcher(root);
  // A widget change rewrites the address; keep the switcher's links (open in new tab, copy) in step.
  document.addEventListener("ai45:address", () => updateSwitcher(root));
  // Once Python has loaded (so its files sit in the HTTP cache), keep them for repeat and offline visits.
  let registered = false;
  onStatus((status) => {
    if (status !== "ready" || registered || !first.serviceWorker || !("serviceWorker" in navigator)) return;
    registered = true;
    navigator.serviceWorker.register(new URL(first.serviceWorker, root), { scope: root }).catch(() => {});
  });
}

// For tests and the benchmark: one engine per tab can be checked from outside.
/** @type {any} */ (window).__ai45 = { stats, engineStatus };

const material = /** @type {any} */ (window).document$;
if (material && typeof material.subscribe === "function") material.subscribe(onPage);
else onPage();
