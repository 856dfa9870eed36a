// sitegen study mode: flashcards with spaced repetition, the quiz, and the
// "which service?" guide. Each page holds its data as JSON in a data-json
// attribute (no fetch, and no inline script for the CSP to refuse), so
// a page the service worker keeps works offline as a whole.
const $ = (s) => document.querySelector(s);
const $$ = (s) => [...document.querySelectorAll(s)];
const typing = (e) => e.target.closest?.("input, textarea, select, [contenteditable]") || e.ctrlKey || e.metaKey || e.altKey;
const data = (id) => JSON.parse($(id).dataset.json);

// ---- Flashcards --------------------------------------------------------
// Scheduling is SM-2, the SuperMemo 2 algorithm: P. A. Woźniak,
// "Optimization of learning" (1990), https://super-memory.com/english/ol/sm2.htm
// Each card keeps an easiness factor EF (start 2.5, never below 1.3), a
// count n of successful reviews in a row and an interval in days: 1, then
// 6, then the last interval × EF. A failed review (quality < 3) starts the
// card over with EF unchanged, and it comes back the same day, as SM-2
// repeats every item graded below 4 until it is recalled. The four grade
// keys map to SM-2 qualities: 1 again → 2, 2 hard → 3, 3 good → 4, 4 easy → 5.
const QUALITY = { 1: 2, 2: 3, 3: 4, 4: 5 };
const today = () => Math.floor((Date.now() - new Date().getTimezoneOffset() * 60000) / 86400000);

export function sm2(s, q, day) {
  s = { ef: 2.5, n: 0, interval: 0, ...s };
  if (q < 3) {
    s.n = 0;
    s.interval = 0;
  } else {
    s.interval = s.n === 0 ? 1 : s.n === 1 ? 6 : Math.round(s.interval * s.ef);
    s.n += 1;
    s.ef = Math.max(1.3, s.ef + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)));
  }
  s.due = day + s.interval;
  return s;
}

function flashcards(app) {
  const cards = data("#study-data");
  const key = app.dataset.store;
  const load = () => { try { return JSON.parse(localStorage.getItem(key)) || {}; } catch { return {}; } };
  let store = load();
  store.cards ??= {};
  const save = () => { try { localStorage.setItem(key, JSON.stringify(store)); } catch { /* private mode: progress lasts the visit */ } };
  const section = $("#study-section"), tag = $("#study-tag");
  let queue = [], flipped = false, again = new Set();

  const isDue = (c, day) => { const s = store.cards[c.id]; return !s || s.due <= day; };
  const picked = () => cards.filter((c) => (!section.value || c.section === section.value) && (!tag.value || c.tags?.includes(tag.value)));
  function build() {
    const day = today();
    const due = picked().filter((c) => isDue(c, day));
    // Reviews first (they are being forgotten), then new cards in site order.
    queue = [...due.filter((c) => store.cards[c.id]), ...due.filter((c) => !store.cards[c.id])];
  }
  function counts() {
    const day = today(), sel = picked();
    $("#study-due").textContent = sel.filter((c) => isDue(c, day)).length;
    $("#study-new").textContent = sel.filter((c) => !store.cards[c.id]).length;
    $("#study-done").textContent = store.day === day ? store.reviewed || 0 : 0;
    for (const row of $$("#study-progress tr")) {
      const in_ = cards.filter((c) => c.section === row.dataset.section);
      row.querySelector(".learned").textContent = in_.filter((c) => store.cards[c.id]?.n > 0).length;
      row.querySelector(".due").textContent = in_.filter((c) => isDue(c, day)).length;
    }
  }
  function show() {
    counts();
    const c = queue[0];
    flipped = false;
    $("#study-card").hidden = $(".study-actions").hidden = !c;
    $("#study-empty").hidden = !!c;
    if (!c) return;
    $("#study-front").innerHTML = c.front;
    $("#study-back").innerHTML = c.back;
    $("#study-back").hidden = true;
    $("#study-grades").hidden = true;
    $("#study-flip").hidden = false;
    const src = $("#study-source");
    src.replaceChildren(Object.assign(document.createElement("a"), { href: c.url, textContent: c.source }));
    src.prepend(c.section + " · ");
    $("#study-card").dataset.id = c.id;
    if (document.activeElement?.closest(".study-actions, .study-card")) $("#study-card").focus({ preventScroll: true });
  }
  function flip() {
    if (!queue[0] || flipped) return;
    flipped = true;
    $("#study-back").hidden = false;
    $("#study-grades").hidden = false;
    $("#study-flip").hidden = true;
    $("#study-grades button[data-grade='3']").focus({ preventScroll: true });
  }
  function grade(g) {
    const c = queue[0];
    if (!c || !flipped) return;
    const day = today();
    store.cards[c.id] = sm2(store.cards[c.id], QUALITY[g], day);
    if (store.day !== day) { store.day = day; store.reviewed = 0; }
    store.reviewed += 1;
    save();
    queue.shift();
    if (store.cards[c.id].due <= day) { queue.push(c); again.add(c.id); }
    show();
  }
  $("#study-flip").addEventListener("click", flip);
  $("#study-card").addEventListener("click", (e) => { if (!e.target.closest("a")) flip(); });
  $$("#study-grades button").forEach((b) => b.addEventListener("click", () => grade(+b.dataset.grade)));
  for (const sel of [section, tag]) sel.addEventListener("change", () => { build(); show(); });
  const reset = $("#study-reset");
  reset.addEventListener("click", () => {
    if (reset.dataset.armed !== "1") {
      reset.dataset.armed = "1";
      reset.textContent = "Click again to erase all progress";
      return;
    }
    localStorage.removeItem(key);
    store = { cards: {} };
    reset.dataset.armed = "";
    reset.textContent = "Reset progress";
    build();
    show();
  });
  document.addEventListener("keydown", (e) => {
    if (typing(e) || $("dialog[open]")) return;
    // Space always flips, even on a focused button it would otherwise press.
    if (e.key === " " && !e.target.closest("a")) { e.preventDefault(); flip(); }
    else if (QUALITY[e.key] && flipped) { e.preventDefault(); grade(+e.key); }
  });
  // Another tab studying the same site: pick up its progress.
  addEventListener("storage", (e) => { if (e.key === key) { store = load(); store.cards ??= {}; build(); show(); } });
  build();
  show();
}

// ---- Quiz ---------------------------------------------------------------
function quiz(app) {
  const qs = data("#quiz-data");
  let i = 0, right = 0, wrong = 0, answered = false;
  function show() {
    const q = qs[i % qs.length];
    answered = false;
    $("#quiz-n").textContent = (i % qs.length) + 1;
    $("#quiz-prompt").innerHTML = q.prompt;
    $("#quiz-choices").replaceChildren(...q.choices.map((c, k) => {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.innerHTML = `<kbd>${k + 1}</kbd> ${c}`;
      b.addEventListener("click", () => answer(k));
      li.append(b);
      return li;
    }));
    $("#quiz-result").hidden = true;
    $("#quiz-next").hidden = true;
    app.dataset.state = "asking";
  }
  function answer(k) {
    const q = qs[i % qs.length];
    if (answered || k >= q.choices.length) return;
    answered = true;
    const ok = k === q.answer;
    ok ? right++ : wrong++;
    $("#quiz-right").textContent = right;
    $("#quiz-wrong").textContent = wrong;
    $$("#quiz-choices button").forEach((b, j) => {
      b.disabled = true;
      b.classList.toggle("right", j === q.answer);
      b.classList.toggle("wrong", j === k && !ok);
    });
    const r = $("#quiz-result");
    r.className = "quiz-result " + (ok ? "is-right" : "is-wrong");
    r.innerHTML = `<p class="quiz-verdict">${ok ? "Right." : "Not quite — the answer is " + q.choices[q.answer] + "."}</p>${q.explain}<p><a href="${q.url}">Read the note</a></p>`;
    r.hidden = false;
    $("#quiz-next").hidden = false;
    $("#quiz-next").focus({ preventScroll: true });
    app.dataset.state = ok ? "right" : "wrong";
  }
  $("#quiz-next").addEventListener("click", () => { i++; show(); });
  document.addEventListener("keydown", (e) => {
    if (typing(e) || $("dialog[open]")) return;
    if (/^[1-9]$/.test(e.key) && !answered) { e.preventDefault(); answer(+e.key - 1); }
    else if (e.key === "Enter" && answered && !e.target.closest("a")) { e.preventDefault(); i++; show(); }
  });
  show();
}

// ---- "Which service?" guide ----------------------------------------------
function guide(form) {
  const items = $$("#guide-services li");
  function narrow() {
    const chosen = $$("#guide-app input:checked").filter((r) => r.value);
    let left = 0;
    for (const li of items) {
      const fits = chosen.every((r) => r.dataset.fits.split(" ").includes(li.dataset.slug));
      li.hidden = !fits;
      if (fits) left++;
    }
    const names = items.filter((li) => !li.hidden).map((li) => li.textContent);
    $("#guide-count").textContent = left === 0 ? "No service fits every answer; relax one."
      : left === 1 ? names[0] + " fits" : chosen.length ? `${left} services fit` : "All services fit";
    form.dataset.left = left;
  }
  form.addEventListener("change", narrow);
  form.addEventListener("reset", () => setTimeout(narrow));
  narrow();
}

const app = $("#study-app"), q = $("#quiz-app"), g = $("#guide-app");
if (app) { app.hidden = false; $("#study-static").hidden = true; flashcards(app); }
if (q) { q.hidden = false; $("#quiz-static").hidden = true; quiz(q); }
if (g) { g.hidden = false; $("#guide-answer").hidden = false; guide(g); }
