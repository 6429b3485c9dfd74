// Case-study filter: narrows the server-rendered list as the form changes.
// Without JavaScript the form stays hidden and the term pages do the job.
(function () {
  "use strict";
  var form = document.getElementById("case-filter");
  var list = document.getElementById("case-list");
  if (!form || !list) return;
  var note = document.getElementById("filter-nojs");
  var count = document.getElementById("filter-count");
  var items = Array.prototype.slice.call(list.querySelectorAll("li[data-prefecture]"));
  form.hidden = false;
  if (note) note.hidden = true;

  // One normaliser for the text box and the items: NFKC and lower case, so
  // full-width ＩＣＴ matches ICT and half-width ｶﾅ matches カナ.
  function normalise(text) {
    return (text || "").normalize("NFKC").toLowerCase();
  }
  var texts = items.map(function (item) { return normalise(item.textContent); });

  function has(list, value) {
    return (" " + list + " ").indexOf(" " + value + " ") !== -1;
  }

  function apply() {
    var q = normalise(form.q.value).trim();
    var region = form.region.value, prefecture = form.prefecture.value;
    var industry = form.industry.value, size = form.size.value;
    var award = form.award.checked;
    var shown = 0;
    items.forEach(function (item, i) {
      var d = item.dataset;
      var visible = (!q || texts[i].indexOf(q) !== -1) &&
        (!region || has(d.region, region)) &&
        (!prefecture || has(d.prefecture, prefecture)) &&
        (!industry || has(d.industry, industry)) &&
        (!size || d.size === size) &&
        (!award || d.award === "yes");
      item.hidden = !visible;
      if (visible) shown++;
    });
    var template = shown === 1 ? count.dataset.templateOne : count.dataset.templateOther;
    // The templates were rendered with count 1 and 2; swap in the real number.
    count.textContent = template.replace(shown === 1 ? "1" : "2", String(shown));
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
