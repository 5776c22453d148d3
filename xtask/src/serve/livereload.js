// Live reload for `cargo xtask serve` only (never part of a built site): long-polls the dev
// server, reloads the page after a successful rebuild, shows build errors on the page.
(function () {
  "use strict";
  var version = null;

  function showError(message) {
    var box = document.getElementById("xtask-derleme-hatasi");
    if (!message) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "xtask-derleme-hatasi";
      box.setAttribute("role", "alert");
      // CSSOM writes are allowed by the CSP (only style attributes in markup are not).
      var s = box.style;
      s.position = "fixed"; s.zIndex = "2147483647"; s.left = "0"; s.right = "0"; s.top = "0";
      s.maxHeight = "60vh"; s.overflow = "auto"; s.margin = "0"; s.padding = "1rem";
      s.background = "#fff1f0"; s.color = "#6b0000"; s.borderBottom = "4px solid #d4351c";
      s.font = "16px/1.4 monospace"; s.whiteSpace = "pre-wrap";
      document.body.prepend(box);
    }
    box.textContent = "Site derlenemedi (dosyayı düzeltip kaydedin, sayfa kendiliğinden yenilenir):\n\n" + message;
  }

  function poll() {
    fetch("__livereload" + (version === null ? "" : "?v=" + version), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (version !== null && s.version !== version && !s.error) {
          location.reload();
          return;
        }
        version = s.version;
        showError(s.error);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }

  poll();
})();
