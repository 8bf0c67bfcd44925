/* Explainer page behaviour. Loaded before Material's bundle, on every page.

   1. The search index is fetched when the reader reaches for search (focus, click or a
      search shortcut), not on every page load: most readers never search, and the index
      grows with the content. Material asks for it with XMLHttpRequest at start-up; that
      one request is held back until it is wanted. If Material ever fetches it another
      way, the index simply loads at start-up again (the page-weight test would notice).
   2. (Glossary terms get tabindex="0" at build time, so the keyboard reaches their tooltips.)
   3. The drawer and search toggles (checkboxes) start closed, whatever state a browser
      restored into them (Material's autocomplete="off" on them is not valid HTML).
   4. "Cite this page" gets a working copy button (hidden without this script).
   5. Previews: a note number shows its note, and a glossary term its definition, on hover,
      keyboard focus or tap (a second tap on a note number follows it to the notes). One
      element, made on first use, from listeners on the document: nothing runs at load, where
      Material's own tooltips (content.tooltips, content.footnote.tooltips) set up each term
      and note at start-up and held a phone's main thread for half a second on a brief.
   6. (Links whose text is their address are marked link--bare at build time, for print.) */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json$/;
  var wanted = false;
  var held = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (release) { release(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__explainerIndex = INDEX.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.__explainerIndex || wanted) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };

  function inSearch(node) {
    return !!(node && node.closest && node.closest(".md-search, label[for='__search']"));
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) want(); }, true);
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) want(); }, true);
  document.addEventListener("keydown", function (event) {
    var typing = event.target && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) want();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) want();
  }, true);

  function closedToggles() {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle) toggle.checked = false;
    });
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      area.remove();
      if (done) resolve(); else reject(new Error("copy refused"));
    });
  }

  function copyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentElement.querySelector("[role=status]");
      if (!source) return;
      var timer = 0;
      function say(message) {
        if (!status) return;
        status.textContent = message;
        clearTimeout(timer);
        timer = setTimeout(function () { status.textContent = ""; }, 5000);
      }
      button.addEventListener("click", function () {
        var text = source.textContent.replace(/\s+/g, " ").trim();
        copy(text).then(function () {
          say("Citation copied.");
        }, function () {
          // No clipboard here: select the citation so the reader can copy it by hand.
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          say("Citation selected: copy it with your device's copy command.");
        });
      });
      button.hidden = false;
    });
  }

  // 5. Previews of notes and glossary terms.
  var HOSTS = ".md-content a.footnote-ref, .md-content abbr[title], .md-content abbr[data-title]";
  var tip = null;   // the one preview element, made on first use
  var host = null;  // what it previews now
  var closing = 0;

  function hostOf(node) {
    return node && node.closest ? node.closest(HOSTS) : null;
  }

  function note(ref) {
    var target = document.getElementById(decodeURIComponent((ref.getAttribute("href") || "").slice(1)));
    if (!target) return null;
    var copy = target.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    copy.querySelectorAll(".footnote-backref").forEach(function (node) { node.remove(); });
    return copy;
  }

  function place() {
    var box = host.getBoundingClientRect();
    var page = document.documentElement.clientWidth;
    var width = tip.offsetWidth;
    var left = Math.min(Math.max(box.left + box.width / 2 - width / 2, 16), page - 16 - width);
    var below = box.bottom + 8;
    var above = box.top - 8 - tip.offsetHeight;
    var top = below + tip.offsetHeight > window.innerHeight && above >= 0 ? above : below;
    tip.style.left = Math.max(left, 0) + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }

  function show(next) {
    clearTimeout(closing);
    if (next === host) return;
    hide();
    var isNote = next.matches("a.footnote-ref");
    var content = isNote ? note(next) : null;
    if (isNote && !content) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "explainer-preview";
      tip.addEventListener("mouseover", function () { clearTimeout(closing); });
      tip.addEventListener("mouseout", function (event) { if (!tip.contains(event.relatedTarget)) later(); });
      tip.addEventListener("focusout", function (event) { if (!tip.contains(event.relatedTarget)) later(); });
      document.body.appendChild(tip);
    }
    if (!isNote && next.hasAttribute("title")) {  // the browser's own tooltip would show as well
      next.setAttribute("data-title", next.getAttribute("title"));
      next.removeAttribute("title");
    }
    host = next;
    tip.className = "explainer-preview" + (isNote ? " md-typeset" : "");
    tip.setAttribute("role", isNote ? "dialog" : "tooltip");
    if (isNote) tip.setAttribute("aria-label", "Note " + next.textContent.trim());
    else tip.removeAttribute("aria-label");
    tip.replaceChildren(isNote ? content : document.createTextNode(next.getAttribute("data-title")));
    tip.hidden = false;
    next.setAttribute(isNote ? "aria-controls" : "aria-describedby", tip.id);
    place();
  }

  function hide() {
    clearTimeout(closing);
    if (!host) return;
    host.removeAttribute("aria-controls");
    host.removeAttribute("aria-describedby");
    host = null;
    tip.hidden = true;
  }

  function later() {
    clearTimeout(closing);
    closing = setTimeout(hide, 300);  // time to move the pointer into the preview and use its link
  }

  document.addEventListener("mouseover", function (event) {
    var over = hostOf(event.target);
    if (over) show(over);
  });
  document.addEventListener("mouseout", function (event) {
    if (host && hostOf(event.target) === host && !(tip && tip.contains(event.relatedTarget))) later();
  });
  document.addEventListener("focusin", function (event) {
    var focused = hostOf(event.target);
    if (focused) show(focused);
    else if (host && !(tip && tip.contains(event.target))) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (host && event.target === host && !(tip && tip.contains(event.relatedTarget))) later();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && host) {
      var was = host;
      hide();
      if (tip.contains(document.activeElement)) was.focus();
    }
  });
  window.addEventListener("resize", function () { if (host) place(); });

  var touch = false;
  var openBefore = null;  // what the preview showed when this tap began (a tap also hovers and focuses)
  document.addEventListener("pointerdown", function (event) {
    touch = event.pointerType === "touch" || event.pointerType === "pen";
    openBefore = host;
    if (host && !hostOf(event.target) && !(tip && tip.contains(event.target))) hide();
  }, true);
  document.addEventListener("keydown", function () { touch = false; }, true);
  document.addEventListener("click", function (event) {
    var ref = event.target && event.target.closest && event.target.closest(".md-content a.footnote-ref");
    if (!ref || !touch) return;
    // A second tap, on the number whose preview the first one opened, follows the link.
    if (openBefore === ref) {
      hide();
      return;
    }
    event.preventDefault();
    ref.focus();
    show(ref);
  }, true);

  // After Material has started (its start-up is one long task at DOMContentLoaded): this edit
  // changes styles, so it waits for an idle moment rather than lengthen that task.
  function ready() {
    copyButtons();
  }
  function whenIdle() {
    if (window.requestIdleCallback) window.requestIdleCallback(ready, { timeout: 500 });
    else setTimeout(ready, 0);
  }
  closedToggles();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", whenIdle);
  } else {
    whenIdle();
  }
})();
