// sitegen search client: results as you type, the results page, and the
// highlighting of search terms on the page a result leads to.
//
// The index format is specified in generator/search (package doc). Nothing
// runs at import time and nothing is fetched before init() or a search: the
// theme imports this module when the search box is first focused.
//
// fold, toks, term and stem repeat generator/search/tokenize.go and stem.go;
// change both sides together (generator/search/testdata/terms.txt checks them).
//
// Everything sits in one function so that a minifier may shorten every
// name but the exports; calling it defines functions and constants only.
function client() {
  const STOP = new Set("a an and are as at be but by can do for from has have how if in into is it its not of on or so than that the their then there these they this to was we were what when which will with you your".split(" "));
  const SPECIAL = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ł: "l", þ: "th", ð: "d", ς: "σ" };
  const C = "\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}";
  const CJK = new RegExp(`^[${C}]$`, "u");
  // A word: one CJK character, or a run of other letters, digits and marks
  // that may hold apostrophes between letters.
  const WORD = new RegExp(`[${C}]|(?:(?![${C}])[\\p{L}\\p{N}\\p{M}]|(?<=\\p{L}\\p{M}*)['’](?=(?![${C}])\\p{L}))+`, "gu");

  const fold = (s) => s.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(/[ßæœøđłþðς]/g, (c) => SPECIAL[c]).normalize("NFC");
  const toks = (s) => (fold(s).match(WORD) || []).map((w) => w.replace(/['’]/g, ""));
  const term = (w) => {
    const n = [...w].length;
    return n > 40 || STOP.has(w) ? "" : n == 1 ? (CJK.test(w) ? w : "") : stem(w);
  };

  const undouble = (w) => (w.length >= 4 && w.at(-1) == w.at(-2) && "bdfgmnprt".includes(w.at(-1)) ? w.slice(0, -1) : w);
  const vowel = (s) => /[aeiouy]/.test(s);
  function stem(w) {
    if (w.length < 4 || /[^a-z]/.test(w)) return w;
    const end = (s) => w.endsWith(s);
    if (end("ies") && w.length > 4) w = w.slice(0, -3) + "y";
    else if (end("sses")) w = w.slice(0, -2);
    else if (end("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    if (end("ing") && w.length >= 6 && vowel(w.slice(0, -3))) w = undouble(w.slice(0, -3));
    else if (end("ied") && w.length > 4) w = w.slice(0, -3) + "y";
    else if (end("ed") && !end("eed") && w.length >= 5 && vowel(w.slice(0, -2))) w = undouble(w.slice(0, -2));
    if (w.length >= 4 && /[^e]e$/.test(w)) w = w.slice(0, -1);
    return w;
  }

  // Loading: every index file is gzip, unless a server already decoded it.
  let base = "";
  let manifestP;
  const files = new Map();
  const decoded = new Map();
  const utf8 = new TextDecoder();

  function get(path) {
    if (!files.has(path)) {
      files.set(path, fetch(base + path).then(async (r) => {
        if (!r.ok) throw Error(`${r.status} ${base}${path}`);
        const b = new Uint8Array(await r.arrayBuffer());
        if (b[0] != 31 || b[1] != 139) return b;
        return new Uint8Array(await new Response(new Response(b).body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
      }).catch((e) => { files.delete(path); throw e; }));
    }
    return files.get(path);
  }
  const json = async (path) => JSON.parse(utf8.decode(await get(path)));
  const manifest = () => (manifestP ||= json("manifest.bin").catch((e) => { manifestP = null; throw e; }));
  const once = (key, fn) => {
    if (!decoded.has(key)) decoded.set(key, fn().catch((e) => { decoded.delete(key); throw e; }));
    return decoded.get(key);
  };

  // uv reads the unsigned varint at b[i]; it returns [value, next index].
  function uv(b, i) {
    let x = 0, s = 1, c;
    do { c = b[i++]; x += (c & 127) * s; s *= 128; } while (c > 127);
    return [x, i];
  }

  // last returns the last index k with key(k) <= x, or 0.
  function last(n, key, x) {
    let lo = 0, hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (key(mid) <= x) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // block returns vocabulary block k as [{t: term, o: ordinal, df}].
  const block = (m, k) => once("v" + k, async () => {
    const b = await get(`${m.dir}/v/${k}.bin`), out = [];
    let prev = new Uint8Array(0), i = 0, o = m.vocab[k][1], df;
    while (i < b.length) {
      const t = new Uint8Array(b[i] + b[i + 1]);
      t.set(prev.subarray(0, b[i]));
      t.set(b.subarray(i + 2, i + 2 + b[i + 1]), b[i]);
      [df, i] = uv(b, i + 2 + b[i + 1]);
      out.push({ t: utf8.decode(t), o: o++, df });
      prev = t;
    }
    return out;
  });
  const blockOf = (m, s) => last(m.vocab.length, (k) => m.vocab[k][0], s);
  // terms returns the vocabulary entries of the blocks that may hold terms
  // from lo to hi, at most cap blocks.
  async function terms(m, lo, hi, cap = 3) {
    const ks = [], k0 = blockOf(m, lo);
    for (let k = k0; k <= blockOf(m, hi) && k < k0 + cap; k++) ks.push(block(m, k));
    return (await Promise.all(ks)).flat();
  }

  // postings returns [[page, weight, parts]] for term ordinal o.
  const postings = (m, o) => once("p" + o, async () => {
    const k = last(m.post.length, (k) => m.post[k], o);
    const b = await get(`${m.dir}/p/${k}.bin`), out = [];
    let [n, i] = uv(b, 0), d = 0, delta;
    for (let x = m.post[k]; x < o; x++) [n, i] = uv(b, i + n);
    const end = i + n;
    while (i < end) {
      [delta, i] = uv(b, i);
      const parts = [], w = b[i++];
      for (let j = 0, c = 128; c > 127; j += 7) {
        c = b[i++];
        for (let bit = 0; bit < 7; bit++) if (c >> bit & 1) parts.push(j + bit);
      }
      out.push([d += delta, w, parts]);
    }
    return out;
  });

  // dist is the optimal string alignment distance of a and b, or k+1 when
  // it is more than k.
  function dist(a, b, k) {
    if (Math.abs(a.length - b.length) > k) return k + 1;
    let pp, p = [...Array(b.length + 1).keys()];
    for (let i = 1; i <= a.length; i++) {
      const c = [i];
      for (let j = 1; j <= b.length; j++) {
        c[j] = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] != b[j - 1]));
        if (pp && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) c[j] = Math.min(c[j], pp[j - 2] + 1);
      }
      if (Math.min(...c) > k) return k + 1;
      [pp, p] = [p, c];
    }
    return p[b.length];
  }

  const byDf = (a, b) => b.df - a.df;

  // candidates returns the vocabulary terms a query word w stands for, each
  // with a weight k: itself (1), what it begins if it is the word being
  // typed, or, when the vocabulary lacks it, terms one or two typos away.
  async function candidates(m, w, exact, prefix) {
    const q = term(w), out = new Map();
    if (!q) return [];
    const add = (e, k) => (out.get(e.t)?.k >= k || out.set(e.t, { ...e, k }));
    for (const e of await terms(m, q, q)) if (e.t == q) add(e, 1);
    if (exact || q.length < 2 || CJK.test(q)) return [...out.values()];
    if (prefix && w.length > 2) {
      // The three most frequent completions: each costs a postings shard.
      const found = await terms(m, w, w + "\uffff");
      found.filter((e) => e.t.startsWith(w) && e.t != q).sort(byDf).slice(0, 3).forEach((e) => add(e, 0.8));
      // "deployi" is on its way to "deploying", indexed as "deploy".
      for (let n = w.length - 1; n >= Math.max(3, w.length - 2); n--) {
        const t = w.slice(0, n);
        if (/^(i|in|ie|e)$/.test(w.slice(n))) for (const e of await terms(m, t, t)) if (e.t == t) add(e, 0.8);
      }
    }
    if (out.size || q.length < 4) return [...out.values()];
    // Typos: look among the terms sharing q's first letters; more letters
    // when that range spans too many blocks.
    let n = 2;
    while (n < q.length - 1 && blockOf(m, q.slice(0, n) + "\uffff") - blockOf(m, q.slice(0, n)) > 3) n++;
    const max = q.length >= 8 ? 2 : 1, near = [];
    for (const e of await terms(m, q.slice(0, n), q.slice(0, n) + "\uffff", 4)) {
      let d = dist(q, e.t, max);
      if (prefix && e.t.length > q.length) d = Math.min(d, dist(q, e.t.slice(0, q.length), max));
      if (d <= max) near.push({ ...e, d });
    }
    near.sort((a, b) => a.d - b.d || byDf(a, b)).slice(0, 4).forEach((e) => add(e, e.d == 1 ? 0.6 : 0.4));
    return [...out.values()];
  }

  // run parses q, ranks the pages and returns the state more() pages through.
  async function run(q) {
    const m = await manifest(), words = [], phrases = [], index = new Map();
    // Quoted text is a phrase once the closing quote is typed.
    q.split('"').forEach((s, i, all) => {
      const ws = toks(s), qs = [], exact = i % 2 && i < all.length - 1 ? 1 : 0;
      for (const w of ws) {
        const key = exact + w;
        if (!term(w)) continue;
        if (!index.has(key)) { index.set(key, words.length); words.push({ w, exact }); }
        qs.push(index.get(key));
      }
      if (exact && ws.length) phrases.push({ ws, qs });
    });
    const lastWord = words.at(-1);
    if (lastWord && !lastWord.exact && /[\p{L}\p{N}]$/u.test(q)) lastWord.prefix = 1;
    const cands = await Promise.all(words.map((x) => candidates(m, x.w, x.exact, x.prefix)));
    const pages = new Map(), marks = new Set();
    await Promise.all(cands.flatMap((cs, qi) => cs.map(async (c) => {
      marks.add(c.t);
      const idf = Math.log(1 + (m.docs - c.df + 0.5) / (c.df + 0.5));
      for (const [d, w, parts] of await postings(m, c.o)) {
        let r = pages.get(d);
        if (!r) pages.set(d, r = { d, s: words.map(() => 0), v: [], p: [] });
        if (words[qi].exact) r.p[qi] = parts;
        const x = idf * w / 255 * c.k;
        r.s[qi] = Math.max(r.s[qi], x);
        for (const p of parts) r.v[p] = (r.v[p] || 0) + x;
      }
    })));
    // A quoted phrase needs all its words, in one part of the page unless
    // some are in the title or facts only; the text is checked in more().
    const near = (r) => phrases.every(({ qs }) => {
      const sets = qs.map((i) => r.p[i] || []);
      return sets.some((s) => !s.length) || sets[0].some((p) => sets.every((s) => s.includes(p)));
    });
    const ranked = [...pages.values()].filter((r) => words.every((x, i) => !x.exact || r.s[i]) && near(r));
    for (const r of ranked) {
      r.n = r.s.filter(Boolean).length;
      r.score = r.s.reduce((a, b) => a + b, 0);
    }
    ranked.sort((a, b) => b.n - a.n || b.score - a.score || a.d - b.d);
    return { m, ranked, marks, phrases, i: 0, out: [] };
  }

  // more loads the page files of the next n results and returns all so far.
  // Pages that lack a quoted phrase are dropped here, so a phrase query looks
  // at no more than 3n pages per call.
  async function more(res, n) {
    const want = res.out.length + n, stop = res.i + 3 * n;
    while (res.out.length < want && res.i < res.ranked.length && res.i < stop) {
      const batch = res.ranked.slice(res.i, res.i += want - res.out.length);
      const pages = await Promise.all(batch.map((r) => page(res.m, r.d)));
      batch.forEach((r, j) => { const h = result(res, r, pages[j]); if (h) res.out.push(h); });
    }
    return res.out;
  }

  // page reads a page file: lines for the URL, title, section and facts
  // (tab-separated), then an anchor, heading and text line per part.
  async function page(m, d) {
    const l = utf8.decode(await get(`${m.dir}/d/${d}.bin`)).split("\n"), p = [];
    for (let i = 4; i < l.length; i += 3) p.push(l.slice(i, i + 3));
    return { u: l[0], t: l[1], s: l[2], f: l[3] ? l[3].split("\t") : [], p };
  }

  const has = (text, ph) => ` ${toks(text).join(" ")} `.includes(` ${ph.join(" ")} `);

  // result picks the part of a page a hit links to: the one holding the most
  // of the query, or a quoted phrase.
  function result(res, r, p) {
    let part = -1, best = 0;
    r.v.forEach((x, k) => { if (x > best) { best = x; part = k; } });
    const facts = p.f.join(" · ");
    for (const { ws: ph } of res.phrases) {
      const inPart = (k) => has(p.p[k][1], ph) || has(p.p[k][2], ph);
      if (part >= 0 && inPart(part)) continue;
      const k = p.p.findIndex((_, k) => inPart(k));
      if (k >= 0) part = k;
      else if (!has(p.t, ph) && !has(facts, ph)) return null;
    }
    const [anchor, heading, text] = p.p[part] || ["", "", ""];
    const url = /^(\/|https?:)/.test(p.u) ? p.u : "#";
    const hl = [...res.marks].slice(0, 10).join(" ");
    return {
      url: url + (hl ? `${url.includes("?") ? "&" : "?"}highlight=${encodeURIComponent(hl)}` : "") + (anchor ? "#" + encodeURIComponent(anchor) : ""),
      title: p.t,
      path: [p.s, heading].filter(Boolean).join(" › "),
      text: part >= 0 ? text || heading : toks(facts).some((w) => res.marks.has(term(w))) ? facts : p.p[0]?.[2] || "",
      marks: res.marks,
    };
  }

  // search returns the first n results for q:
  // [{url, title, path, text, marks}], url carrying the anchor and ?highlight=.
  // The last few queries are kept: typing back to an earlier query, or
  // opening the box again, costs nothing.
  const recent = new Map();
  async function search(q, n = 8) {
    if (!recent.has(q)) {
      recent.set(q, run(q).catch((e) => { recent.delete(q); throw e; }));
      if (recent.size > 16) recent.delete(recent.keys().next().value);
    }
    const res = await recent.get(q);
    if (!(res.asked >= n)) {
      // Loads are chained: two calls never fill the same result at once.
      res.asked = n;
      res.filled = (res.filled || Promise.resolve()).then(() => more(res, n - res.out.length))
        .catch((e) => { recent.delete(q); throw e; });
    }
    await res.filled;
    return res.out.slice(0, n);
  }

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };

  // marked appends text to parent with the words of marks in <mark>, cut to
  // about limit words around the best cluster of matches when limit is set.
  function marked(parent, text, marks, limit) {
    const spans = [...text.matchAll(WORD)];
    const hit = spans.map((s) => toks(s[0]).some((w) => marks.has(term(w))));
    let a = 0, b = spans.length, best = -1;
    if (limit && b > limit) {
      hit.forEach((h, i) => {
        if (!h) return;
        const s = Math.max(0, Math.min(i - 6, spans.length - limit)), seen = new Set();
        for (let j = s; j < s + limit; j++) if (hit[j]) seen.add(fold(spans[j][0]));
        if (seen.size > best) { best = seen.size; a = s; }
      });
      b = a + limit;
    }
    let pos = a ? spans[a].index : 0;
    const end = b < spans.length ? spans[b - 1].index + spans[b - 1][0].length : text.length;
    if (a) parent.append("… ");
    for (let i = a; i < b; i++) {
      if (!hit[i]) continue;
      const s = spans[i];
      parent.append(text.slice(pos, s.index), el("mark", "", s[0]));
      pos = s.index + s[0].length;
    }
    parent.append(text.slice(pos, end));
    if (end < text.length) parent.append(" …");
    return parent;
  }

  function item(h, i) {
    const a = el("a", "sr-item");
    a.href = h.url;
    a.id = "sr-" + i;
    a.setAttribute("role", "option");
    a.append(marked(el("span", "sr-title"), h.title, h.marks), el("span", "sr-path", h.path), marked(el("span", "sr-snippet"), h.text, h.marks, 30));
    return a;
  }

  const setBase = (b) => { base = b ? b.replace(/\/?$/, "/") : base || document.getElementById("search-input")?.dataset.searchIndex || "/search/"; };

  // init wires the search box: results as you type (debounced), arrow keys,
  // Enter to follow the selected (or first) result, Escape to close.
  function init({ input, results, base: b }) {
    setBase(b);
    manifest().catch(() => {});
    results.id ||= "search-results";
    results.setAttribute("role", "listbox");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", results.id);
    input.setAttribute("aria-expanded", "false");
    let timer, seq = 0, active = -1, items = [];
    const select = (i) => {
      active = i;
      items.forEach((a, j) => a.setAttribute("aria-selected", j == i));
      if (i < 0) input.removeAttribute("aria-activedescendant");
      else { input.setAttribute("aria-activedescendant", items[i].id); items[i].scrollIntoView({ block: "nearest" }); }
    };
    const show = (open) => {
      results.hidden = !open;
      input.setAttribute("aria-expanded", open);
      if (!open) select(-1);
    };
    const update = async () => {
      const q = input.value, my = ++seq;
      if (fold(q).trim().length < 2) { items = []; return show(false); }
      let hits;
      try { hits = await search(q); } catch (e) { console.warn("search:", e); }
      if (my != seq) return;
      items = (hits || []).map(item);
      results.replaceChildren(...(items.length ? items : [el("p", "sr-empty", hits ? `No results for “${q.trim()}”` : "Search is unavailable.")]));
      results.dataset.query = q;
      show(true);
      select(-1);
    };
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 80); });
    input.addEventListener("focus", () => { if (items.length) show(true); });
    input.addEventListener("keydown", (e) => {
      const n = items.length;
      if ((e.key == "ArrowDown" || e.key == "ArrowUp") && n && !results.hidden) {
        e.preventDefault();
        select(e.key == "ArrowDown" ? (active + 1) % n : (active < 1 ? n : active) - 1);
      } else if (e.key == "Enter" && n && !results.hidden) {
        e.preventDefault();
        location.href = items[Math.max(active, 0)].href;
      } else if (e.key == "Escape") show(false);
    });
    document.addEventListener("pointerdown", (e) => { if (!results.contains(e.target) && e.target != input) show(false); });
    if (input.value) update();
  }

  // renderResultsPage fills container with the results for query (default:
  // ?q= of the page), twenty at a time.
  async function renderResultsPage(container, query = new URLSearchParams(location.search).get("q") || "", opts = {}) {
    setBase(opts.base);
    const status = el("p", "sr-status"), list = el("div", "sr-list"), btn = el("button", "sr-more", "More results");
    btn.type = "button";
    btn.hidden = true;
    container.replaceChildren(status, list, btn);
    if (!query.trim()) return void (status.textContent = "Type something to search for.");
    status.textContent = "Searching…";
    try {
      const res = await run(query);
      const page = async () => {
        const from = res.out.length;
        (await more(res, 20)).slice(from).forEach((h, i) => list.append(item(h, from + i)));
        const n = res.out.length;
        status.textContent = n ? `Results for “${query}”` : `No results for “${query}”`;
        btn.hidden = res.i >= res.ranked.length;
      };
      btn.onclick = page;
      await page();
    } catch (e) {
      status.textContent = "Search is unavailable.";
      console.warn("search:", e);
    }
  }

  // highlightFromURL marks the words named by ?highlight= in root, and
  // scrolls to the first one when the URL has no #anchor. It returns the
  // number of marks.
  function highlightFromURL(root = document.querySelector("main") || document.body) {
    const want = new URLSearchParams(location.search).get("highlight");
    if (!want) return 0;
    const marks = new Set(want.split(/\s+/).filter(Boolean));
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement.closest("script, style, textarea, mark, svg, input") ? 2 : 1),
    });
    const nodes = [];
    while (walk.nextNode()) nodes.push(walk.currentNode);
    let count = 0;
    for (const n of nodes) {
      const f = marked(document.createDocumentFragment(), n.data, marks);
      const found = f.querySelectorAll("mark").length;
      if (found) { count += found; n.replaceWith(f); }
    }
    if (count && !location.hash) root.querySelector("mark").scrollIntoView({ block: "center" });
    return count;
  }

  return { fold, toks, term, stem, search, init, renderResultsPage, highlightFromURL };
}

export const { fold, toks, term, stem, search, init, renderResultsPage, highlightFromURL } = client();
