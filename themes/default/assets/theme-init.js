// Runs synchronously in <head>: apply the remembered theme before first paint.
try {
  var t = localStorage.getItem("sitegen-theme");
  if (t === "light" || t === "dark") document.documentElement.dataset.theme = t;
} catch (e) {}
document.documentElement.classList.add("js");
