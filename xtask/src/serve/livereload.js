// Live reload for `cargo xtask serve` only (never part of a built site): listens on one
// WebSocket to the dev server (not counted among the browser's six connections per host, so
// open tabs never hold up a page load), updates the page after a successful rebuild (body
// swapped in place when only the HTML changed, else a reload), shows build errors on the page.
(function () {
  "use strict";
  var version = null;
  var retry = 500;

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

  // The page's stylesheets and scripts: when they are unchanged and the page runs no script of
  // its own, a rebuild only changed its HTML, and swapping the body in place shows it in a few
  // milliseconds (a full reload costs ~150 ms and loses the scroll position).
  function assets(doc) {
    return Array.prototype.map.call(doc.querySelectorAll("link[href], script[src]"), function (e) {
      return e.getAttribute("href") || e.getAttribute("src");
    }).join(" ");
  }

  function ownScripts(doc) {
    return Array.prototype.some.call(doc.querySelectorAll("script[src]"), function (e) {
      return e.getAttribute("src").indexOf("__livereload") === -1;
    });
  }

  function refresh() {
    if (ownScripts(document)) {
      location.reload();
      return;
    }
    fetch(location.href, { cache: "no-store" })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        if (assets(next) !== assets(document) || ownScripts(next)) {
          location.reload();
          return;
        }
        document.title = next.title;
        document.body.replaceWith(document.adoptNode(next.body));
      })
      .catch(function () { location.reload(); });
  }

  // The server sends {version, error} on connect and after every build. A new version without
  // an error (also after `serve` was restarted) refreshes the page; a closed socket is opened
  // again, less often while the server is away.
  function listen() {
    var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") +
      location.host + "/__livereload");
    socket.onmessage = function (event) {
      retry = 500;
      var s;
      try { s = JSON.parse(event.data); } catch (e) { return; }
      var changed = version !== null && s.version !== version && !s.error;
      version = s.version;
      if (changed) {
        refresh();
        return;
      }
      showError(s.error);
    };
    socket.onclose = function () {
      setTimeout(listen, retry);
      retry = Math.min(retry * 2, 5000);
    };
  }

  listen();
})();
