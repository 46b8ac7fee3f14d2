// Land on a cited paragraph: highlight it and bring it into view below the sticky header,
// on first load, on hash changes, and after Material's instant navigation.
(function () {
  "use strict";
  function markTarget() {
    document.querySelectorAll(".ed-target").forEach(function (el) { el.classList.remove("ed-target"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el && /^p\d+$/.test(id)) return followMovedAnchor(id);
    if (!el || !el.classList.contains("ed-para")) return;
    el.classList.add("ed-target");
    el.scrollIntoView({ block: "start" });
  }
  // A paragraph cited on a page that no longer holds it: the register's anchor map knows its page.
  function followMovedAnchor(id) {
    var script = document.querySelector('script[src*="assets/edition.js"]');
    if (!script) return;
    var root = script.src.replace(/assets\/edition\.js.*$/, "");
    fetch(root + "assets/anchors.json").then(function (r) { return r.json(); }).then(function (map) {
      if (map[id] !== undefined && root + map[id] !== location.href.split("#")[0]) {
        location.replace(root + map[id] + "#" + id);
      }
    });
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

// The Cite panel: beside each paragraph number, citations ready to copy. Without JavaScript the
// number stays a plain link to the paragraph.
(function () {
  "use strict";
  var FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var MLA = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
  var dialog = null;

  function today() {
    var d = new Date();
    return { y: d.getFullYear(), m: d.getMonth(), d: d.getDate(),
      iso: d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0") };
  }

  // The build renders each style once, for paragraph 99999 accessed on 31 December 1999.
  function fill(text, data, n, t) {
    return text.split(data.paragraph).join(n)
      .replace(/December 31, 1999/g, FULL[t.m] + " " + t.d + ", " + t.y)
      .replace(/31 December 1999/g, t.d + " " + FULL[t.m] + " " + t.y)
      .replace(/31 Dec\. 1999/g, t.d + " " + MLA[t.m] + " " + t.y)
      .split(data.accessed).join(t.iso);
  }

  function plain(html) {
    var div = document.createElement("div");
    div.innerHTML = html;
    return div.textContent;
  }

  function copy(text, button) {
    var done = function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy"; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else {
      var area = document.createElement("textarea");
      area.value = text;
      dialog.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
      done();
    }
  }

  function item(list, label, html, text) {
    var box = document.createElement("div");
    box.className = "ed-cite-item";
    var head = document.createElement("div");
    head.className = "ed-cite-head";
    var h = document.createElement("h3");
    h.textContent = label;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button ed-copy";
    b.textContent = "Copy";
    b.setAttribute("aria-label", "Copy " + label);
    b.addEventListener("click", function () { copy(text, b); });
    head.appendChild(h);
    head.appendChild(b);
    var body = document.createElement(html === null ? "pre" : "p");
    body.className = "ed-cite-text";
    if (html === null) body.textContent = text; else body.innerHTML = html;
    box.appendChild(head);
    box.appendChild(body);
    list.appendChild(box);
  }

  function open(data, n, opener) {
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "ed-cite-dialog md-typeset";
      dialog.setAttribute("aria-labelledby", "ed-cite-title");
      document.body.appendChild(dialog);
      dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
    }
    var t = today();
    dialog.innerHTML = "";
    var top = document.createElement("div");
    top.className = "ed-cite-top";
    var title = document.createElement("h2");
    title.id = "ed-cite-title";
    title.textContent = "Cite paragraph " + n;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "ed-cite-close";
    close.setAttribute("aria-label", "Close");
    close.textContent = "×";
    close.addEventListener("click", function () { dialog.close(); });
    top.appendChild(title);
    top.appendChild(close);
    dialog.appendChild(top);
    var list = document.createElement("div");
    dialog.appendChild(list);
    var url = fill(data.url, data, n, t);
    item(list, "Permanent link", null, url);
    // What each style's two forms are called, in the order a writer reaches for them.
    var forms = { "Chicago": [["cite", "note"], ["entry", "bibliography"]],
      "MLA": [["entry", "works cited"], ["cite", "in-text"]], "APA": [["entry", "reference"], ["cite", "in-text"]] };
    Object.keys(data.styles).forEach(function (name) {
      (forms[name] || [["entry", "entry"], ["cite", "citation"]]).forEach(function (f) {
        var html = fill(data.styles[name][f[0]], data, n, t);
        item(list, name + " (" + f[1] + ")", html, plain(html));
      });
    });
    item(list, "BibTeX", null, fill(data.bibtex, data, n, t));
    var csl = JSON.parse(fill(data.csl, data, n, t));
    csl.accessed = { "date-parts": [[t.y, t.m + 1, t.d]] };
    item(list, "CSL-JSON", null, JSON.stringify([csl], null, 2));
    dialog.addEventListener("close", function () { opener.focus(); }, { once: true });
    dialog.showModal();
    close.focus();
  }

  function addButtons() {
    var node = document.getElementById("ed-cite-data");
    if (!node) return;
    var data = JSON.parse(node.textContent);
    document.querySelectorAll(".ed-para").forEach(function (p) {
      var tools = p.querySelector(".ed-tools");
      if (!tools || tools.querySelector(".ed-cite")) return;
      var n = p.getAttribute("data-n");
      var b = document.createElement("button");
      b.type = "button";
      b.className = "ed-cite";
      b.textContent = "Cite";
      b.setAttribute("aria-label", "Cite paragraph " + n);
      b.setAttribute("aria-haspopup", "dialog");
      b.addEventListener("click", function () { open(data, n, b); });
      tools.appendChild(b);
    });
  }

  if (typeof window.document$ !== "undefined") window.document$.subscribe(addButtons);
  else document.addEventListener("DOMContentLoaded", addButtons);
})();

// Tooltips close on Escape (WCAG 1.4.13): Material opens them on hover and focus but never lets
// them go. Escape hides the open one without moving focus; the next focus or pointer move brings
// tooltips back.
(function () {
  "use strict";
  var root = document.documentElement;
  var hovered = null;
  function restore() { root.classList.remove("ed-tooltips-dismissed"); hovered = null; }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !document.querySelector(".md-tooltip2--active")) return;
    root.classList.add("ed-tooltips-dismissed");
    var under = document.querySelectorAll(":hover");
    hovered = under.length ? under[under.length - 1] : null;
  });
  document.addEventListener("focusin", function () {
    if (root.classList.contains("ed-tooltips-dismissed")) restore();
  });
  document.addEventListener("pointerover", function (e) {
    if (root.classList.contains("ed-tooltips-dismissed") && !(hovered && hovered.contains(e.target))) restore();
  });
})();

// Search results: Material renders a result's tags as an unnamed <nav>, one landmark per result.
// They are a list of names inside a link, not navigation: take the landmark role off.
(function () {
  "use strict";
  function unlandmark(scope) {
    scope.querySelectorAll(".md-search-result nav.md-tags:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }
  function watch() {
    var list = document.querySelector(".md-search-result");
    if (!list || list.dataset.edWatched) return;
    list.dataset.edWatched = "1";
    new MutationObserver(function () { unlandmark(document); }).observe(list, { childList: true, subtree: true });
  }
  if (typeof window.document$ !== "undefined") window.document$.subscribe(watch);
  else document.addEventListener("DOMContentLoaded", watch);
})();

// The drawer and search toggles are checkboxes; Material marked them autocomplete="off" so that a
// browser would not restore them checked on reload or back/forward, which is not valid HTML on a
// checkbox (see overrides/base.html). Reset them here instead whenever a page is shown.
(function () {
  "use strict";
  window.addEventListener("pageshow", function () {
    document.querySelectorAll('input.md-toggle[data-md-toggle="drawer"], input.md-toggle[data-md-toggle="search"]')
      .forEach(function (box) {
        if (!box.checked) return;
        box.checked = false;
        box.dispatchEvent(new Event("change"));
      });
  });
})();
