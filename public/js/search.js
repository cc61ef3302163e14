// The search page: Pagefind's prebuilt UI over the index `dateline build` writes to /pagefind/.
// A query in the address (?q=…) is run at once, so searches can be linked and bookmarked.
window.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("search");
  if (!element || typeof window.PagefindUI !== "function") return;
  const ui = new window.PagefindUI({
    element: "#search",
    baseUrl: element.dataset.base || "/",
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
