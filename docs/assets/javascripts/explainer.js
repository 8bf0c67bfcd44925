/* Explainer page behaviour. Loaded before Material's bundle, on every page.

   1. The search index is fetched when the reader reaches for search (focus, click or a
      search shortcut), not on every page load: most readers never search, and the index
      grows with the content. Material asks for it with XMLHttpRequest at start-up; that
      one request is held back until it is wanted. If Material ever fetches it another
      way, the index simply loads at start-up again (the page-weight test would notice).
   2. Glossary terms (abbreviations) can be reached with the keyboard: Material shows
      their tooltip on hover and on focus, but an <abbr> is not focusable by default. */
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

  function focusableTerms() {
    document.querySelectorAll(".md-content abbr").forEach(function (term) {
      if (!term.hasAttribute("tabindex")) term.setAttribute("tabindex", "0");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusableTerms);
  } else {
    focusableTerms();
  }
})();
