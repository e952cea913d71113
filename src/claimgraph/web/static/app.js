// Selecting a statement in the text shows its details beside it, and the other way round.
// No markup is ever built from article text: this only toggles classes on server-rendered elements.
(function () {
  "use strict";
  function select(id) {
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
    if (!id) { return; }
    document.querySelectorAll('[data-att="' + CSS.escape(id) + '"]').forEach(function (el) {
      el.classList.add("selected");
    });
    var card = document.getElementById("statement-" + id);
    if (card) { card.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-att]");
    if (target && !event.target.closest("a")) { select(target.getAttribute("data-att")); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches && event.target.matches("[data-att]")) {
      select(event.target.getAttribute("data-att"));
    }
  });
  if (location.hash.indexOf("#statement-") === 0) { select(location.hash.slice("#statement-".length)); }
})();
