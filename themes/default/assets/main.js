// sitegen default theme: theme toggle, sidebar drawer, lazy search, TOC
// spy, heading anchors, copy buttons, comparison filter, keyboard shortcuts.
const root = document.documentElement;
const $ = (s, el = document) => el.querySelector(s);
const $$ = (s, el = document) => [...el.querySelectorAll(s)];
const make = (tag, cls, text) => Object.assign(document.createElement(tag), { className: cls, textContent: text });

// Theme: light by default, dark by system preference unless the reader chose.
const darkQuery = matchMedia("(prefers-color-scheme: dark)");
const isDark = () => (root.dataset.theme ? root.dataset.theme === "dark" : darkQuery.matches);
const themeBtn = $("#theme-toggle");
const syncTheme = () => themeBtn?.setAttribute("aria-pressed", String(isDark()));
function toggleTheme() {
  root.dataset.theme = isDark() ? "light" : "dark";
  try { localStorage.setItem("sitegen-theme", root.dataset.theme); } catch {}
  syncTheme();
}
themeBtn?.addEventListener("click", toggleTheme);
darkQuery.addEventListener?.("change", syncTheme);
syncTheme();

// Sidebar drawer on narrow screens.
const menuBtn = $("#menu-toggle");
const backdrop = $("#nav-backdrop");
const drawerOpen = () => root.classList.contains("nav-open");
function setDrawer(open) {
  root.classList.toggle("nav-open", open);
  menuBtn?.setAttribute("aria-expanded", String(open));
  menuBtn?.setAttribute("aria-label", open ? "Close navigation" : "Open navigation");
  if (backdrop) backdrop.hidden = !open;
  // Behind the open drawer nothing takes focus or reaches a screen reader.
  for (const el of $$("main, .toc-aside, .site-footer, .header-inner > :not(#menu-toggle)")) el.inert = open;
  if (open) ($("#sidebar a[aria-current]") ?? $("#sidebar a"))?.focus();
}
// Focus stays in the open drawer: Tab from its last link returns to the menu button.
document.addEventListener("keydown", (e) => {
  if (e.key !== "Tab" || !drawerOpen() || !menuBtn) return;
  const ring = [menuBtn, ...$$("#sidebar a")].filter((el) => el.offsetParent !== null || el === menuBtn);
  const i = ring.indexOf(document.activeElement);
  const next = i < 0 ? ring[0] : ring[(i + (e.shiftKey ? ring.length - 1 : 1)) % ring.length];
  e.preventDefault();
  next.focus();
});
menuBtn?.addEventListener("click", () => setDrawer(!drawerOpen()));
backdrop?.addEventListener("click", () => setDrawer(false));

// Search: the module and its CSS load on first use; a failure leaves the page usable.
const input = $("#search-input");
let modP, inited = false;
function searchModule() {
  if (!modP && input) {
    document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: input.dataset.searchCss }));
    modP = import(input.dataset.searchModule).catch((e) => console.warn("search unavailable:", e));
  }
  return modP ?? Promise.resolve();
}
async function initSearch() {
  const m = await searchModule();
  if (!m || inited) return;
  inited = true;
  try { m.init({ input, results: $("#search-results"), base: input.dataset.searchIndex }); } catch (e) { console.warn("search:", e); }
}
input?.addEventListener("focus", initSearch);
if (new URLSearchParams(location.search).has("highlight")) {
  searchModule().then((m) => { try { m?.highlightFromURL(); } catch (e) { console.warn("search:", e); } });
}
// The /search/ page shows the results for ?q= (shareable links).
const resultsPage = $("#search-page-results");
if (resultsPage) {
  const q = new URLSearchParams(location.search).get("q") || "";
  const box = $("#search-page-q");
  if (box) box.value = q;
  searchModule().then((m) => m?.renderResultsPage(resultsPage, q, { base: input.dataset.searchIndex }));
}
const focusSearch = () => { setDrawer(false); input?.focus(); input?.select(); };

// Heading anchors and copy buttons in the main content.
for (const h of $$("main .prose :is(h2, h3)[id]")) {
  if ($(".heading-anchor", h)) continue;
  const a = make("a", "heading-anchor", "#");
  a.href = "#" + h.id;
  a.setAttribute("aria-label", "Link to section: " + h.textContent.trim());
  h.append(a);
}
for (const pre of $$("main pre")) {
  if (pre.parentElement.classList.contains("code-block")) continue;
  const wrap = make("div", "code-block");
  pre.replaceWith(wrap);
  wrap.append(pre);
  if (!navigator.clipboard) continue;
  const b = make("button", "copy-btn", "Copy");
  b.type = "button";
  b.setAttribute("aria-label", "Copy code");
  b.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(pre.innerText.replace(/\n$/, ""));
      b.textContent = "Copied";
      b.classList.add("copied");
    } catch { b.textContent = "Failed"; }
    setTimeout(() => { b.textContent = "Copy"; b.classList.remove("copied"); }, 1600);
  });
  wrap.append(b);
}

// Comparison tables: a scroll wrapper and the "Differences only" filter.
for (const t of $$("table.compare-table")) {
  if (t.parentElement.classList.contains("compare-scroll")) continue;
  const s = make("div", "compare-scroll");
  const f = make("div", "compare-frame");
  t.replaceWith(f);
  f.append(s);
  s.append(t);
}
// A group label spans the whole table: only an inner element can stick to the left edge.
for (const th of $$("table.compare-table tr.group > th")) {
  if (th.childElementCount) continue;
  const span = make("span", "group-label");
  span.append(...th.childNodes);
  th.append(span);
}
const applyDiff = (cb) => cb.closest(".compare")?.classList.toggle("diff-only", cb.checked);
$$("input.compare-diff-only").forEach(applyDiff);
document.addEventListener("change", (e) => { if (e.target.matches?.("input.compare-diff-only")) applyDiff(e.target); });

// The box scrolls sideways only; the header row follows the page down
// (moved, since position: sticky stops at a box that scrolls sideways),
// and an edge shadow and a line of text say when columns are hidden.
const frames = $$(".compare-frame");
function syncTables() {
  const top = parseFloat(getComputedStyle(root).getPropertyValue("--header-h")) || 0;
  for (const f of frames) {
    const s = $(".compare-scroll", f), head = $("thead", f);
    const wide = s.scrollWidth > s.clientWidth + 1;
    f.classList.toggle("more-left", wide && s.scrollLeft > 1);
    f.classList.toggle("more-right", wide && s.scrollLeft + s.clientWidth < s.scrollWidth - 1);
    const hint = $(".compare-hint", f.parentElement);
    if (hint) hint.hidden = !wide;
    if (!head || getComputedStyle(head).position === "absolute") continue;
    const r = s.getBoundingClientRect();
    const shift = Math.max(0, Math.min(top - r.top, r.height - head.offsetHeight * 2));
    head.classList.toggle("stuck", shift > 0);
    for (const th of head.rows[0].cells) th.style.transform = shift ? `translateY(${shift}px)` : "";
  }
}
if (frames.length) {
  addEventListener("scroll", syncTables, { passive: true });
  addEventListener("resize", syncTables);
  frames.forEach((f) => $(".compare-scroll", f).addEventListener("scroll", syncTables, { passive: true }));
  syncTables();
}

// The matrix's service picker: the choice lives in ?services=a,b so a
// link shows the same columns; without JavaScript the whole table shows.
for (const pick of $$(".compare-pick")) {
  const table = $("table", pick.closest(".compare"));
  const boxes = $$("input[name=services]", pick);
  const wanted = new URLSearchParams(location.search).get("services")?.split(",").filter(Boolean);
  if (wanted?.some((w) => boxes.some((b) => b.value === w))) boxes.forEach((b) => { b.checked = wanted.includes(b.value); });
  const apply = (write) => {
    const on = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    for (const c of $$("[data-col]", table)) c.hidden = !on.has(c.dataset.col);
    // Counted as the build counts: a row differs when two shown services
    // state different values; a silent service never makes a difference,
    // it makes the row partial; a fact no shown service states is hidden.
    let rows = 0, differ = 0, partial = 0;
    for (const tr of $$("tbody tr:not(.group)", table)) {
      const shown = $$("td:not([hidden])", tr);
      const stated = shown.filter((td) => !td.classList.contains("unstated")).map((td) => td.textContent.trim());
      const d = new Set(stated).size > 1;
      tr.hidden = stated.length === 0;
      tr.classList.toggle("differs", d);
      tr.classList.toggle("same", !d);
      tr.classList.toggle("partial", stated.length < shown.length);
      if (tr.hidden) continue;
      rows++;
      if (d) differ++;
      if (stated.length < shown.length) partial++;
    }
    for (const tb of $$("tbody", table)) tb.hidden = $$("tr:not(.group)", tb).every((tr) => tr.hidden);
    const compare = pick.closest(".compare");
    const count = $(".compare-count", compare);
    if (count) count.textContent = `${differ} of ${rows} ${rows === 1 ? "fact" : "facts"} ${differ === 1 ? "differs" : "differ"}`;
    let unstated = $(".compare-unstated", compare);
    if (!unstated && partial && count) count.after(" ", unstated = make("span", "compare-unstated"));
    if (unstated) {
      unstated.hidden = !partial;
      unstated.textContent = `· ${partial} not stated by every service`;
    }
    if (write) {
      const u = new URL(location.href);
      on.size === boxes.length ? u.searchParams.delete("services") : u.searchParams.set("services", [...on].join(","));
      history.replaceState(null, "", u);
    }
    syncTables();
  };
  pick.hidden = false;
  pick.addEventListener("change", () => apply(true));
  apply(false);
}

// TOC: mark the section being read.
const tocLinks = $$(".toc a[href^='#']");
const idOf = (a) => decodeURIComponent(a.hash.slice(1));
const heads = [...new Set(tocLinks.map(idOf))].map((id) => document.getElementById(id)).filter(Boolean);
if (heads.length && "IntersectionObserver" in window) {
  const visible = new Set();
  const mark = (id) => tocLinks.forEach((a) => (idOf(a) === id ? a.setAttribute("aria-current", "true") : a.removeAttribute("aria-current")));
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) e.isIntersecting ? visible.add(e.target) : visible.delete(e.target);
    const first = heads.find((h) => visible.has(h));
    const above = heads.filter((h) => h.getBoundingClientRect().top < 80).pop();
    mark((first ?? above ?? heads[0]).id);
  }, { rootMargin: "-64px 0px -65% 0px" });
  heads.forEach((h) => io.observe(h));
  // The last sections may never reach the top band: at the bottom, mark the last.
  addEventListener("scroll", () => {
    if (innerHeight + scrollY >= root.scrollHeight - 4) mark(heads.at(-1).id);
  }, { passive: true });
}
$$(".toc-inline a").forEach((a) => a.addEventListener("click", () => { a.closest("details").open = false; }));

// Shortcuts dialog and keyboard.
const dialog = $("#shortcuts");
const showHelp = () => { if (dialog && !dialog.open) dialog.showModal?.(); };
$("#shortcuts-open")?.addEventListener("click", showHelp);
const go = (rel) => { const a = $(`.prev-next a[rel=${rel}]`); if (a) location.href = a.href; };
const keys = { "/": focusSearch, "?": showHelp, "[": () => go("prev"), "]": () => go("next"), t: toggleTheme };
document.addEventListener("keydown", (e) => {
  const typing = e.target.closest?.("input, textarea, select, [contenteditable]");
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k") {
    e.preventDefault();
    focusSearch();
  } else if (e.key === "Escape") {
    if (drawerOpen()) { setDrawer(false); menuBtn?.focus(); } else if (typing) e.target.blur();
  } else if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && !dialog?.open && keys[e.key]) {
    e.preventDefault();
    keys[e.key]();
  }
});

// Offline reading: a service worker keeps the pages and search index the
// reader visited (sitegen.toml offline = false leaves it out and removes it).
// Never in `sitegen serve`: a cached page would hide the author's edits.
const offline = $('meta[name="sitegen-offline"]');
const preview = $('script[src$="/_sitegen/reload.js"]');
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  if (offline?.content === "on" && !preview) {
    navigator.serviceWorker.register(offline.dataset.sw, { scope: offline.dataset.scope }).catch((e) => console.warn("offline reading unavailable:", e));
  } else {
    navigator.serviceWorker.getRegistrations().then((rs) => rs.forEach((r) => r.unregister())).catch(() => {});
  }
}

// 404: the pages whose address or title is closest to the one asked for,
// and a search box holding the address's words.
const sitePages = $("#site-pages");
if (sitePages) {
  const base = new URL($(".site-title")?.href ?? "/", location.href).pathname;
  const pages = $$("a", sitePages).map((a) => [a.textContent, a.getAttribute("href").slice(base.length - 1)]);
  const asked = decodeURIComponent(location.pathname).slice(base.length - 1).toLowerCase();
  const words = asked.split(/[^\p{L}\p{N}]+/u).filter((w) => w && w !== "html" && w !== "index");
  const dist = (a, b) => {
    let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
    return prev[b.length];
  };
  // Each asked word counts by its nearest word of the page's address or
  // title, relative to its length; the page's own length breaks ties.
  const score = ([title, url]) => {
    const theirs = `${url} ${title}`.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!theirs.length || !words.length) return Infinity;
    return words.reduce((s, w) => s + Math.min(...theirs.map((t) => dist(w, t) / Math.max(w.length, t.length))), 0) + url.length / 1000;
  };
  const best = pages.map((p) => [score(p), p]).filter(([s]) => s < words.length * 0.5).sort((a, b) => a[0] - b[0]).slice(0, 5);
  const list = $(".not-found-list");
  for (const [, [title, url]] of best) {
    const li = make("li");
    const a = make("a", "", title);
    a.href = base + url.replace(/^\//, "");
    li.append(a);
    list?.append(li);
  }
  if (best.length) $(".not-found-suggest").hidden = false;
  const q = $("#not-found-q");
  if (q) q.value = words.join(" ");
}

// Diagrams: never shrunk below 3/4 of their size (labels stay 12 px or
// more), and each opens full size in a view that zooms (+, −, 0) and pans
// (arrows, drag, scroll); Escape or the Close button ends it.
const figures = $$("main figure.diagram");
const outerSVG = (fig) => $$(":scope > div > svg[viewBox]", fig);
for (const svg of figures.flatMap(outerSVG)) {
  const w = svg.viewBox.baseVal?.width;
  if (w) svg.style.setProperty("--w", String(w));
}
let view;
function openDiagram(fig, opener) {
  const svg = outerSVG(fig).find((s) => s.getBoundingClientRect().width > 0) ?? outerSVG(fig)[0];
  if (!svg) return;
  if (!view) {
    view = make("dialog", "diagram-view");
    view.setAttribute("aria-labelledby", "diagram-view-title");
    view.innerHTML = `<div class="diagram-view-bar"><h2 id="diagram-view-title"></h2>
<button type="button" class="btn" data-zoom="-1" aria-label="Zoom out">−</button>
<button type="button" class="btn" data-zoom="0">Fit</button>
<button type="button" class="btn" data-zoom="1" aria-label="Zoom in">+</button>
<a class="btn diagram-view-file" target="_blank" rel="noopener">Open as SVG file</a>
<button type="button" class="btn diagram-view-close">Close</button></div>
<div class="diagram-view-stage" tabindex="0" aria-label="Diagram; arrow keys pan, plus and minus zoom"></div>`;
    document.body.append(view);
    const stage = $(".diagram-view-stage", view);
    view.addEventListener("click", (e) => {
      const z = e.target.closest("[data-zoom]");
      if (z) zoom(Number(z.dataset.zoom));
      if (e.target.closest(".diagram-view-close")) view.close();
    });
    view.addEventListener("keydown", (e) => {
      if (e.target.closest("a, button") && (e.key === "Enter" || e.key === " ")) return;
      const step = { ArrowLeft: [-60, 0], ArrowRight: [60, 0], ArrowUp: [0, -60], ArrowDown: [0, 60] }[e.key];
      if (step && e.target === stage) { e.preventDefault(); stage.scrollBy(step[0], step[1]); }
      else if (e.key === "+" || e.key === "=") { e.preventDefault(); zoom(1); }
      else if (e.key === "-") { e.preventDefault(); zoom(-1); }
      else if (e.key === "0") { e.preventDefault(); zoom(0); }
    });
    let drag;
    stage.addEventListener("pointerdown", (e) => { if (!e.target.closest("a")) drag = [e.clientX + stage.scrollLeft, e.clientY + stage.scrollTop]; });
    addEventListener("pointermove", (e) => { if (drag) stage.scrollTo(drag[0] - e.clientX, drag[1] - e.clientY); });
    addEventListener("pointerup", () => { drag = undefined; });
    view.addEventListener("close", () => view.opener?.focus());
  }
  const stage = $(".diagram-view-stage", view);
  const copy = svg.cloneNode(true);
  copy.removeAttribute("style");
  // The copy's ids would repeat the page's: the view's title names it instead.
  copy.removeAttribute("aria-labelledby");
  copy.setAttribute("aria-label", fig.querySelector("figcaption")?.textContent || "Diagram");
  stage.replaceChildren(copy);
  view.scale = 1;
  view.natural = svg.viewBox.baseVal.width;
  $("#diagram-view-title", view).textContent = fig.querySelector("figcaption")?.textContent || "Diagram";
  // The build wrote the diagram as a file of its own; the figure links it
  // in each theme (the link beside the shown rendering is the one to take).
  const theme = svg.parentElement.classList.contains("diagram-dark") ? "dark" : "light";
  const file = $(`.diagram-file.diagram-${theme}`, fig);
  $(".diagram-view-file", view).hidden = !file;
  if (file) $(".diagram-view-file", view).href = file.href;
  view.opener = opener;
  view.showModal();
  zoom(0);
  stage.focus();
}
function zoom(dir) {
  const stage = $(".diagram-view-stage", view), svg = $("svg", stage);
  if (dir === 0) view.scale = Math.min(1.5, Math.max(0.75, (stage.clientWidth - 32) / view.natural));
  else view.scale = Math.min(4, Math.max(0.5, view.scale * (dir > 0 ? 1.25 : 0.8)));
  svg.style.width = view.natural * view.scale + "px";
  svg.style.height = "auto";
}
for (const fig of figures) {
  const b = make("button", "btn diagram-zoom-btn", "View full size");
  b.type = "button";
  const cap = fig.querySelector("figcaption")?.textContent;
  if (cap) b.setAttribute("aria-label", "View full size: " + cap);
  b.addEventListener("click", () => openDiagram(fig, b));
  const actions = $(".diagram-actions", fig);
  if (actions) actions.prepend(b);
  else fig.append(b);
}
