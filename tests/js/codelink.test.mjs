// codelink.js (node --test): #code= links are base64url (RFC 4648 §5, no padding) of the UTF-8 code, checked
// against Node's own encoder; malformed, empty and over-long links are refused with their reason.
import { test } from "node:test";
import assert from "node:assert/strict";

const { codePoints, decodeCode, encodeCode } = await import("../../widgets/js/codelink.js");

const SAMPLES = ["print(1)", "能力与安全：⚖️ 平衡 😀\n", "a\u0000b", "x".repeat(100_000),
  "from ai45core.plane import balance\nbalance([1, 2, 4, 8], [1, 1.1, 1.2, 1.3])  # 😀"];

test("encodes as base64url of UTF-8 without padding, as Node does", () => {
  for (const code of SAMPLES.filter((s) => s.isWellFormed())) {
    const expected = Buffer.from(code, "utf8").toString("base64url");
    assert.equal(encodeCode(code), "code=" + expected);
    assert.doesNotMatch(expected, /[+/=]/);
  }
});

test("decodes what it encodes", () => {
  for (const code of SAMPLES.filter((s) => s.isWellFormed())) {
    assert.deepEqual(decodeCode("#" + encodeCode(code), 200_000), { ok: true, code });
  }
});

test("tolerates padding but nothing else outside the alphabet", () => {
  assert.deepEqual(decodeCode("#code=cHJpbnQoMSk=", 100), { ok: true, code: "print(1)" });
  for (const bad of ["#code=%%%", "#code=cHJp bnQ", "#code=cHJpbnQoMSk+", "#code=A", "#code=cHJp=bnQ"]) {
    assert.deepEqual(decodeCode(bad, 100), { ok: false, reason: "bad_base64" }, bad);
  }
});

test("refuses bytes that are not UTF-8, empty links and code longer than the limit", () => {
  assert.deepEqual(decodeCode("#code=_w", 100), { ok: false, reason: "bad_utf8" });  // 0xFF
  assert.deepEqual(decodeCode("#code=7aCA", 100), { ok: false, reason: "bad_utf8" });  // a lone surrogate, ED A0 80
  assert.deepEqual(decodeCode("#code=", 100), { ok: false, reason: "empty" });
  assert.deepEqual(decodeCode("#" + encodeCode("😀".repeat(11)), 10), { ok: false, reason: "link_huge" });
  assert.deepEqual(decodeCode("#" + encodeCode("😀".repeat(10)), 10).ok, true);  // 10 characters, 20 UTF-16 units
  assert.deepEqual(decodeCode("#code=" + "QUFB".repeat(1000), 10), { ok: false, reason: "link_huge" });
});

test("an ordinary anchor is not a code link", () => {
  assert.equal(decodeCode("#sharing", 100), null);
  assert.equal(decodeCode("", 100), null);
  assert.equal(codePoints("a😀中"), 3);
});
