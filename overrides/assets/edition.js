// The words of the edition's scripts, in the edition's language (build_scripts/catalogue), and the site's root.
var edition = (function () {
  "use strict";
  function json(id, attr) {
    var node = document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(attr ? node.getAttribute(attr) : node.textContent); } catch (e) { return null; }
  }
  return {
    words: function () { return json("ed-words", "data-words") || {}; },
    // The site's root, as Material works it out on the first page (its scope); instant loading keeps it, while
    // the configuration's relative base stays relative to that first page.
    root: function () {
      var scope = window.__md_scope || new URL(".", location.href);
      return scope.href.replace(/\/?$/, "/");
    },
    json: json
  };
})();

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
    var root = edition.root();
    fetch(root + "assets/anchors.json").then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (map) {
      if (map[id] !== undefined && root + map[id] !== location.href.split("#")[0]) {
        location.replace(root + map[id] + "#" + id);
      }
    }).catch(function () { /* no map: the reader stays on the page they asked for */ });
  }
  window.addEventListener("hashchange", markTarget);
  if (typeof window.document$ !== "undefined") {
    // After every page Material shows, first load and instant navigation alike.
    window.document$.subscribe(function () { setTimeout(markTarget, 0); });
    // A link to a paragraph of the same page: Material's instant loading moves there without a hashchange
    // event. Another page is marked when it is shown (document$ above), not here, where it is not there yet.
    var path = location.pathname;
    window.location$.subscribe(function (url) {
      var same = url.pathname === path;
      path = url.pathname;
      if (same) setTimeout(markTarget, 0);
    });
  } else {
    document.addEventListener("DOMContentLoaded", markTarget);
  }
})();

// The Cite panel: beside each paragraph number, citations ready to copy. Without JavaScript the
// number stays a plain link to the paragraph. Everything is built with textContent: the citations come
// as runs of text with their formatting (italic, bold, ...), never as markup.
(function () {
  "use strict";
  var dialog = null;
  var TAGS = { i: "i", b: "b", u: "u", sup: "sup", sub: "sub", sc: "span" };

  function today() {
    var d = new Date();
    return { y: String(d.getFullYear()), m: d.getMonth(), d: String(d.getDate()),
      mm: String(d.getMonth() + 1).padStart(2, "0"), dd: String(d.getDate()).padStart(2, "0") };
  }

  // The build leaves tokens where the paragraph and the date of access go.
  function fill(text, data, n, t, months) {
    var tk = data.tokens;
    return text.split(tk.paragraph).join(n).split(tk.day).join(t.d).split(tk.year).join(t.y)
      .split(tk.mm).join(t.mm).split(tk.dd).join(t.dd).split(tk.month).join(months ? months[t.m] : t.mm);
  }

  function runsTo(parent, runs, data, n, t, months) {
    var text = "";
    runs.forEach(function (run) {
      var node = parent;
      run[1].forEach(function (style) {
        var el = document.createElement(TAGS[style] || "span");
        if (style === "sc") el.className = "ed-smallcaps";
        node.appendChild(el);
        node = el;
      });
      var piece = fill(run[0], data, n, t, months);
      node.appendChild(document.createTextNode(piece));
      text += piece;
    });
    return text;
  }

  // A citation goes to the clipboard as text, and, where the browser takes it, also as HTML, so that a word
  // processor keeps its italics (a title); the text alone where it does not.
  function copy(text, button, words, html) {
    var done = function () {
      button.textContent = words.copied;
      setTimeout(function () { button.textContent = words.copy; }, 1500);
    };
    if (html && navigator.clipboard && navigator.clipboard.write && window.ClipboardItem && window.isSecureContext) {
      navigator.clipboard.write([new ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" })
      })]).then(done, function () { navigator.clipboard.writeText(text).then(done); });
    } else if (navigator.clipboard && window.isSecureContext) {
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

  // One citation: its label, a Copy button, and its text (runs, or preformatted text).
  function item(list, label, words, build) {
    var box = document.createElement("div");
    box.className = "ed-cite-item";
    var head = document.createElement("div");
    head.className = "ed-cite-head";
    var h = document.createElement("h3");
    h.textContent = label;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button ed-copy";
    b.textContent = words.copy;
    b.setAttribute("aria-label", (words.copy_label || "").replace("{label}", label));
    head.appendChild(h);
    head.appendChild(b);
    var body = build();
    body.classList.add("ed-cite-text");
    var text = body.textContent;
    var html = body.tagName === "P" ? body.innerHTML : null;  // a style's citation, built with textContent
    b.addEventListener("click", function () { copy(text, b, words, html); });
    box.appendChild(head);
    box.appendChild(body);
    list.appendChild(box);
  }

  function pre(text) {
    var el = document.createElement("pre");
    el.textContent = text;
    return el;
  }

  function open(data, n, opener, words) {
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "ed-cite-dialog md-typeset";
      dialog.setAttribute("aria-labelledby", "ed-cite-title");
      document.body.appendChild(dialog);
      dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
    }
    var t = today();
    dialog.replaceChildren();
    var top = document.createElement("div");
    top.className = "ed-cite-top";
    var title = document.createElement("h2");
    title.id = "ed-cite-title";
    title.textContent = words.cite_paragraph.replace("{n}", n);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "ed-cite-close";
    close.setAttribute("aria-label", words.close);
    close.textContent = "×";
    close.addEventListener("click", function () { dialog.close(); });
    top.appendChild(title);
    top.appendChild(close);
    dialog.appendChild(top);
    var list = document.createElement("div");
    dialog.appendChild(list);
    item(list, words.permanent_link, words, function () { return pre(fill(data.url, data, n, t)); });
    data.styles.forEach(function (style) {
      style.forms.forEach(function (form) {
        item(list, style.label + " (" + form.label + ")", words, function () {
          var p = document.createElement("p");
          runsTo(p, form.runs, data, n, t, style.months);
          return p;
        });
      });
    });
    item(list, words.bibtex, words, function () { return pre(fill(data.bibtex, data, n, t)); });
    var csl = JSON.parse(JSON.stringify(data.csl), function (key, value) {
      return typeof value === "string" ? fill(value, data, n, t) : value;
    });
    csl.accessed = { "date-parts": [[Number(t.y), t.m + 1, Number(t.d)]] };
    item(list, words.csl_json, words, function () { return pre(JSON.stringify([csl], null, 2)); });
    dialog.addEventListener("close", function () { opener.focus(); }, { once: true });
    dialog.showModal();
    close.focus();
  }

  function addButtons() {
    var data = edition.json("ed-cite-data", "data-cite");
    if (!data) return;
    var words = edition.words();
    document.querySelectorAll(".ed-para").forEach(function (p) {
      var tools = p.querySelector(".ed-tools");
      if (!tools || tools.querySelector(".ed-cite")) return;
      var n = p.getAttribute("data-n");
      var b = document.createElement("button");
      b.type = "button";
      b.className = "ed-cite";
      b.textContent = words.cite;
      b.setAttribute("aria-label", words.cite_paragraph.replace("{n}", n));
      b.setAttribute("aria-haspopup", "dialog");
      b.addEventListener("click", function () { open(data, n, b, words); });
      tools.appendChild(b);
    });
  }

  if (typeof window.document$ !== "undefined") window.document$.subscribe(addButtons);
  else document.addEventListener("DOMContentLoaded", addButtons);
})();

// Tooltips: a name's identification, a gap's meaning. The page carries them as title attributes (the browser's
// own tooltip without JavaScript); here they are shown on hover, on focus and on tap, larger, as text only
// (textContent: a title never becomes markup), and they close on Escape without moving focus (WCAG 1.4.13).
(function () {
  "use strict";
  var SELECTOR = ".md-typeset [data-ed-tip]";
  var tip = null, current = null;

  function adopt(scope) {
    scope.querySelectorAll(".md-typeset a.ed-name[title], .md-typeset .ed-gap[title]").forEach(function (el) {
      el.setAttribute("data-ed-tip", el.getAttribute("title"));
      el.removeAttribute("title");
    });
    // A note's mark shows its note: the words of the note at the end, as text (its own mark left out).
    scope.querySelectorAll(".md-typeset a.footnote-ref").forEach(function (el) {
      var note = document.getElementById(decodeURIComponent(el.hash.slice(1)));
      if (!note || el.hasAttribute("data-ed-tip")) return;
      var copy = note.cloneNode(true);
      copy.querySelectorAll(".footnote-backref").forEach(function (b) { b.remove(); });
      el.setAttribute("data-ed-tip", copy.textContent.replace(/\s+/g, " ").trim());
    });
  }

  function show(el) {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "ed-tip";
      tip.id = "ed-tip";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    current = el;
    tip.textContent = el.getAttribute("data-ed-tip");
    el.setAttribute("aria-describedby", "ed-tip");
    tip.hidden = false;
    var r = el.getBoundingClientRect(), w = Math.min(360, window.innerWidth - 16);
    tip.style.maxWidth = w + "px";
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + window.innerWidth - w - 8));
    tip.style.left = left + "px";
    var below = r.bottom + window.scrollY + 6, above = r.top + window.scrollY - tip.offsetHeight - 6;
    tip.style.top = (r.bottom + tip.offsetHeight + 12 > window.innerHeight && above > window.scrollY ? above : below) + "px";
  }

  function hide() {
    if (tip) tip.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  document.addEventListener("mouseover", function (e) {
    var el = e.target.closest && e.target.closest(SELECTOR);
    if (el && el !== current) show(el);
    else if (!el && current && !(tip && tip.contains(e.target))) hide();
  });
  document.addEventListener("focusin", function (e) {
    var el = e.target.closest && e.target.closest(SELECTOR);
    if (el) show(el); else hide();
  });
  document.addEventListener("focusout", function (e) { if (current && e.target === current) hide(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" && current) hide(); });
  window.addEventListener("scroll", function () { if (current && document.activeElement !== current) hide(); },
                          { passive: true });

  if (typeof window.document$ !== "undefined") window.document$.subscribe(function () { hide(); adopt(document); });
  else document.addEventListener("DOMContentLoaded", function () { adopt(document); });
})();

// On a wide screen the notes stand beside their paragraphs and the list at the end is hidden: a note's mark
// then leads to the note beside the text. Without JavaScript it leads to the list, as on a narrow screen.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var mark = e.target.closest && e.target.closest("a.footnote-ref");
    if (!mark) return;
    var side = document.getElementById("sn-" + decodeURIComponent(mark.hash).replace(/^#fn:/, ""));
    if (!side) return;
    side.dispatchEvent(new CustomEvent("ed-reveal", { bubbles: true }));  // folded or tucked away: opened first
    if (side.offsetParent === null) return;  // not shown: the list at the end is
    e.preventDefault();
    e.stopPropagation();
    document.querySelectorAll(".ed-target-note").forEach(function (n) { n.classList.remove("ed-target-note"); });
    side.classList.add("ed-target-note");
    side.scrollIntoView({ block: "nearest" });
  }, true);
})();

// The margin on a wide screen: each paragraph's notes and verdicts float beside it, each margin below the one before.
// Where a margin would run on past the next paragraph's, its long items are folded to their first lines, each with
// a button that unfolds it; where that is not enough, to their first line; and where even that is not enough, its
// last items are tucked behind a button that shows them all. So the notes stay beside the text they annotate however
// many and long they are. A note a reader opens (its button, its mark in the text, the focus) stays open, and a
// margin whose tucked notes the reader asked for stays whole. Without JavaScript, and on a narrow screen or in print,
// nothing is folded or tucked.
(function () {
  "use strict";
  var WIDE = "screen and (min-width: 76.25em)", LINES = 3, pending = false;

  function items(aside) { return Array.prototype.slice.call(aside.querySelectorAll(".ed-sidenote, .ed-claim")); }

  function toggleOf(item) {
    var b = item.nextElementSibling;
    if (b && b.classList.contains("ed-fold-toggle")) return b;
    var aside = item.closest(".ed-margin");
    b = document.createElement("button");
    b.type = "button";
    b.className = "ed-fold-toggle";
    b.hidden = true;
    b.addEventListener("click", function () { setOpen(item, !item.classList.contains("ed-open")); });
    b.dataset.more = aside.getAttribute("data-ed-more") || "…";
    b.dataset.less = aside.getAttribute("data-ed-less") || "…";
    item.insertAdjacentElement("afterend", b);
    return b;
  }

  // The button at the end of a margin that shows the items tucked away.
  function restOf(aside) {
    var b = aside.querySelector(":scope > .ed-rest-toggle");
    if (b) return b;
    b = document.createElement("button");
    b.type = "button";
    b.className = "ed-rest-toggle";
    b.hidden = true;
    b.addEventListener("click", function () {
      // The button goes once the margin is whole: the focus moves to the first item it showed, not to the page.
      var first = aside.querySelector(".ed-sidenote.ed-tucked, .ed-claim.ed-tucked");
      showAll(aside);
      if (!first) return;
      first.setAttribute("tabindex", "-1");
      window.requestAnimationFrame(function () {
        window.requestAnimationFrame(function () { first.focus({ preventScroll: true }); });
      });
    });
    aside.appendChild(b);
    return b;
  }

  // The margin's tucked items back, and its button gone.
  function untuck(aside) {
    aside.querySelectorAll(".ed-tucked").forEach(function (t) { t.classList.remove("ed-tucked"); });
    var rest = aside.querySelector(":scope > .ed-rest-toggle");
    if (rest) rest.hidden = true;
  }

  function showAll(aside) {
    aside.classList.add("ed-margin-open");
    untuck(aside);  // at once, not at the next fit: a note's mark scrolls to the note as soon as it is shown
    schedule();
  }

  function setOpen(item, open) {
    var b = toggleOf(item);
    if (open && item.classList.contains("ed-tucked")) showAll(item.closest(".ed-margin"));
    item.classList.toggle("ed-open", open);
    item.classList.toggle("ed-folded", !open);
    b.hidden = false;
    b.textContent = open ? b.dataset.less : b.dataset.more;
    b.setAttribute("aria-expanded", String(open));
    schedule();
  }

  function fold(item, lines) {
    var lh = parseFloat(getComputedStyle(item).lineHeight) || 18;
    if (item.scrollHeight <= lh * (lines + 1.5)) return false;  // short enough to stay whole
    item.style.setProperty("--ed-fold", (lh * lines) + "px");
    item.classList.add("ed-folded");
    var b = toggleOf(item);
    b.hidden = false;
    b.textContent = b.dataset.more;
    b.setAttribute("aria-expanded", "false");
    return true;
  }

  function fit() {
    pending = false;
    // A note the address points to (its mark followed without this script's help) is open.
    var cited = /^#fn:(.+)$/.exec(decodeURIComponent(location.hash));
    var target = cited && document.getElementById("sn-" + cited[1]);
    if (target) {
      target.classList.add("ed-open");
      var home = target.closest(".ed-margin");
      if (home) home.classList.add("ed-margin-open");
    }
    var asides = Array.prototype.slice.call(document.querySelectorAll(".md-typeset .ed-unit > aside.ed-margin"));
    asides.forEach(function (a) {
      untuck(a);
      items(a).forEach(function (item) {
        if (item.classList.contains("ed-open")) return;
        item.classList.remove("ed-folded");
        var b = item.nextElementSibling;
        if (b && b.classList.contains("ed-fold-toggle")) b.hidden = true;
      });
    });
    var article = document.querySelector("article.md-content__inner");
    if (!window.matchMedia(WIDE).matches) { if (article) article.classList.add("ed-fitted"); return; }
    asides.forEach(function (a, k) {
      var next = asides[k + 1] && asides[k + 1].parentElement.querySelector(".ed-para");
      if (!next) return;
      var limit = next.getBoundingClientRect().top;
      var over = function () { return a.getBoundingClientRect().bottom > limit; };
      // The longest first, until the margin ends before the next paragraph's begins.
      var list = items(a).filter(function (i) { return !i.classList.contains("ed-open"); })
        .sort(function (x, y) { return y.scrollHeight - x.scrollHeight; });
      for (var i = 0; i < list.length && over(); i++) fold(list[i], LINES);
      for (i = 0; i < list.length && over(); i++) fold(list[i], 1);
      if (!over() || a.classList.contains("ed-margin-open")) return;
      // Still too long: the last items tucked away, the first always shown, behind a button that shows them all.
      var all = items(a), tucked = 0, rest = restOf(a);
      rest.hidden = false;
      for (i = all.length - 1; i > 0 && over(); i--) {
        if (all[i].classList.contains("ed-open")) continue;
        all[i].classList.add("ed-tucked");
        tucked++;
        rest.textContent = (a.getAttribute("data-ed-rest") || "{n}").replace("{n}", String(tucked));
      }
      if (!tucked) rest.hidden = true;
      // A box of the margin (its notes, its verdicts) whose items are all tucked away takes no room either.
      Array.prototype.forEach.call(a.children, function (box) {
        var its = box.querySelectorAll(".ed-sidenote, .ed-claim");
        if (its.length && box.querySelectorAll(".ed-tucked").length === its.length) box.classList.add("ed-tucked");
      });
    });
    if (article) article.classList.add("ed-fitted");  // the margin is shown as folded (edition.css)
  }

  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(fit);
  }

  // A note reached from its mark (the mark's handler above asks, before it looks whether the note is shown), or by
  // the keyboard, opens.
  document.addEventListener("ed-reveal", function (e) {
    var item = e.target;
    if (item.classList.contains("ed-folded") || item.classList.contains("ed-tucked")) setOpen(item, true);
  });
  document.addEventListener("focusin", function (e) {
    var item = e.target.closest && e.target.closest(".ed-folded");
    if (item) setOpen(item, true);
  });
  window.addEventListener("resize", schedule);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(schedule);
  if (typeof window.document$ !== "undefined") window.document$.subscribe(schedule);
  else document.addEventListener("DOMContentLoaded", schedule);
})();
