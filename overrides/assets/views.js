// Two reading views of the same text: as printed, or with each garbled name's standard form beside it.
// The choice persists across pages; the text and its pN anchors are the same in both.
(function () {
  "use strict";
  var KEY = "ed-view";
  var VIEWS = [["printed", "view_printed"], ["normalised", "view_normalised"]];  // view, its word in the catalogue

  function current() {
    try { return localStorage.getItem(KEY) || "printed"; } catch (e) { return "printed"; }
  }

  function apply(view) {
    document.documentElement.setAttribute("data-ed-view", view);
    document.querySelectorAll(".ed-view-switch button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view));
    });
  }

  function addSwitch() {
    apply(current());
    if (!document.querySelector(".ed-garbled")) return;
    var article = document.querySelector("article.md-content__inner");
    var h1 = article && article.querySelector("h1");
    if (!h1 || article.querySelector(".ed-view-switch")) return;
    var box = document.createElement("div");
    box.className = "ed-view-switch ed-editorial";
    box.setAttribute("role", "group");
    var words = edition.words();
    box.setAttribute("aria-label", words.reading_view);
    VIEWS.forEach(function (v) {
      var b = document.createElement("button");
      b.type = "button";
      b.setAttribute("data-view", v[0]);
      b.textContent = words[v[1]];
      b.addEventListener("click", function () {
        try { localStorage.setItem(KEY, v[0]); } catch (e) { /* private mode: this page only */ }
        apply(v[0]);
      });
      box.appendChild(b);
    });
    h1.insertAdjacentElement("afterend", box);
    apply(current());
  }

  apply(current());
  if (typeof window.document$ !== "undefined") window.document$.subscribe(addSwitch);
  else document.addEventListener("DOMContentLoaded", addSwitch);
})();

// The journey map, where it is wider than its frame (a phone): it opens on the journey's first stop, the frame
// scrolled to bring it into view; the reader pans from there (the page says the map pans).
(function () {
  "use strict";
  function openOnFirstStop() {
    document.querySelectorAll(".ed-map-frame").forEach(function (frame) {
      if (frame.scrollWidth <= frame.clientWidth || frame.dataset.edOpened) return;
      var first = frame.querySelector(".ed-map-stop circle");
      if (!first) return;
      frame.dataset.edOpened = "1";
      var box = first.getBoundingClientRect(), inner = frame.getBoundingClientRect();
      frame.scrollLeft += box.left + box.width / 2 - inner.left - frame.clientWidth / 3;
    });
  }
  if (typeof window.document$ !== "undefined") window.document$.subscribe(openOnFirstStop);
  else document.addEventListener("DOMContentLoaded", openOnFirstStop);
})();
