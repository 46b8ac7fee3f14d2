// Search by Pagefind (the index the build writes into pagefind/). Nothing is fetched until the reader opens search:
// the header's search button, the "/" key, or the Search page. Results are built with textContent: the text's
// paragraphs first, then the notes, the glossary and the pages about the edition; a result lands on its paragraph.
(function () {
  "use strict";
  var KINDS = ["text", "record", "note", "entry", "page"];
  var engine = null, dialog = null, seq = 0;

  function words() { return edition.words(); }
  function root() { return edition.root(); }

  // The index of the page's language, and those of the texts in other languages (a Russian document of the
  // record), merged in: one search finds them all, each stemmed in its own language.
  function load() {
    if (!engine) {
      engine = import(root() + "pagefind/pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: root(), excerptLength: 24 }).then(function () {
          pf.init();
          var others = words().search_languages || [];
          return Promise.all(others.map(function (lang) {
            return pf.mergeIndex(root() + "pagefind/", { language: lang });
          })).then(function () { return pf; });
        });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  // An excerpt as Pagefind gives it (its words HTML-escaped, matches in <mark>), as nodes: the marks are the only
  // elements; everything else is text, decoded by a parser that builds an inert document and runs nothing.
  function excerptNodes(excerpt) {
    var out = document.createDocumentFragment();
    var doc = new DOMParser().parseFromString("<body>" + excerpt + "</body>", "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = node.textContent;
        out.appendChild(m);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The title of the page a result is on (a section of the text), as the navigation names it.
  function pageTitle(url) {
    var page = url.split("#")[0], found = "";
    document.querySelectorAll(".md-nav--primary a.md-nav__link[href]").forEach(function (a) {
      if (!found && a.href.split("#")[0] === page && url.indexOf("#") > 0) found = a.textContent.trim();
    });
    return found;
  }

  function render(box, query, results, onPick, total) {
    var w = words();
    box.replaceChildren();
    if (!results.length) {
      box.appendChild(el("p", "ed-search-status", w.search_none.replace("{q}", query)));
      return;
    }
    box.appendChild(el("p", "ed-search-status", w.search_results.replace("{n}", total || results.length)
      .replace("{q}", query)));
    KINDS.forEach(function (kind) {
      var mine = results.filter(function (r) { return r.meta.kind === kind; });
      if (!mine.length) return;
      var section = el("section", "ed-search-group");
      section.appendChild(el("h2", "ed-search-kind", w["search_kind_" + kind]));
      var list = el("ol", "ed-search-list");
      mine.forEach(function (r) {
        var li = el("li", "ed-search-result");
        var a = el("a", "ed-search-link");
        a.href = r.url;  // Pagefind puts the base address (the site root) before the record's address
        a.appendChild(el("span", "ed-search-title", r.meta.title));
        var where = pageTitle(r.url);
        if (where) a.appendChild(el("span", "ed-search-where", where));
        var p = el("p", "ed-search-excerpt");
        p.appendChild(excerptNodes(r.excerpt));
        a.appendChild(p);
        if (r.meta.names) a.appendChild(el("p", "ed-search-names", r.meta.names));
        a.addEventListener("click", function () { if (onPick) onPick(); });
        li.appendChild(a);
        list.appendChild(li);
      });
      section.appendChild(list);
      box.appendChild(section);
    });
  }

  var PAGE = 60;  // results shown at a time; "More" shows the next ones
  var FIRST = 10;  // shown first, while the rest of the page's data loads

  // Results in the edition's order (its records are the text's paragraphs in reading order, then the record's,
  // the notes, the glossary, the pages): every paragraph saying the word is shown, the text's first.
  function run(query, box, onPick) {
    var mine = ++seq, w = words();
    query = query.trim();
    if (!query) { box.replaceChildren(); box.removeAttribute("aria-busy"); return Promise.resolve(); }
    box.setAttribute("aria-busy", "true");
    var found = null, shown = [];
    function more(count, partial) {
      return Promise.all(found.results.slice(shown.length, shown.length + count).map(function (r) { return r.data(); }))
        .then(function (results) {
          if (mine !== seq) return;  // a later query has been typed
          shown = shown.concat(results);
          render(box, query, shown, onPick, found.results.length);
          if (found.results.length > shown.length && !partial) {
            var b = el("button", "md-button ed-search-more",
                       (w.search_more || "More").replace("{n}", found.results.length - shown.length));
            b.type = "button";
            b.addEventListener("click", function () { b.remove(); more(PAGE); });
            box.appendChild(b);
          }
        });
    }
    return load().then(function (pf) {
      return pf.search(query, { sort: { order: "asc" } });
    }).then(function (result) {
      found = result;
      // The first results as soon as their data comes, the rest of the page after them.
      return more(FIRST, found.results.length > FIRST).then(function () {
        if (mine === seq && found.results.length > shown.length) return more(PAGE - FIRST);
      });
    }).catch(function () {
      if (mine === seq) box.replaceChildren(el("p", "ed-search-status", w.search_failed));
    }).finally(function () { if (mine === seq) box.removeAttribute("aria-busy"); });  // not an earlier query's end
  }

  function field(box, input, onPick) {
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      // Pagefind fetches the index chunks of what is typed during the pause (its documented preload).
      var typed = input.value.trim();
      if (typed) load().then(function (pf) { return pf.preload(typed); }).catch(function () {});
      timer = setTimeout(function () { run(input.value, box, onPick); }, 80);
    });
  }

  function openDialog() {
    var w = words();
    if (!dialog) {
      dialog = el("dialog", "ed-search-dialog md-typeset");
      dialog.setAttribute("aria-labelledby", "ed-search-heading");
      var top = el("div", "ed-search-top");
      var h = el("h2", "ed-search-heading", w.search_title);
      h.id = "ed-search-heading";
      var close = el("button", "ed-search-close", "×");
      close.type = "button";
      close.setAttribute("aria-label", w.search_close);
      close.addEventListener("click", function () { dialog.close(); });
      top.appendChild(h);
      top.appendChild(close);
      var input = el("input", "ed-search-input");
      input.type = "search";
      input.setAttribute("aria-label", w.search_label);
      input.setAttribute("autocomplete", "off");
      var box = el("div", "ed-search-results");
      box.setAttribute("aria-live", "polite");
      dialog.appendChild(top);
      dialog.appendChild(input);
      dialog.appendChild(box);
      dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
      document.body.appendChild(dialog);
      field(box, input, function () { dialog.close(); });
    }
    load();  // the index loads while the reader types
    dialog.showModal();
    dialog.querySelector("input").focus();
  }

  function addButton() {
    var w = words();
    if (!w.search_open || document.querySelector(".ed-search-button")) return;
    var where = document.querySelector(".md-header__inner .md-header__option") ||
      document.querySelector(".md-header__inner .md-header__source") || document.querySelector(".md-header__inner");
    if (!where) return;
    var b = el("button", "md-header__button md-icon ed-search-button");
    b.type = "button";
    b.setAttribute("aria-label", w.search_open);
    b.title = w.search_open;
    b.setAttribute("aria-haspopup", "dialog");
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5");
    svg.appendChild(path);
    b.appendChild(svg);
    b.addEventListener("click", openDialog);
    if (where.classList.contains("md-header__inner")) where.appendChild(b);
    else where.parentNode.insertBefore(b, where);
  }

  // The Search page: the same search in the page, from its form or from ?q= in its address.
  function searchPage() {
    var input = document.getElementById("ed-search-page-input");
    var box = document.getElementById("ed-search-page-results");
    if (!input || !box || input.dataset.edReady) return;
    input.dataset.edReady = "1";
    var form = input.closest("form");
    form.addEventListener("submit", function (e) { e.preventDefault(); run(input.value, box); });
    field(box, input);
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; run(q, box); }
  }

  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    openDialog();
  });

  function ready() { addButton(); searchPage(); }
  if (typeof window.document$ !== "undefined") window.document$.subscribe(ready);
  else document.addEventListener("DOMContentLoaded", ready);
})();
