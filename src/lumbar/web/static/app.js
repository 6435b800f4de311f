// lumbar: a little progressive enhancement. Every page works without this file.
// After htmx swaps in a new page part (a diary entry logged), move keyboard and screen-reader focus to
// the message that says what happened, so nobody has to hunt for it.
document.addEventListener("htmx:afterSettle", function () {
  var target = document.querySelector("[data-focus]");
  if (target) {
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
  }
});
