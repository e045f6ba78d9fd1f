// Classic (blocking) script in <head>: paints the saved colour scheme before first render, on
// every page, so there is no light flash before the chat's modules run. Key: see theme.js.
(function () {
  try {
    var saved = localStorage.getItem("chatkit-studio.color-scheme");
    if (saved === "light" || saved === "dark") document.documentElement.dataset.colorScheme = saved;
  } catch (error) { /* storage disabled: the system preference applies */ }
})();
