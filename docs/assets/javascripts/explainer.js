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
   5. A tap on a note number shows the note's preview (Material's footnote tooltip, which
      opens on hover or focus) instead of jumping to the notes; a second tap follows it.
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

  var touch = false;
  document.addEventListener("pointerdown", function (event) {
    touch = event.pointerType === "touch" || event.pointerType === "pen";
  }, true);
  document.addEventListener("keydown", function () { touch = false; }, true);
  document.addEventListener("click", function (event) {
    var ref = event.target && event.target.closest && event.target.closest(".md-content a.footnote-ref");
    if (!ref || !touch) return;
    // Material marks the number with aria-controls while its preview is open: then follow the link.
    if (document.activeElement === ref && ref.hasAttribute("aria-controls")) return;
    event.preventDefault();
    ref.focus();
  }, true);

  // After Material has started (its start-up is one long task at DOMContentLoaded): this edit
  // changes styles, so it waits for an idle moment rather than lengthen that task.
  function ready() {
    copyButtons();
  }
  function later() {
    if (window.requestIdleCallback) window.requestIdleCallback(ready, { timeout: 500 });
    else setTimeout(ready, 0);
  }
  closedToggles();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", later);
  } else {
    later();
  }
})();
