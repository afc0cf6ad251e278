// Exercises that check themselves: the reader's answer goes to the engine, where ai45core computes the expected
// value from the exercise's own parameters (`ai45widgets.exercises.check`); the page never holds the answer.
// DOM contract (rendered by Python): [data-ai45-exercise=ID] holds one [data-ai45-answer] input, a
// [data-ai45-check] button and a [data-ai45-verdict] element whose attribute becomes correct / incorrect /
// invalid after a check, with the explanation as its text.

import { call } from "./engine.js";

/** @typedef {import("./scope.js").Scope} Scope */
/** @typedef {import("./mount.js").PageConfig} PageConfig */

/** @param {PageConfig} config @param {Scope} scope */
export function mountExercises(config, scope) {
  const exercises = [...document.querySelectorAll("[data-ai45-exercise]")].map((el) => /** @type {HTMLElement} */ (el));
  for (const root of exercises) {
    const input = /** @type {HTMLInputElement | null} */ (root.querySelector("[data-ai45-answer]"));
    const button = root.querySelector("[data-ai45-check]");
    const verdict = /** @type {HTMLElement | null} */ (root.querySelector("[data-ai45-verdict]"));
    if (!input || !button || !verdict) continue;
    if (!verdict.hasAttribute("aria-live")) verdict.setAttribute("aria-live", "polite");
    let asked = 0;
    const check = async () => {
      const mine = ++asked;
      verdict.setAttribute("aria-busy", "true");
      verdict.textContent = config.ui.checking;
      let verdictValue = "", text = "";
      try {
        const out = JSON.parse(await call("check", [root.dataset.ai45Exercise || "", input.value, config.lang]));
        verdictValue = String(out.verdict || "");
        text = String(out.message || "");
      } catch (err) {
        text = config.ui.check_failed.replace("{reason}", String(/** @type {Error} */ (err).message || err));
      }
      if (!scope.alive || mine !== asked) return;  // the page has gone, or a newer check was asked for
      verdict.removeAttribute("aria-busy");
      verdict.setAttribute("data-ai45-verdict", verdictValue);
      verdict.textContent = text;
      if (verdictValue === "invalid") input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    };
    scope.listen(button, "click", () => { check(); });
    scope.listen(input, "keydown", (event) => {
      if (/** @type {KeyboardEvent} */ (event).key === "Enter") { event.preventDefault(); check(); }
    });
  }
  return exercises;
}
