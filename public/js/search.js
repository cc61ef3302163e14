// The search page: Pagefind's prebuilt UI over the index `dateline build` writes to /pagefind/.
// A large site's index is split into several bundles (src/site/search-shards.ts), listed in the
// element's data-bundles relative to the site root, the primary one first: the UI searches them
// all as one. A query in the address (?q=…) is run at once, so searches can be linked and bookmarked.
window.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("search");
  if (!element || typeof window.PagefindUI !== "function") return;
  const base = element.dataset.base || "/";
  const bundles = (element.dataset.bundles || "pagefind/").split(/\s+/).filter(Boolean);
  const ui = new window.PagefindUI({
    element: "#search",
    baseUrl: base,
    bundlePath: base + bundles[0],
    mergeIndex: bundles.slice(1).map((bundle) => ({ bundlePath: base + bundle })),
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: "Search reports, timeline entries and threads" },
  });
  const input = element.querySelector("input[type='text'], input[type='search']");
  // Pagefind labels its field by a title only; screen readers get a proper name.
  if (input) input.setAttribute("aria-label", "Search reports, timeline entries and threads");
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    if (input) input.value = query;
    ui.triggerSearch(query);
  }
});
