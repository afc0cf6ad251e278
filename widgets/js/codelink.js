// Code in the address: `#code=` followed by the base64url (RFC 4648 §5, without padding) of the code's UTF-8
// bytes. No imports, so that Node can test it without a browser.

/** Why a link's code was refused: not base64url, not UTF-8, longer than the playground accepts, or nothing.
 * @typedef {"bad_base64" | "bad_utf8" | "link_huge" | "empty"} LinkProblem */
/** @typedef {{ok: true, code: string} | {ok: false, reason: LinkProblem}} Decoded */

/** The address fragment for `code` (without "#"). @param {string} code */
export function encodeCode(code) {
  const bytes = new TextEncoder().encode(code);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return "code=" + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The code a `#code=…` fragment carries, or why it cannot be used; null when the fragment is not a code link
 * (an ordinary anchor such as "#examples").
 * @param {string} hash `location.hash` @param {number} maxChars the longest code accepted, in characters
 * @returns {Decoded | null}
 */
export function decodeCode(hash, maxChars) {
  if (!hash.startsWith("#code=")) return null;
  let text = hash.slice("#code=".length);
  if (text === "") return { ok: false, reason: "empty" };
  // Each character is at most 4 UTF-8 bytes, each 3 bytes 4 base64 characters: refuse longer text unread.
  if (text.length > 4 * Math.ceil((4 * maxChars) / 3) + 2) return { ok: false, reason: "link_huge" };
  text = text.replace(/={1,2}$/, "");  // padding is not part of base64url, but tolerated
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return { ok: false, reason: "bad_base64" };
  let binary;
  try {
    binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
  } catch {
    return { ok: false, reason: "bad_base64" };
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  let code;
  try {
    code = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, reason: "bad_utf8" };
  }
  if (code === "") return { ok: false, reason: "empty" };
  if (codePoints(code) > maxChars) return { ok: false, reason: "link_huge" };
  return { ok: true, code };
}

/** Length in characters as Python counts them (code points, not UTF-16 units). @param {string} text */
export function codePoints(text) {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
