// Entry point (added to every page by the hook). Runs once per tab; Material's `document$` tells it about every
// page shown, including those reached by instant navigation. Each page gets a fresh Scope, disposed when the
// next page is shown; the engine (engine.js), the language switcher and the service worker belong to the tab.

import { Scope } from "./scope.js";
import { mountWidgets } from "./mount.js";
import { mountExercises } from "./exercise.js";
import { interceptSwitcher, updateSwitcher } from "./language.js";
import { engineStatus, onStatus, start, stats } from "./engine.js";
import { keepForOffline, registerServiceWorker } from "./offline.js";

/** @typedef {import("./mount.js").PageConfig} PageConfig */

/** @returns {PageConfig | null} */
function pageConfig() {
  const island = document.getElementById("__ai45");
  return island ? JSON.parse(island.textContent || "{}") : null;
}

/** @param {PageConfig} config */
function siteRoot(config) {
  return new URL(config.root.endsWith("/") ? config.root : config.root + "/", location.href).href;
}

const first = pageConfig();
/** @type {Scope | null} */ let current = null;

function onPage() {
  current?.dispose();
  current = null;
  const config = pageConfig();
  if (!config || !first) return;
  if (config.build !== first.build) {
    // A page of another deploy, reached by instant navigation: its HTML expects other scripts and another
    // runtime than this tab has loaded, so load it in full.
    location.reload();
    return;
  }
  const scope = new Scope();
  current = scope;
  updateSwitcher(siteRoot(config));
  mountWidgets(config, scope);
  mountExercises(config, scope);
  if (document.querySelector("[data-ai45-playground]")) {
    // A chunk of its own, downloaded by the pages that have a playground (its editor is one more, loaded
    // later: playground.js). If it cannot load (offline before it was ever fetched), the code stays readable.
    import("./playground.js").then((playground) => { if (scope.alive) playground.mountPlayground(config, scope); }, () => {});
  }
  // Pages with widgets start Python at once (boot.js already did, from <head>, on the first page of the tab);
  // text-only pages start nothing.
  if (config.engine && engineStatus() === "idle") start(config);
  keepForOffline(config, scope);
}

// Material's colour-scheme switch turns transitions off while it recolours the page, under an attribute that its
// start also sets and removes: two restyles of the whole page on every load. Its stylesheet, served inside ours,
// uses [data-ai45-switching] instead (bundle.py), set here only while the reader switches (and from <head> when
// Material will switch to the dark scheme as it starts).
const switched = () => requestAnimationFrame(() => document.documentElement.removeAttribute("data-ai45-switching"));
document.addEventListener("change", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-md-component=palette]")) {
    document.documentElement.setAttribute("data-ai45-switching", "");
    switched();
  }
}, true);
if (document.documentElement.hasAttribute("data-ai45-switching")) switched();

if (first) {
  const root = siteRoot(first);
  interceptSwitcher(root);
  // A widget change rewrites the address; keep the switcher's links (open in new tab, copy) in step.
  document.addEventListener("ai45:address", () => updateSwitcher(root));
  registerServiceWorker(first);
}

// For tests and the benchmark: one engine per tab, and whether anything is still pending (a call in flight,
// a timer of the page shown, such as the address writer) can be checked from outside.
/** @type {any} */ (window).__ai45 = {
  stats, engineStatus, onStatus,
  quiet: () => stats.pending === 0 && (!current || current.timers.size === 0),
};

const material = /** @type {any} */ (window).document$;
if (material && typeof material.subscribe === "function") material.subscribe(onPage);
else onPage();
