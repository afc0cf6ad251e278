// Starts the engine while the page is still being parsed: loaded with `async` from the <head> of pages that
// have widgets (right after the page's JSON island), it creates the engine's worker at once instead of after
// the whole page and Material's scripts have run. ai45.js, which mounts the widgets later, shares this module's
// engine (engine.js is one module in one bundle).

import { start } from "./engine.js";

const island = document.getElementById("__ai45");
const config = island ? JSON.parse(island.textContent || "{}") : null;
if (config && config.engine) start(config);
