// sitegen live reload. `sitegen serve` adds this script to every HTML
// response; it is never part of a built site. The events are described in
// reload.go. Build errors are shown with textContent only: error text is
// never parsed as HTML.
(function () {
  "use strict";
  if (window.__sitegenReload) return;
  window.__sitegenReload = true;

  var SCROLL = "sitegen:scroll";
  var OVERLAY = "sitegen-overlay";
  // The build this page came from; the server it came from is learnt on
  // the first hello.
  var tag = document.currentScript;
  var seen = { server: null, build: tag ? Number(tag.dataset.build) : null };

  var es = null;

  restoreScroll();
  // Only visible tabs keep a connection: a browser allows six HTTP/1.1
  // connections per server, and six open tabs would use them all. A tab
  // coming back catches up through hello.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) disconnect();
    else connect();
  });
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", function () {
    if (!document.hidden) connect();
  });
  if (!document.hidden) connect();

  function disconnect() {
    if (es) es.close();
    es = null;
  }

  function connect() {
    if (es) return;
    es = new EventSource("/_sitegen/events");
    on(es, "hello", function (d) {
      var restarted = seen.server !== null && seen.server !== d.server;
      if (restarted || (seen.build !== null && seen.build !== d.build)) {
        // The server restarted, or built while we were disconnected.
        reload();
        return;
      }
      seen = { server: d.server, build: d.build };
    });
    on(es, "reload", function (d) {
      track(d);
      if (d.url && d.url !== location.pathname) {
        location.assign(d.url);
      } else {
        reload();
      }
    });
    on(es, "css", function (d) {
      track(d);
      swapStylesheets();
    });
    on(es, "error", showOverlay);
    on(es, "ok", function (d) {
      track(d);
      hideOverlay();
    });
    var mine = es;
    es.addEventListener("error", function () {
      // EventSource retries by itself unless the answer was not an event
      // stream (another program on the port): then try again later.
      if (mine.readyState === EventSource.CLOSED && es === mine) {
        es = null;
        setTimeout(function () {
          if (!document.hidden) connect();
        }, 2000);
      }
    });
  }

  // on listens for a server event. A connection failure is also an
  // "error" event, but without data; only the server's events carry it.
  function on(source, name, fn) {
    source.addEventListener(name, function (e) {
      if (typeof e.data !== "string") return;
      var d;
      try {
        d = JSON.parse(e.data);
      } catch (err) {
        return;
      }
      fn(d);
    });
  }

  function track(d) {
    if (typeof d.build === "number") seen.build = d.build;
  }

  function reload() {
    try {
      sessionStorage.setItem(SCROLL, JSON.stringify({ path: location.pathname, x: window.scrollX, y: window.scrollY }));
    } catch (e) {
      // Private mode without storage: reload at the top.
    }
    location.reload();
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(SCROLL) || "null");
      sessionStorage.removeItem(SCROLL);
    } catch (e) {
      return;
    }
    if (!saved || saved.path !== location.pathname) return;
    var go = function () {
      window.scrollTo(saved.x, saved.y);
    };
    if (document.readyState === "complete") go();
    else window.addEventListener("load", go, { once: true });
  }

  // swapStylesheets fetches this page again and replaces its stylesheets
  // with the new page's (their names carry a content hash, so they all
  // change). The new links load before the old ones go: no unstyled flash.
  function swapStylesheets() {
    fetch(location.href, { cache: "no-store", credentials: "same-origin" })
      .then(function (r) {
        return r.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelectorAll('link[rel~="stylesheet"]');
        var old = Array.prototype.slice.call(document.querySelectorAll('link[rel~="stylesheet"]'));
        var pending = fresh.length;
        var done = function () {
          if (--pending > 0) return;
          old.forEach(function (l) {
            l.remove();
          });
        };
        if (pending === 0) {
          done();
          return;
        }
        var anchor = old.length ? old[old.length - 1] : null;
        Array.prototype.forEach.call(fresh, function (f) {
          var l = document.createElement("link");
          Array.prototype.forEach.call(f.attributes, function (a) {
            l.setAttribute(a.name, a.value);
          });
          l.addEventListener("load", done, { once: true });
          l.addEventListener("error", done, { once: true });
          if (anchor) anchor.after(l);
          else document.head.appendChild(l);
          anchor = l;
        });
      })
      .catch(reload);
  }

  function el(tag, css, text) {
    var e = document.createElement(tag);
    if (css) e.style.cssText = css;
    if (text) e.textContent = text;
    return e;
  }

  function showOverlay(st) {
    hideOverlay();
    var list = st.problems || [];
    var box = el(
      "div",
      "position:fixed;z-index:2147483647;left:1rem;right:1rem;bottom:1rem;max-height:60vh;overflow:auto;" +
        "margin:0;padding:1rem 1.25rem;border-radius:6px;border-left:6px solid #d33;" +
        "background:#1e1e1e;color:#eee;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;" +
        "box-shadow:0 4px 24px rgba(0,0,0,.4);text-align:left;white-space:normal"
    );
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    var close = el("button", "float:right;background:none;border:0;color:#aaa;font:inherit;font-size:18px;cursor:pointer", "\u00d7");
    close.setAttribute("aria-label", "Hide");
    close.addEventListener("click", hideOverlay);
    box.appendChild(close);
    box.appendChild(
      el("div", "font-weight:bold;color:#f77;margin-bottom:.5rem", "Build failed: " + list.length + (list.length === 1 ? " problem" : " problems"))
    );
    list.forEach(function (p) {
      var row = el("div", "margin:.25rem 0");
      row.className = "sitegen-problem";
      var place = p.file ? p.file + (p.line ? ":" + p.line : "") : "";
      if (place) {
        var where = el("span", "color:#8cf", place);
        where.className = "sitegen-place";
        row.appendChild(where);
        row.appendChild(document.createTextNode(": "));
      }
      var msg = el("span", "white-space:pre-wrap", p.msg);
      msg.className = "sitegen-msg";
      row.appendChild(msg);
      box.appendChild(row);
    });
    box.appendChild(el("div", "margin-top:.5rem;color:#999", "This page shows the last good build and updates when the errors are fixed."));
    (document.body || document.documentElement).appendChild(box);
  }

  function hideOverlay() {
    var box = document.getElementById(OVERLAY);
    if (box) box.remove();
  }
})();
