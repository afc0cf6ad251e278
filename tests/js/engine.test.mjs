// engine.js against a scripted fake Worker (node --test): start, calls, a worker that dies after it was ready,
// time limits, and that nothing is ever posted to a worker once it is dead.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";

/** Every fake worker created, newest last. */
const workers = [];

class FakeWorker {
  constructor(url, options) {
    this.url = String(url);
    this.options = options;
    this.posted = [];
    this.terminated = false;
    this.onmessage = null;
    this.onerror = null;
    workers.push(this);
  }
  postMessage(msg) {
    assert.equal(this.terminated, false, `posted ${JSON.stringify(msg)} to a dead worker`);
    this.posted.push(msg);
  }
  terminate() { this.terminated = true; }
  /** The worker answers (as the real one would post to the page). */
  send(msg) { this.onmessage?.({ data: msg }); }
  calls() { return this.posted.filter((m) => m.type === "call"); }
}

globalThis.Worker = FakeWorker;
globalThis.location = { href: "http://site.test/law/" };

const tick = () => new Promise((r) => setTimeout(r, 0));
const snapshot = { url: "assets/ai45/py-x/ai45.snap.gz", bytes: 100, probe: { name: "plane", state: "{}", lang: "en", sha256: "ab" } };
const config = { root: "..", workerURL: "assets/ai45/ui-x/worker.js", indexURL: "assets/pyodide/1/",
  lockFileURL: "assets/ai45/py-x/pyodide-lock.json", packages: ["ai45core", "ai45widgets"], snapshot };

// A fresh module per test: the engine is one per tab, so each test is a new tab.
let engine;
beforeEach(async () => {
  workers.length = 0;
  engine = await import(`../../widgets/js/engine.js?tab=${Math.random()}`);
});

test("start loads one worker with absolute runtime URLs and is idempotent", async () => {
  const ready = engine.start(config);
  engine.start(config);
  assert.equal(workers.length, 1);
  const init = workers[0].posted[0];
  assert.deepEqual(init, { type: "init", indexURL: "http://site.test/assets/pyodide/1/",
    lockFileURL: "http://site.test/assets/ai45/py-x/pyodide-lock.json", packages: ["ai45core", "ai45widgets"],
    snapshot: { ...snapshot, url: "http://site.test/assets/ai45/py-x/ai45.snap.gz" } });
  assert.equal(workers[0].url, "http://site.test/assets/ai45/ui-x/worker.js");
  assert.equal(engine.engineStatus(), "loading");
  workers[0].send({ type: "ready", how: "snapshot", fallback: "" });
  await ready;
  assert.equal(engine.engineStatus(), "ready");
  assert.equal(engine.stats.starts, 1);
  assert.equal(engine.stats.how, "snapshot");
});

test("calls wait for the engine, and each result goes to its own call", async () => {
  engine.start(config);
  const a = engine.call("run", ["plane", "{}", "en"]);
  const b = engine.call("check", ["x", "1", "zh"]);
  await tick();
  assert.equal(workers[0].calls().length, 0, "nothing is posted before the engine is ready");
  workers[0].send({ type: "ready" });
  await tick(); await tick();
  const [first, second] = workers[0].calls();
  assert.deepEqual([first.fn, first.args], ["run", ["plane", "{}", "en"]]);
  assert.deepEqual([second.fn, second.args], ["check", ["x", "1", "zh"]]);
  workers[0].send({ type: "result", id: second.id, json: "B" });
  workers[0].send({ type: "result", id: first.id, json: "A" });
  assert.equal(await a, "A");
  assert.equal(await b, "B");
});

test("a worker that crashes after it was ready: its calls are rejected and a new worker starts", async () => {
  const statuses = [];
  engine.onStatus((s) => statuses.push(s));
  engine.start(config);
  workers[0].send({ type: "ready" });
  const pending = engine.call("run", ["plane", "{}", "en"]);
  await tick(); await tick();
  workers[0].send({ type: "crashed", reason: "Pyodide already fatally failed" });
  await assert.rejects(pending, (err) => err.code === "crashed");
  assert.equal(workers[0].terminated, true);
  assert.equal(workers.length, 2, "a new worker was started");
  assert.deepEqual(statuses, ["idle", "loading", "ready", "loading"]);
  // The next call goes to the new worker, never the dead one (FakeWorker.postMessage asserts that).
  const next = engine.call("run", ["plane", "{}", "en"]);
  workers[1].send({ type: "ready" });
  await tick(); await tick();
  workers[1].send({ type: "result", id: workers[1].calls()[0].id, json: "again" });
  assert.equal(await next, "again");
});

test("an error event after ready counts as a crash too", async () => {
  engine.start(config);
  workers[0].send({ type: "ready" });
  await tick();
  workers[0].onerror({ message: "boom", preventDefault() {} });
  assert.equal(workers[0].terminated, true);
  assert.equal(workers.length, 2);
  assert.equal(engine.engineStatus(), "loading");
});

test("a call past its time limit stops the worker, rejects with 'timeout', and the engine comes back", async () => {
  engine.start(config);
  workers[0].send({ type: "ready" });
  const slow = engine.call("execute", ["while True: pass", "en"], { timeout: 30 });
  const other = engine.call("run", ["plane", "{}", "en"]);
  await assert.rejects(slow, (err) => err.code === "timeout");
  await assert.rejects(other, (err) => err.code === "timeout", "calls queued behind it are rejected too");
  assert.equal(workers[0].terminated, true);
  assert.equal(workers.length, 2);
  workers[1].send({ type: "ready" });
  await tick();
  assert.equal(engine.engineStatus(), "ready");
});

test("a late result from a dead worker is ignored", async () => {
  engine.start(config);
  workers[0].send({ type: "ready" });
  const call = engine.call("run", ["plane", "{}", "en"]);
  await tick(); await tick();
  const id = workers[0].calls()[0].id;
  workers[0].send({ type: "crashed", reason: "x" });
  await assert.rejects(call);
  workers[0].send({ type: "result", id, json: "late" });  // must not throw or resolve anything
});

test("a worker that cannot start leaves the engine failed; start() tries again", async () => {
  const ready = engine.start(config);
  workers[0].send({ type: "failed", reason: "wasm blocked" });
  await assert.rejects(ready, (err) => err.code === "failed");
  assert.equal(engine.engineStatus(), "failed");
  await tick();
  assert.equal(workers.length, 1, "no automatic restart of an engine that never started");
  const call = engine.call("run", ["plane", "{}", "en"]);  // the next call tries a new worker
  assert.equal(workers.length, 2);
  workers[1].send({ type: "failed", reason: "still blocked" });
  await assert.rejects(call, (err) => err.code === "failed");
  const again = engine.start(config);  // and so does a retry
  assert.equal(workers.length, 3);
  workers[2].send({ type: "ready" });
  await again;
  assert.equal(engine.engineStatus(), "ready");
});

test("three crashes within a minute stop the automatic restarts", async () => {
  engine.start(config);
  for (let i = 0; i < 3; i++) {
    workers.at(-1).send({ type: "ready" });
    workers.at(-1).send({ type: "crashed", reason: "again" });
  }
  assert.equal(engine.engineStatus(), "failed");
  assert.equal(workers.length, 3);
});
