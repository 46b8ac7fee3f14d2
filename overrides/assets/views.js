// Two reading views of the same text: as printed, or with each garbled name's standard form beside it.
// The choice persists across pages; the text and its pN anchors are the same in both.
(function () {
  "use strict";
  var KEY = "ed-view";

  function current() {
    try { return localStorage.getItem(KEY) || "printed"; } catch (e) { return "printed"; }
  }

  function apply(view) {
    document.documentElement.setAttribute("data-ed-view", view);
    document.querySelectorAll(".ed-view-switch button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view));
    });
  }

  // The switch is in the page from the build (hidden by the style sheet where no script runs): wire its buttons.
  function wireSwitch() {
    apply(current());
    document.querySelectorAll(".ed-view-switch button[data-view]").forEach(function (b) {
      if (b.dataset.edWired) return;
      b.dataset.edWired = "1";
      b.addEventListener("click", function () {
        var view = b.getAttribute("data-view");
        try { localStorage.setItem(KEY, view); } catch (e) { /* private mode: this page only */ }
        apply(view);
      });
    });
  }

  apply(current());
  if (typeof window.document$ !== "undefined") window.document$.subscribe(wireSwitch);
  else document.addEventListener("DOMContentLoaded", wireSwitch);
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

// Copying in the view "With standard names": the standard names the view shows (drawn by the style sheet) are copied
// with the text, as they are read: "Colande [Robert Coulondre]".
(function () {
  "use strict";
  document.addEventListener("copy", function (e) {
    if (document.documentElement.getAttribute("data-ed-view") !== "normalised" || !e.clipboardData) return;
    var sel = window.getSelection();
    if (!sel || !sel.rangeCount || sel.isCollapsed) return;
    var frag = sel.getRangeAt(0).cloneContents();
    var names = frag.querySelectorAll(".ed-garbled[data-reg]");
    if (!names.length) return;
    names.forEach(function (n) { n.appendChild(document.createTextNode(" [" + n.getAttribute("data-reg") + "]")); });
    var box = document.createElement("div");
    box.style.cssText = "position:fixed;left:-10000px;top:0;white-space:pre-wrap";
    box.appendChild(frag);
    document.body.appendChild(box);
    var text = box.innerText;
    var html = box.innerHTML;
    box.remove();
    e.clipboardData.setData("text/plain", text);
    e.clipboardData.setData("text/html", html);
    e.preventDefault();
  });
})();

// Links inside the site: instant loading writes each one's full address. A printout gives the address only of a
// link that leaves the site (views.css), not of every note's reference to a paragraph.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      if (a.origin === location.origin) a.classList.add("ed-internal");
    });
  }
  if (typeof window.document$ !== "undefined") window.document$.subscribe(mark);
  else document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("beforeprint", mark);
})();
