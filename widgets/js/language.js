// The language switcher lands on the same page in the other language and keeps the query (widget state)
// and the anchor. The hook renders correct links for the first page; after instant navigation Material does
// not re-render the header, so the links are recomputed here from the current address.

/** @param {string} root site root URL (absolute, ending in "/") @param {string} href @param {string} lang */
export function counterpart(root, href, lang) {
  const url = new URL(href);
  let path = url.pathname.startsWith(new URL(root).pathname) ? url.pathname.slice(new URL(root).pathname.length) : "";
  if (path.startsWith("zh/") || path === "zh") path = path.slice(3);
  return new URL((lang === "zh" ? "zh/" : "") + path + url.search + url.hash, root).href;
}

/** @param {string} root */
export function updateSwitcher(root) {
  for (const link of document.querySelectorAll("a.md-select__link[hreflang]")) {
    const lang = link.getAttribute("hreflang") || "en";
    link.setAttribute("href", counterpart(root, location.href, lang));
  }
}

/** Full page load on switch (a different search index and navigation), ahead of Material's own handler. @param {string} root */
export function interceptSwitcher(root) {
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a.md-select__link[hreflang]") : null;
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    location.assign(counterpart(root, location.href, link.getAttribute("hreflang") || "en"));
  }, true);
}
