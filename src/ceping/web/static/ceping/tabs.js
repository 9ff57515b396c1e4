/* The campaign's bar of pages (templates/ceping/_dash_nav.html): on a phone it is one row that
   scrolls sideways, so the page shown is scrolled into the middle of it; otherwise a page far
   down the list (截止日期) would be marked out of sight. Only the bar scrolls, never the page. */
(function () {
  "use strict";
  var bar = document.querySelector("nav.tabs");
  if (!bar || bar.scrollWidth <= bar.clientWidth) return;
  var current = bar.querySelector("[aria-current=page]");
  if (!current) return;
  bar.scrollLeft = current.offsetLeft - bar.offsetLeft - (bar.clientWidth - current.offsetWidth) / 2;
})();
