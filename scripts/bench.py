"""Performance figures for the site: ``make bench`` (or ``python -m scripts.bench [--runs N] [--quick]
[--no-lighthouse]``).

Builds the site into a temporary folder for a free port of 127.0.0.1 and serves it the way GitHub Pages does
(gzip for text types and .wasm, not for .zip/.whl; ``Cache-Control: max-age=600``), plus a bare page outside
the site (``/__bench/bare.html``) that imports the same ``pyodide.mjs`` and times ``loadPyodide`` and
``loadPackage`` of our two packages: the reference for "time to live". Then, in headless Chromium, with
medians over several runs (each measurement in a fresh browser context, so a cold cache):

1. bytes over the wire and requests for a text-only page (speech/) and a widget page (law/), by kind;
2. first output: first-contentful-paint, largest-contentful-paint and the paint of the first widget's
   pre-rendered figures (Element Timing), widget page against text-only page;
3. time to live: navigation start until the first widget answers an input, as a ratio to the bare page;
4. the second widget page reached by instant navigation (law/ → imbalance/): click until live;
5. interaction latency over many changes of every widget on its embed page (input event → ``ai45:output``);
6. main-thread blocking while the engine boots (long tasks, sum of the part over 50 ms);
7. a repeat visit with the service worker: runtime bytes fetched, time to live, and what the engine's boot
   still costs when every byte comes from the cache (worker start → ready; wasm compile alone);
8. Lighthouse (npm ``lighthouse@12.2.3``, mobile) for every page in the navigation, in both languages;
9. the build: wall time, size of the built site, its largest file, the runtime's share.

Prints a table (figure, value, target, ok/over) and writes ``bench-results/bench-<timestamp>.json``. Missed
targets never fail the run (benchmarks depend on the machine); only a crash exits non-zero.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

import ai45widgets
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright

from scripts._serve import CHROMIUM_ARGS, ROOT, PagesHandler, Sent, bind, build_site, chromium_path, serve

OUT = ROOT / "bench-results"
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
LIGHTHOUSE = "lighthouse@12.2.3"
TARGETS = {
    "ttl_ratio": 1.0, "repeat_ratio": 0.4, "second_page_ms": 200.0, "latency_p50_ms": 10.0, "latency_p95_ms": 30.0,
    "blocking_ms": 100.0, "performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100,
}

# Installed in every page before its own scripts: timings the page cannot give afterwards.
INSTRUMENT = r"""
(opts) => {
  if (window.top !== window || window.__bench) return;
  const B = window.__bench = { longtasks: [], lcp: [], elements: [], states: [], outputs: [], clicks: [], auto: null,
                               workers: [], messages: [], posts: [] };
  // The engine's worker, watched from outside: when it was created, what it said (ready, result), and when a
  // call was posted to it.
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      B.workers.push(performance.now());
      this.addEventListener("message", (e) => B.messages.push([performance.now(), e.data && e.data.type,
                                                               e.data && e.data.stage]));
    }
    postMessage(msg, ...rest) {
      if (msg && msg.type === "call") B.posts.push(performance.now());
      return super.postMessage(msg, ...rest);
    }
  };
  const observe = (type, fn) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true }); }
    catch (e) { B[type + "Error"] = String(e); }
  };
  observe("longtask", (e) => B.longtasks.push([e.startTime, e.duration]));
  // Long animation frames name the scripts that ran in them (which code a long task belongs to).
  B.loaf = [];
  observe("long-animation-frame", (e) => B.loaf.push([e.startTime, e.duration, e.blockingDuration,
    (e.scripts || []).filter((x) => x.duration >= 5).map((x) => [x.sourceURL.replace(location.origin, ""),
      x.invoker, Math.round(x.duration)])]));
  observe("largest-contentful-paint", (e) => B.lcp.push([e.startTime, e.size, e.element ? e.element.tagName : ""]));
  observe("element", (e) => B.elements.push([e.identifier, e.renderTime || e.loadTime]));
  // Element Timing for the pre-rendered figures (verdict and values): marked as the parser adds them.
  const FIGURES = "[data-ai45-output] .ai45-verdict, [data-ai45-output] dd";
  const mark = (el) => {
    const w = el.closest("[data-ai45-widget]");
    el.setAttribute("elementtiming", "ai45:" + (w ? w.id : "?"));
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes") {
        const w = r.target;
        B.states.push([performance.now(), w.id, w.dataset.ai45State]);
        if (opts.auto && !B.auto && w.dataset.ai45State === "live") {
          B.auto = { id: w.id, at: performance.now() };
          window.__benchChange(w, 1);
        }
        continue;
      }
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (n.matches(FIGURES)) mark(n);
        else if (n.querySelector("[data-ai45-output]")) n.querySelectorAll(FIGURES).forEach(mark);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-ai45-state"] });
  document.addEventListener("click", () => B.clicks.push(performance.now()), true);
  document.addEventListener("ai45:output",
    (e) => B.outputs.push([performance.now(), e.target.id, !!(e.detail && e.detail.ok)]), true);

  // Change one input of widget `w` to its i-th value (odd: another valid value, even: the original one).
  window.__benchChange = (w, i) => {
    const form = w.querySelector("form");
    const fire = (el) => el.dispatchEvent(new Event("input", { bubbles: true }));
    const slider = form.querySelector("input[type=range][data-ai45-slider]");
    if (slider) {
      const el = form.querySelector(`[name="${CSS.escape(slider.dataset.ai45Slider)}"]`);
      if (el.dataset.benchBase === undefined) el.dataset.benchBase = el.value;
      const base = Number(el.dataset.benchBase), step = Number(slider.step) || 0.01;
      const other = base + step * 2 <= Number(slider.max) ? base + step * 2 : base - step * 2;
      el.value = String(Number((i % 2 ? other : base).toFixed(6)));
      fire(el);
      return el.name;
    }
    const box = form.querySelector("input[type=checkbox][name]");
    if (box) { box.checked = !box.checked; fire(box); return box.name; }
    const select = form.querySelector("select[name]");
    if (select) {
      if (select.dataset.benchBase === undefined) select.dataset.benchBase = String(select.selectedIndex);
      const base = Number(select.dataset.benchBase);
      select.selectedIndex = i % 2 ? (base + 1) % select.options.length : base;
      fire(select);
      return select.name;
    }
    const area = form.querySelector("textarea[name]");
    if (area.dataset.benchBase === undefined) area.dataset.benchBase = area.value;
    const lines = area.dataset.benchBase.split("\n");
    area.value = i % 2 && lines.length > 1 ? lines.slice(0, -1).join("\n") : area.dataset.benchBase;
    fire(area);
    return area.name;
  };
}
"""

# The latency loop, in the page: n changes, one at a time, each timed from its input event to the widget's
# ai45:output, then to the next animation frame (about when the new output is on screen).
LATENCY = r"""
async ([n]) => {
  const w = document.querySelector("[data-ai45-widget]");
  const B = window.__bench;
  const event = [], frame = [], before = [], worker = [], after = [];
  let bad = 0, timeouts = 0;
  for (let i = 1; i <= n; i++) {
    const done = new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), 5000);
      w.addEventListener("ai45:output", (e) => { clearTimeout(timer); resolve(e); }, { once: true });
    });
    const t0 = performance.now();
    window.__benchChange(w, i);
    const e = await done;
    const t1 = performance.now();
    if (!e) { timeouts++; continue; }
    await new Promise((r) => requestAnimationFrame(r));
    event.push(t1 - t0);
    frame.push(performance.now() - t0);
    // Where the time went: input → posted to the worker → its result back → output shown.
    const posted = B.posts.find((t) => t >= t0), back = B.messages.find((m) => m[1] === "result" && m[0] >= posted);
    if (posted !== undefined && back) {
      before.push(posted - t0); worker.push(back[0] - posted); after.push(t1 - back[0]);
    }
    if (!e.detail.ok) bad++;
    await new Promise((r) => setTimeout(r, 0));
  }
  return { event, frame, before, worker, after, bad, timeouts, name: w.id };
}
"""

BARE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare loadPyodide</title></head>
<body><p>Reference: loadPyodide + loadPackage, nothing else.</p>
<script type="module">
const cfg = %s;
const indexURL = new URL(cfg.indexURL, location.origin + "/").href;
const lockFileURL = new URL(cfg.lockFileURL, location.origin + "/").href;
const mode = new URLSearchParams(location.search).get("mode");
try {
  if (mode === "compile") {
    const t0 = performance.now();
    await WebAssembly.compileStreaming(fetch(indexURL + "pyodide.asm.wasm"));
    window.__bare = { done: true, compile: performance.now() - t0 };
  } else {
    const t0 = performance.now();
    const { loadPyodide } = await import(indexURL + "pyodide.mjs");
    const t1 = performance.now();
    const py = await loadPyodide({ indexURL, lockFileURL, stdout: () => {}, stderr: () => {} });
    const t2 = performance.now();
    await py.loadPackage(cfg.packages, { checkIntegrity: true, messageCallback: () => {} });
    py.pyimport("ai45widgets");
    const t3 = performance.now();
    window.__bare = { done: true, start: t0, imported: t1, loaded: t2, ready: t3 };
  }
} catch (err) {
  window.__bare = { done: true, error: String(err) };
}
</script></body></html>
"""

LIVE = "sel => [...document.querySelectorAll(sel)].length > 0 && " \
       "[...document.querySelectorAll(sel)].every(w => w.dataset.ai45State === 'live')"

# The automatic change (INSTRUMENT with auto) has been answered.
ANSWERED = "() => window.__bench.auto && window.__bench.outputs.some(o => o[0] >= window.__bench.auto.at)"


# --------------------------------------------------------------------------------------------------- helpers

def median(values: Iterable[float | None]) -> float | None:
    vs = [v for v in values if v is not None]
    return statistics.median(vs) if vs else None


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    vs = sorted(values)
    k = (len(vs) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(vs) - 1)
    return vs[lo] + (vs[hi] - vs[lo]) * (k - lo)


def kind(path: str) -> str:
    p = path.split("?", 1)[0]
    if "/assets/pyodide/" in p:
        return "pyodide"
    if "/assets/ai45/py-" in p:
        return "wheels"  # our two wheels and their lock file
    if p.endswith(("/", ".html")):
        return "html"
    if p.endswith(".css"):
        return "css"
    if p.endswith((".js", ".mjs")):
        return "js"
    return "other"


KINDS = ("html", "css", "js", "pyodide", "wheels", "other")


def transfer(sent: list[Sent]) -> dict[str, Any]:
    """Bytes (compressed bodies as sent, and headers) by kind, and the number of requests."""
    out: dict[str, Any] = {k: 0 for k in KINDS}
    for s in sent:
        if s.path.startswith("/__bench/"):
            continue
        out[kind(s.path)] += s.body
    out["total"] = sum(out[k] for k in KINDS)
    out["headers"] = sum(s.headers for s in sent if not s.path.startswith("/__bench/"))
    out["requests"] = sum(1 for s in sent if not s.path.startswith("/__bench/"))
    return out


def nav_pages() -> list[str]:
    """Site paths of the pages in mkdocs.yml's nav ("" for the home page), in order."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text.split("\nnav:", 1)[1]
    files = re.findall(r"^\s+-\s+(?:\"[^\"]*\"|[^:\n]+):\s*(\S+\.md)\s*$", nav, re.M)
    return ["" if f == "index.md" else f.removesuffix(".md") + "/" for f in files]


def ms(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f} ms" if v >= 100 else f"{v:.1f} ms"


def kb(v: float | None) -> str:
    return "—" if v is None else f"{v / 1024:,.0f} kB" if v < 1024 * 1024 else f"{v / 1024 / 1024:,.2f} MB"


class Bench:
    def __init__(self, browser: Browser, url: str, handler: type[PagesHandler], runs: int, changes: int):
        self.browser = browser
        self.url = url
        self.handler = handler
        self.runs = runs
        self.changes = changes

    # -- contexts
    def context(self, *, auto: bool = False, sw: bool = False) -> BrowserContext:
        ctx = self.browser.new_context(viewport=VIEWPORT, service_workers="allow" if sw else "block")
        ctx.add_init_script(f"({INSTRUMENT})({json.dumps({'auto': auto})})")
        ctx.set_default_timeout(90_000)
        return ctx

    def quiet(self, page: Page, extra_ms: int = 500) -> None:
        """Wait until the network has been idle for a while (late requests such as the search index)."""
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(extra_ms)

    def sent(self) -> list[Sent]:
        return list(self.handler.sent)

    def clear(self) -> None:
        self.handler.sent.clear()

    # -- measurements
    def bare(self, ctx: BrowserContext | None = None, mode: str = "") -> dict[str, Any]:
        own = ctx is None
        ctx = ctx or self.context()
        page = ctx.new_page()
        page.goto(self.url + "__bench/bare.html" + (f"?mode={mode}" if mode else ""))
        page.wait_for_function("() => window.__bare && window.__bare.done", timeout=120_000)
        result: dict[str, Any] = page.evaluate("() => window.__bare")
        page.close()
        if own:
            ctx.close()
        if result.get("error"):
            raise RuntimeError(f"bare page: {result['error']}")
        if mode != "compile":
            result["call_ms"] = result["ready"] - result["start"]
            result["total_ms"] = result["ready"]  # from navigation start
        return result

    def widget_page(self, path: str, *, second: str | None) -> dict[str, Any]:
        """A cold visit of a widget page: paints, bytes, engine start → live, time to live, long tasks; then
        (if ``second``) instant navigation to another widget page."""
        ctx = self.context(auto=True)
        page = ctx.new_page()
        self.clear()
        page.goto(self.url + path)
        page.wait_for_function(ANSWERED, timeout=120_000)
        self.quiet(page)
        b = page.evaluate("() => ({...window.__bench, paint: Object.fromEntries(performance.getEntriesByType('paint')"
                          ".map(e => [e.name, e.startTime]))})")
        result = self._boot_figures(b)
        result["bytes"] = transfer(self.sent())
        if second:
            result["second"] = self._instant(page, second)
        ctx.close()
        return result

    @staticmethod
    def _boot_figures(b: dict[str, Any]) -> dict[str, Any]:
        auto = b["auto"]
        live_at = auto["at"]
        out_at = min(o[0] for o in b["outputs"] if o[0] >= live_at and o[1] == auto["id"])
        loading = [s[0] for s in b["states"] if s[2] == "loading"]
        first_id = b["states"][0][1] if b["states"] else None
        figures = [t for ident, t in b["elements"] if ident == f"ai45:{first_id}" and t]
        lcp = [e[0] for e in b["lcp"] if e[0] <= live_at]
        blocking = sum(max(0.0, d - 50) for start, d in b["longtasks"] if start < live_at)

        created = b["workers"][0] if b["workers"] else None
        ready = next((m[0] for m in b["messages"] if m[1] == "ready"), None)
        return {
            "fcp_ms": b["paint"].get("first-contentful-paint"),
            "lcp_ms": lcp[-1] if lcp else None,
            "figures_painted_ms": min(figures) if figures else None,
            "engine_start_ms": loading[0] if loading else None,
            "live_ms": live_at,
            "ttl_ms": out_at,
            "boot_ms": live_at - loading[0] if loading else None,
            "worker_created_ms": created,
            "worker_ready_ms": ready,
            "worker_boot_ms": ready - created if ready and created else None,
            "first_answer_ms": out_at - live_at,
            "blocking_ms": blocking,
            # the same, split: page load (before the engine starts) and the engine's boot (start → live)
            "blocking_boot_ms": sum(max(0.0, d - 50) for start, d in b["longtasks"]
                                    if loading and loading[0] <= start < live_at),
            "longtasks": len([1 for start, _ in b["longtasks"] if start < live_at]),
            "longest_task_ms": max((d for start, d in b["longtasks"] if start < live_at), default=0),
            "long_frames": [f for f in b.get("loaf", []) if f[0] < live_at and f[2] > 0],
        }

    def _instant(self, page: Page, path: str) -> dict[str, Any]:
        link = page.locator(f".md-nav--primary a.md-nav__link[href$='{path}']").first
        link.scroll_into_view_if_needed()
        page.evaluate("() => { window.__bench.outputs.length = 0; window.__bench.clicks.length = 0; }")
        full_loads = page.evaluate("() => performance.getEntriesByType('navigation').length")
        old = page.evaluate_handle("() => [...document.querySelectorAll('[data-ai45-widget]')]")
        link.click()
        page.wait_for_function("path => location.pathname.endsWith('/' + path)", arg=path)
        # The new page's widgets (not the old page's, which may linger for a moment), all live.
        page.wait_for_function("old => { const ws = [...document.querySelectorAll('[data-ai45-widget]')]; return"
                               " ws.length > 0 && ws.every(w => !old.includes(w) && w.dataset.ai45State === 'live'); }",
                               arg=old)
        b = page.evaluate("() => ({clicks: window.__bench.clicks, states: window.__bench.states, "
                          "ids: [...document.querySelectorAll('[data-ai45-widget]')].map(w => w.id), "
                          "origin: performance.timeOrigin})")
        t0 = b["clicks"][0]
        ids = set(b["ids"])
        live = min(s[0] for s in b["states"] if s[0] >= t0 and s[1] in ids and s[2] == "live")
        answer = page.evaluate("""async () => {
          const w = document.querySelector('[data-ai45-widget]');
          const done = new Promise(r => w.addEventListener('ai45:output', r, { once: true }));
          const t0 = performance.now(); window.__benchChange(w, 1); await done; return performance.now() - t0; }""")
        same_document = page.evaluate("() => performance.getEntriesByType('navigation').length") == full_loads and \
            page.evaluate("() => window.__ai45.stats.starts") == 1
        return {"live_ms": live - t0, "answer_ms": live - t0 + answer, "instant": same_document}

    def text_page(self, path: str) -> dict[str, Any]:
        ctx = self.context()
        page = ctx.new_page()
        self.clear()
        page.goto(self.url + path)
        page.wait_for_load_state("load")
        self.quiet(page, 1500)
        b = page.evaluate("() => ({...window.__bench, paint: Object.fromEntries(performance.getEntriesByType('paint')"
                          ".map(e => [e.name, e.startTime])), status: window.__ai45.engineStatus()})")
        ctx.close()
        lcp = [e[0] for e in b["lcp"]]
        return {"fcp_ms": b["paint"].get("first-contentful-paint"), "lcp_ms": lcp[-1] if lcp else None,
                "engine": b["status"], "bytes": transfer(self.sent()),
                "blocking_ms": sum(max(0.0, d - 50) for _, d in b["longtasks"])}

    def latency(self, widgets: list[str]) -> dict[str, Any]:
        ctx = self.context()
        page = ctx.new_page()
        out: dict[str, Any] = {}
        for name in widgets:
            page.goto(f"{self.url}embed/{name}/")
            page.wait_for_function(LIVE, arg="[data-ai45-widget]", timeout=120_000)
            self.quiet(page, 200)
            r = page.evaluate(LATENCY, [self.changes])
            out[name] = {"p50_ms": percentile(r["event"], 50), "p95_ms": percentile(r["event"], 95),
                         "max_ms": max(r["event"], default=None),
                         "frame_p50_ms": percentile(r["frame"], 50), "frame_p95_ms": percentile(r["frame"], 95),
                         "input_to_post_p50_ms": percentile(r["before"], 50),
                         "worker_p50_ms": percentile(r["worker"], 50), "worker_p95_ms": percentile(r["worker"], 95),
                         "result_to_output_p50_ms": percentile(r["after"], 50),
                         "result_to_output_p95_ms": percentile(r["after"], 95),
                         "n": len(r["event"]), "invalid": r["bad"], "timeouts": r["timeouts"],
                         "samples": [round(x, 2) for x in r["event"]]}
        ctx.close()
        return out

    def repeat(self, path: str) -> dict[str, Any]:
        """First visit (goes live, service worker installed), then a reload with everything cached."""
        ctx = self.context(auto=True, sw=True)
        page = ctx.new_page()
        page.goto(self.url + path)
        page.wait_for_function(LIVE, arg="[data-ai45-widget]", timeout=120_000)
        # Kept for offline (the page's files are in the service worker's cache) and controlled by the worker.
        kept = ("async () => { const c = JSON.parse(document.getElementById('__ai45').textContent);"
                " const root = new URL(c.root.replace(/\\/?$/, '/'), location.href);"
                " const have = new Set((await (await caches.open('ai45-files-v2')).keys()).map(r => r.url));"
                " return !!navigator.serviceWorker.controller && c.keep.every(p => have.has(new URL(p, root).href)); }")
        deadline = time.perf_counter() + 60
        while not page.evaluate(kept) and time.perf_counter() < deadline:
            page.wait_for_timeout(250)
        self.quiet(page, 1000)
        self.clear()
        page.reload()
        page.wait_for_function(ANSWERED, timeout=120_000)
        self.quiet(page)
        b = page.evaluate("() => ({...window.__bench, paint: Object.fromEntries(performance.getEntriesByType('paint')"
                          ".map(e => [e.name, e.startTime]))})")
        result = self._boot_figures(b)
        result["how"] = page.evaluate("() => window.__ai45.stats.how")
        result["fallback"] = page.evaluate("() => window.__ai45.stats.fallback")
        sent = self.sent()
        result["bytes"] = transfer(sent)
        result["runtime_requests"] = [s.path for s in sent if kind(s.path) in ("pyodide", "wheels")]
        result["revalidated_304"] = sum(1 for s in sent if s.status == 304)
        self.clear()
        result["bare_warm"] = self.bare(ctx)
        result["compile_warm_ms"] = self.bare(ctx, "compile")["compile"]
        result["bare_warm_bytes"] = transfer(self.sent())["total"]
        ctx.close()
        return result


# --------------------------------------------------------------------------------------------------- lighthouse

def lighthouse(url: str, pages: list[str], folder: Path, log: Callable[[str], None]) -> dict[str, Any]:
    chrome = chromium_path()
    env = {**os.environ, **({"CHROME_PATH": chrome} if chrome else {})}
    npx = [str(ROOT / "node_modules" / ".bin" / "lighthouse")]  # pinned in package-lock.json
    try:
        version = subprocess.run([*npx, "--version"], env=env, capture_output=True, text=True, encoding="utf-8",
                                 timeout=600, check=True).stdout.strip()
    except (subprocess.SubprocessError, OSError) as err:
        return {"error": f"lighthouse unavailable: {err}"}
    results: dict[str, Any] = {"version": version, "pages": {}}
    for path in pages:
        out = folder / (re.sub(r"[^a-z0-9]+", "-", path.strip("/")) or "home")
        out = out.with_suffix(".json")
        log(f"  lighthouse {path or '/'}")
        cmd = [*npx, url + path, "--output=json", f"--output-path={out}", "--quiet",
               "--only-categories=performance,accessibility,best-practices,seo",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
        try:
            subprocess.run(cmd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300, check=True)
            report = json.loads(out.read_text(encoding="utf-8"))
        except (subprocess.SubprocessError, OSError, ValueError) as err:
            stderr = getattr(err, "stderr", "") or ""
            results["pages"][path] = {"error": f"{err} {stderr[-300:]}".strip()}
            continue
        scores: dict[str, Any] = {}
        failing: dict[str, list[str]] = {}
        details: dict[str, Any] = {}
        for cid, cat in report["categories"].items():
            score = None if cat["score"] is None else round(cat["score"] * 100)
            scores[cid] = score
            if score is None or score < TARGETS[cid]:
                failing[cid] = failing_audits(report, cid)
                for aid in failing[cid]:
                    audit = report["audits"][aid]
                    items = (audit.get("details") or {}).get("items") or []
                    details[aid] = {"value": audit.get("displayValue"), "where": [
                        (it.get("node") or {}).get("snippet") or it.get("url") for it in items[:3]
                        if isinstance(it, dict)]}
        metrics = {k: report["audits"][k].get("numericValue") for k in
                   ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                    "cumulative-layout-shift", "speed-index", "total-byte-weight") if k in report["audits"]}
        results["pages"][path] = {"scores": scores, "failing": failing, "details": details, "metrics": metrics,
                                  "report": str(out.relative_to(ROOT)) if out.is_relative_to(ROOT) else str(out)}
    return results


def failing_audits(report: dict[str, Any], category: str) -> list[str]:
    """Ids of the category's scored audits that did not pass (numeric audits below 0.9)."""
    ids = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"].get(ref["id"], {})
        mode, score = audit.get("scoreDisplayMode"), audit.get("score")
        if score is None or mode in ("notApplicable", "manual", "informative", "error"):
            continue
        if category == "performance" and ref.get("weight", 0) == 0 and mode != "metricSavings":
            continue
        if score < (0.9 if mode in ("numeric", "metricSavings") else 1):
            ids.append(ref["id"])
    return ids


# --------------------------------------------------------------------------------------------------- main

def site_figures(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    largest = max(files, key=lambda p: p.stat().st_size)
    runtime = sum(p.stat().st_size for p in files
                  if kind("/" + p.relative_to(site).as_posix()) in ("pyodide", "wheels"))
    return {"files": len(files), "total_bytes": total, "largest": largest.relative_to(site).as_posix(),
            "largest_bytes": largest.stat().st_size, "runtime_bytes": runtime, "runtime_share": runtime / total}


def row(figure: str, value: str, target: str = "—", ok: bool | None = None) -> tuple[str, str, str, str]:
    return figure, value, target, "" if ok is None else "ok" if ok else "over"


def at_most(v: float | None, limit: float) -> bool | None:
    return None if v is None else v <= limit


def summarize(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    s, w = r["median"]["speech"], r["median"]["law"]
    for label, b in (("speech/ (text only)", s["bytes"]), ("law/ (widgets)", w["bytes"])):
        parts = ", ".join(f"{k} {kb(b[k])}" for k in KINDS if b[k])
        rows.append(row(f"1. bytes {label}", f"{kb(b['total'])} in {b['requests']:.0f} requests ({parts})"))
    rows.append(row("2. first contentful paint speech/ · law/", f"{ms(s['fcp_ms'])} · {ms(w['fcp_ms'])}"))
    rows.append(row("2. largest contentful paint speech/ · law/", f"{ms(s['lcp_ms'])} · {ms(w['lcp_ms'])}"))
    rows.append(row("2. law/ first widget's figures painted", ms(w["figures_painted_ms"])))
    ratio = w["ttl_ratio"]
    rows.append(row("3. time to live law/ (nav → first answer)", f"{ms(w['ttl_ms'])} (engine start "
                    f"{ms(w['engine_start_ms'])}, boot {ms(w['boot_ms'])}, answer {ms(w['first_answer_ms'])})"))
    rows.append(row("3. … the engine's worker", f"created at {ms(w['worker_created_ms'])}, ready at "
                    f"{ms(w['worker_ready_ms'])} (boot {ms(w['worker_boot_ms'])})"))
    rows.append(row("3. bare loadPyodide + loadPackage (nav → ready)", f"{ms(w['bare_total_ms'])} (call "
                    f"{ms(w['bare_call_ms'])})"))
    rows.append(row("3. time to live ÷ bare", "—" if ratio is None else f"{ratio:.2f}", f"≤ {TARGETS['ttl_ratio']}",
                    at_most(ratio, TARGETS["ttl_ratio"])))
    sec = r["median"]["second"]
    rows.append(row("4. instant nav law/ → imbalance/: click → live", ms(sec["live_ms"]),
                    f"≤ {TARGETS['second_page_ms']:.0f} ms", at_most(sec["live_ms"], TARGETS["second_page_ms"])))
    rows.append(row("4. … click → first answer", ms(sec["answer_ms"])))
    lat = r.get("latency", {})
    for name, v in lat.items():
        ok = None if v["p50_ms"] is None else v["p50_ms"] <= TARGETS["latency_p50_ms"] and \
            v["p95_ms"] <= TARGETS["latency_p95_ms"]
        extra = f"; {v['timeouts']} timeouts" if v["timeouts"] else ""
        rows.append(row(f"5. latency {name} p50 / p95 (n={v['n']})",
                        f"{ms(v['p50_ms'])} / {ms(v['p95_ms'])} (worker {ms(v['worker_p50_ms'])} / "
                        f"{ms(v['worker_p95_ms'])}, page {ms(v['result_to_output_p50_ms'])} / "
                        f"{ms(v['result_to_output_p95_ms'])}; to next frame {ms(v['frame_p50_ms'])} / "
                        f"{ms(v['frame_p95_ms'])}){extra}",
                        f"≤ {TARGETS['latency_p50_ms']:.0f} / {TARGETS['latency_p95_ms']:.0f} ms", ok))
    rows.append(row("6. main-thread blocking law/ (nav → live)", f"{ms(w['blocking_ms'])} (of which during the "
                    f"engine's boot {ms(w['blocking_boot_ms'])}; longest task {ms(w['longest_task_ms'])})",
                    f"≤ {TARGETS['blocking_ms']:.0f} ms",
                    at_most(w["blocking_ms"], TARGETS["blocking_ms"])))
    rows.append(row("6. … the same on speech/ (text only, no engine)", ms(s["blocking_ms"])))
    rep = r["median"].get("repeat")
    if rep:
        rows.append(row("7. repeat visit (SW): runtime bytes fetched", f"{kb(rep['runtime_bytes'])} "
                        f"(all: {kb(rep['total_bytes'])} in {rep['requests']:.0f} requests)"))
        rows.append(row("7. repeat visit: time to live", f"{ms(rep['ttl_ms'])} (worker boot "
                        f"{ms(rep['worker_boot_ms'])}, started from the snapshot in {rep['snapshot_runs']} of "
                        f"{rep['runs']} runs; blocking {ms(rep['blocking_ms'])})"))
        rows.append(row("7. repeat visit: bare loadPyodide + loadPackage (warm HTTP cache) · wasm compile alone",
                        f"{ms(rep['bare_warm_ms'])} · {ms(rep['compile_warm_ms'])}"))
        ratio = rep.get("repeat_ratio")
        rows.append(row("7. repeat visit: time to live ÷ bare (warm)", "—" if ratio is None else f"{ratio:.2f}",
                        f"≤ {TARGETS['repeat_ratio']}", at_most(ratio, TARGETS["repeat_ratio"])))
    lh = r.get("lighthouse", {})
    if lh.get("error"):
        rows.append(row("8. lighthouse", lh["error"][:80]))
    for path, p in lh.get("pages", {}).items():
        if "error" in p:
            rows.append(row(f"8. lighthouse {path or '/'}", "error: " + p["error"][:60]))
            continue
        sc = p["scores"]
        ok = all(sc.get(c) is not None and sc[c] >= TARGETS[c]
                 for c in ("performance", "accessibility", "best-practices", "seo"))
        fails = "; ".join(f"{c}: {', '.join(ids) or '?'}" for c, ids in p["failing"].items())
        rows.append(row(f"8. lighthouse {path or '/'} (perf/a11y/bp/seo)",
                        f"{sc.get('performance')}/{sc.get('accessibility')}/{sc.get('best-practices')}/{sc.get('seo')}"
                        + (f" [{fails}]" if fails else ""), "95/100/100/100", ok))
    load = r["machine"]
    rows.insert(0, row("machine load (1-min average) before · after", f"{load['load_before'][0]:.1f} · "
                    f"{load['load_after'][0]:.1f} on {load['cpus']} CPUs" + (
                        " — busy: timings are noisy" if max(load["load_before"][0], load["load_after"][0])
                        > load["cpus"] else "")))
    b = r["build"]
    rows.append(row("9. mkdocs build --strict (wall)", f"{b['seconds']:.1f} s" + (" (wheels cached)" if
                                                                                  b["wheels_cached"] else "")))
    rows.append(row("9. built site", f"{kb(b['total_bytes'])} in {b['files']} files; largest {b['largest']} "
                    f"{kb(b['largest_bytes'])}; runtime {kb(b['runtime_bytes'])} = {b['runtime_share']:.0%}"))
    return rows


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    widths = [max(len(r[i]) for r in [("figure", "value", "target", ""), *rows]) for i in range(4)]
    widths[1] = min(widths[1], 90)
    line = "  ".join("-" * w for w in widths)
    print(line)
    print("  ".join(h.ljust(w) for h, w in zip(("figure", "value", "target", ""), widths, strict=True)))
    print(line)
    for r in rows:
        value = r[1]
        chunks = [value[i:i + widths[1]] for i in range(0, len(value), widths[1])] or [""]
        print("  ".join((r[0].ljust(widths[0]), chunks[0].ljust(widths[1]), r[2].ljust(widths[2]), r[3])))
        for c in chunks[1:]:
            print(" " * (widths[0] + 2) + c)
    print(line)


def medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median of every number across runs, recursively (dicts of numbers)."""
    first = runs[0]
    out: dict[str, Any] = {}
    for key, value in first.items():
        if isinstance(value, dict):
            out[key] = medians([r[key] for r in runs if isinstance(r.get(key), dict)])
        elif isinstance(value, bool):
            out[key] = all(r.get(key) for r in runs)
        elif isinstance(value, int | float) or value is None:
            out[key] = median(r.get(key) for r in runs)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 5; 2 with --quick)")
    parser.add_argument("--lighthouse", action=argparse.BooleanOptionalAction, default=True,
                        help="run Lighthouse on every page of the navigation in both languages (default on)")
    parser.add_argument("--quick", action="store_true",
                        help="2 runs, 50 changes per widget, Lighthouse on home and law/ only")
    args = parser.parse_args(argv)
    runs = args.runs or (2 if args.quick else 5)
    changes = 50 if args.quick else 200

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    started = dt.datetime.now()
    with tempfile.TemporaryDirectory(prefix="ai45-bench-") as tmp:
        site = Path(tmp) / "site"

        class Handler(PagesHandler):
            sent: ClassVar[list[Sent]] = []  # one log per server
            virtual: ClassVar[dict[str, tuple[bytes, str]]] = {}

        httpd, url = bind(functools.partial(Handler, directory=str(site)))
        log(f"building the site for {url} …")
        cached = any((ROOT / "build").glob("py-*"))
        t0 = time.perf_counter()
        build_site(site, url)
        build = {"seconds": time.perf_counter() - t0, "wheels_cached": cached, **site_figures(site)}
        island = re.search(r'<script type="application/json" id="__ai45">(.*?)</script>',
                           (site / "law" / "index.html").read_text(encoding="utf-8"), re.S)
        assert island, "law/ has no #__ai45 island"
        config = json.loads(island.group(1))
        bare = BARE % json.dumps({k: config[k] for k in ("indexURL", "lockFileURL", "packages")})
        Handler.virtual["/__bench/bare.html"] = (bare.encode(), "text/html")
        widgets: list[str] = list(ai45widgets.NAMES)
        log(f"compressed {Handler.precompress(site)} files ahead (as the host's edge would have them)")
        serve(httpd)
        results: dict[str, Any] = {"started": started.isoformat(timespec="seconds"), "url": url, "runs": runs,
                                   "changes_per_widget": changes, "targets": TARGETS, "build": build,
                                   "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                                               "load_before": os.getloadavg()}}
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
                results["machine"]["chromium"] = browser.version
                bench = Bench(browser, url, Handler, runs, changes)
                log("warm-up visit …")
                bench.widget_page("law/", second=None)
                per_run: list[dict[str, Any]] = []
                for i in range(runs):
                    log(f"run {i + 1}/{runs}: bare page, law/ (+ instant navigation), speech/")
                    order = ["bare", "law"] if i % 2 == 0 else ["law", "bare"]
                    one: dict[str, Any] = {}
                    for what in order:
                        if what == "bare":
                            one["bare"] = bench.bare()
                        else:
                            one["law"] = bench.widget_page("law/", second="imbalance/")
                    one["speech"] = bench.text_page("speech/")
                    one["second"] = one["law"].pop("second")
                    one["law"]["bare_total_ms"] = one["bare"]["total_ms"]
                    one["law"]["bare_call_ms"] = one["bare"]["call_ms"]
                    one["law"]["ttl_ratio"] = one["law"]["ttl_ms"] / one["bare"]["total_ms"]
                    per_run.append(one)
                log("repeat visits (service worker) …")
                repeats = []
                for i in range(runs):
                    rep = bench.repeat("law/")
                    repeats.append({"ttl_ms": rep["ttl_ms"], "boot_ms": rep["boot_ms"],
                                    "worker_boot_ms": rep["worker_boot_ms"],
                                    "snapshot": rep["how"] == "snapshot",
                                    "repeat_ratio": rep["ttl_ms"] / rep["bare_warm"]["total_ms"],
                                    "blocking_ms": rep["blocking_ms"],
                                    "runtime_bytes": rep["bytes"]["pyodide"] + rep["bytes"]["wheels"],
                                    "total_bytes": rep["bytes"]["total"], "requests": rep["bytes"]["requests"],
                                    "bare_warm_ms": rep["bare_warm"]["total_ms"],
                                    "compile_warm_ms": rep["compile_warm_ms"],
                                    "revalidated_304": rep["revalidated_304"]})
                    if i == 0:
                        results["repeat_first_detail"] = rep
                log(f"interaction latency: {changes} changes × {len(widgets)} widgets …")
                results["latency"] = bench.latency(widgets)
                browser.close()
            results["per_run"] = per_run
            results["median"] = medians(per_run)
            results["median"]["repeat"] = {**medians(repeats), "runs": len(repeats),
                                            "snapshot_runs": sum(1 for r in repeats if r["snapshot"])}
            results["repeat_runs"] = repeats
            if args.lighthouse:
                pages = nav_pages()
                chosen = ["", "law/"] if args.quick else pages
                lh_pages = chosen + ["zh/" + p for p in chosen]
                log(f"lighthouse: {len(lh_pages)} pages …")
                folder = OUT / f"lighthouse-{started:%Y%m%d-%H%M%S}"  # the full reports, for a closer look
                folder.mkdir(parents=True, exist_ok=True)
                results["lighthouse"] = lighthouse(url, lh_pages, folder, log)
        finally:
            httpd.shutdown()
            httpd.server_close()
    results["machine"]["load_after"] = os.getloadavg()
    rows = summarize(results)
    results["table"] = rows
    OUT.mkdir(exist_ok=True)
    path = OUT / f"bench-{started:%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print_table(rows)
    print(f"results: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
