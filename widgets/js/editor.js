// The playground's code editor: CodeMirror 6 in place of the page's text box. A chunk of its own (≈ 470 kB,
// a long task to evaluate and lay out), imported by playground.js only when the reader reaches for the code or
// once the engine is ready, so it never competes with the page's first paint or with Python's start.

import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { EditorSelection, Prec } from "@codemirror/state";
import { syntaxHighlighting } from "@codemirror/language";
import { isolateHistory } from "@codemirror/commands";
import { classHighlighter } from "@lezer/highlight";
import { python } from "@codemirror/lang-python";

// Colours come from the site's palette (Material's CSS variables), so the editor follows light and dark mode;
// the tokens get stable class names (classHighlighter) that widgets/playground.css colours for both schemes.
const theme = EditorView.theme({
  "&": { color: "var(--md-code-fg-color)", backgroundColor: "var(--md-code-bg-color)" },
  ".cm-content": { caretColor: "var(--md-default-fg-color)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--md-default-fg-color)" },
  ".cm-gutters": { backgroundColor: "var(--md-code-bg-color)", color: "var(--ai45-gutter-fg)",
    borderRight: "1px solid var(--md-default-fg-color--lightest)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--md-default-fg-color--lightest)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground":
    { backgroundColor: "var(--md-accent-fg-color--transparent)" },
  "&.cm-focused": { outline: "3px solid var(--md-accent-fg-color)", outlineOffset: "2px" },
});

/** @typedef {{setCode: (code: string) => void, focus: () => void, destroy: () => void}} Editor */

/**
 * Put an editor in place of `textarea`, with its text, its selection and, if it had it, the focus. The text box
 * stays in the page, hidden, and keeps the code (it is what prints and what reading tools and tests read).
 * @param {HTMLTextAreaElement} textarea
 * @param {{run: () => void, changed: () => void}} on  Ctrl/Cmd+Enter; every change of the code
 * @returns {Editor}
 */
export function createEditor(textarea, on) {
  const focused = document.activeElement === textarea;
  const text = textarea.value;
  const clamp = (/** @type {number} */ n) => Math.min(Math.max(n, 0), text.length);
  const view = new EditorView({
    doc: text,
    selection: EditorSelection.single(clamp(textarea.selectionStart), clamp(textarea.selectionEnd)),
    extensions: [
      basicSetup,
      python(),
      syntaxHighlighting(classHighlighter),
      theme,
      EditorView.lineWrapping,
      Prec.highest(keymap.of([
        { key: "Mod-Enter", run: () => { on.run(); return true; } },
        { key: "Ctrl-Enter", run: () => { on.run(); return true; } },
      ])),
      EditorView.contentAttributes.of({ "aria-labelledby": `${textarea.id}-label`, "aria-describedby": textarea.getAttribute("aria-describedby") || "" }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        textarea.value = update.state.doc.toString();
        on.changed();
      }),
    ],
  });
  textarea.hidden = true;
  textarea.after(view.dom);
  if (focused) view.focus();
  return {
    // One step of its own in the undo history: Ctrl+Z brings the reader's code back.
    setCode: (code) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code }, annotations: isolateHistory.of("full") }),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
