/* The timeline's filter, by theme and by period. The page lists every event without this script; with it,
   the filter appears, hides the events that do not match and the years left empty, says how many are
   shown, and keeps the choice in the address so a filtered timeline can be shared. */
(function () {
  "use strict";
  var form = document.querySelector("form.timeline-filter");
  if (!form) return;
  var events = Array.prototype.slice.call(document.querySelectorAll(".timeline-event"));
  var years = Array.prototype.slice.call(document.querySelectorAll(".timeline-year"));
  var status = form.querySelector(".timeline-filter__status");

  function matches(event, theme, period) {
    var themes = " " + (event.getAttribute("data-themes") || "") + " ";
    var year = event.closest(".timeline-year");
    return (!theme || themes.indexOf(" " + theme + " ") >= 0) &&
      (!period || (year && year.getAttribute("data-period") === period));
  }

  function apply() {
    var theme = form.elements.theme ? form.elements.theme.value : "";
    var period = form.elements.period ? form.elements.period.value : "";
    var shown = 0;
    events.forEach(function (event) {
      var show = matches(event, theme, period);
      event.hidden = !show;
      if (show) shown += 1;
    });
    years.forEach(function (year) {
      year.hidden = !year.querySelector(".timeline-event:not([hidden])");
    });
    status.textContent = theme || period
      ? "Showing " + shown + " of " + events.length + " events."
      : "";
    var query = new URLSearchParams(window.location.search);
    [["theme", theme], ["period", period]].forEach(function (pair) {
      if (pair[1]) query.set(pair[0], pair[1]); else query.delete(pair[0]);
    });
    var search = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
  }

  var asked = new URLSearchParams(window.location.search);
  ["theme", "period"].forEach(function (name) {
    var select = form.elements[name];
    var value = asked.get(name);
    if (select && value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value;
  });
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
