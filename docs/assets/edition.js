// Land on a cited paragraph: highlight it and bring it into view below the sticky header,
// on first load, on hash changes, and after Material's instant navigation.
(function () {
  "use strict";
  function markTarget() {
    document.querySelectorAll(".ed-target").forEach(function (el) { el.classList.remove("ed-target"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el || !el.classList.contains("ed-para")) return;
    el.classList.add("ed-target");
    el.scrollIntoView({ block: "start" });
  }
  window.addEventListener("hashchange", markTarget);
  if (typeof window.location$ !== "undefined") {
    window.location$.subscribe(function () { setTimeout(markTarget, 0); });
  }
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(function () { setTimeout(markTarget, 0); });
  } else {
    document.addEventListener("DOMContentLoaded", markTarget);
  }
})();
