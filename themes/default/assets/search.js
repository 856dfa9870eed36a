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
  // A page shard (m.dir/d/k.bin) is read by byte range: its header, the
  // end of each record, then one record, a gzip stream of its own. A
  // server that ignores Range answers 200 with the whole shard: it is kept
  // and sliced, so any static host serves the index.
  let base = "";
  let manifestP;
  const files = new Map();
  const decoded = new Map();
  const utf8 = new TextDecoder();

  const gunzip = async (b) => b[0] != 31 || b[1] != 139 ? b :
    new Uint8Array(await new Response(new Response(b).body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  // load caches the promise of fn() under key, and forgets a failure.
  const load = (key, fn) => {
    if (!files.has(key)) files.set(key, fn().catch((e) => { files.delete(key); throw e; }));
    return files.get(key);
  };
  async function fetchOK(path, init) {
    const r = await fetch(base + path, init);
    if (!r.ok) throw Error(`${r.status} ${base}${path}`);
    return r;
  }
  const get = (path) => load(path, async () => gunzip(new Uint8Array(await (await fetchOK(path)).arrayBuffer())));
  // span returns bytes a to b-1 of a file, not decompressed.
  const span = (path, a, b) => load(`${path}#${a}`, async () => {
    if (files.has(path)) return (await files.get(path)).subarray(a, b);
    const r = await fetchOK(path, { headers: { Range: `bytes=${a}-${b - 1}` } });
    const buf = new Uint8Array(await r.arrayBuffer());
    if (r.status == 206) return buf;
    // The whole file came: keep it for the shard's other records.
    files.set(path, Promise.resolve(buf));
    return buf.subarray(a, b);
  });
  // record returns page d's record, decompressed.
  async function record(m, d) {
    const k = Math.floor(d / m.shard), i = d % m.shard, n = Math.min(m.shard, m.docs - k * m.shard);
    const path = `${m.dir}/d/${k}.bin`;
    const h = new DataView((await span(path, 0, 4 * n)).slice().buffer);
    return gunzip(await span(path, i ? h.getUint32(4 * i - 4, true) : 4 * n, h.getUint32(4 * i, true)));
  }
  const json = async (path) => JSON.parse(utf8.decode(await get(path)));
  // (No logical assignment operators here or below: the Go tests run this
  // file in goja, which lacks them.)
  const manifest = () => manifestP || (manifestP = json("manifest.bin").catch((e) => { manifestP = null; throw e; }));
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

  // FILLER are the words of a question that say nothing of what it asks
  // about ("how much does …", "which service …"): a query drops them as it
  // drops stop words, and they are never indexed words that must match.
  const FILLER = new Set("much many does did doing done should would could which who whom where why whats i me my between".split(" "));
  // TIER weighs a match by the best field holding it: body, then summary,
  // facts and tags, then headings, then the title and aliases. One title
  // match outweighs any number of body matches.
  const TIER = [1, 3, 9, 27];
  // RERANK is how many of the best pages are ordered again by their text.
  const RERANK = 12;
  // KIND are words that, after "which" or "what", name the kind of answer
  // wanted ("which service …"), not what it says.
  const KIND = new Set("service services one ones option options tool tools page note".split(" "));

  // rare weighs a term by how few pages hold it (its IDF), from a quarter
  // for a word on every page to one: enough to let a rare word decide
  // between pages, never enough to lift a body match over a title match.
  const rare = (m, df) => 0.25 + 0.75 * Math.min(1, Math.log(1 + (m.docs - df + 0.5) / (df + 0.5)) / 2.5);

  const lookup = async (m, t) => (await terms(m, t, t)).find((e) => e.t == t);

  // near returns up to cap vocabulary terms at most max typos from q,
  // looking among the terms that share q's first letters (more letters
  // when that range spans too many blocks); a typo in the first two letters
  // is therefore not corrected.
  async function near(m, q, max, prefix, cap = 4) {
    let n = 2;
    while (n < q.length - 1 && blockOf(m, q.slice(0, n) + "\uffff") - blockOf(m, q.slice(0, n)) > 3) n++;
    const out = [];
    for (const e of await terms(m, q.slice(0, n), q.slice(0, n) + "\uffff", 4)) {
      let d = dist(q, e.t, max);
      if (prefix && e.t.length > q.length) d = Math.min(d, dist(q, e.t.slice(0, q.length), max));
      if (d <= max && e.t != q) out.push({ ...e, d, k: d == 1 ? 0.6 : 0.4 });
    }
    return out.sort((a, b) => a.d - b.d || byDf(a, b)).slice(0, cap);
  }

  // expand returns the vocabulary terms a query word w (term q) stands
  // for, each with a weight k: itself (1); the words it begins, when it is
  // the word being typed or the index lacks it (its three most frequent
  // completions); and only when the index neither holds it nor has a word
  // it begins, and it has five letters or more, the terms a typo or two
  // away. A correct word is never read as a typo of another.
  async function expand(m, w, q, exact, prefix) {
    const out = new Map();
    const add = (e, k) => (out.get(e.t)?.k >= k || out.set(e.t, { ...e, k }));
    const e0 = await lookup(m, q);
    if (e0) add(e0, 1);
    if (exact || CJK.test(q)) return [...out.values()];
    let begins = false;
    if (w.length > 2) {
      const found = (await terms(m, w, w + "\uffff")).filter((e) => e.t.startsWith(w) && e.t != q);
      begins = found.length > 0;
      if (prefix || !e0) found.sort(byDf).slice(0, 3).forEach((e) => add(e, 0.8));
      // "deployi" is on its way to "deploying", indexed as "deploy".
      for (let n = w.length - 1; prefix && n >= Math.max(3, w.length - 2); n--) {
        const t = w.slice(0, n);
        if (/^(i|in|ie|e)$/.test(w.slice(n))) { const e = await lookup(m, t); if (e) add(e, 0.8); }
      }
    }
    if (e0 || begins || [...w].length < 5) return [...out.values()];
    for (const e of await near(m, q, q.length >= 8 ? 2 : 1, prefix)) add(e, e.k);
    return [...out.values()];
  }

  // synonyms indexes the manifest's synonym groups by their first term.
  const synonyms = (m) => m.bySyn || (m.bySyn = (m.syn || []).reduce((map, g, gi) => {
    for (const a of g) {
      const ts = a.split(" ");
      if (!map.has(ts[0])) map.set(ts[0], []);
      map.get(ts[0]).push({ ts, gi });
    }
    return map;
  }, new Map()));

  // parse turns a query into concepts, each a list of alternatives
  // {k, ts: [terms]} of which a page must hold one: a word, or the longest
  // synonym expression the words spell with the rest of its group (k 0.9).
  // "Quoted words" are concepts of their own, matched as typed, and
  // phrases. Stop words and question filler are dropped.
  function parse(m, q) {
    const syn = synonyms(m), concepts = [], phrases = [];
    let kind = "";
    q.split('"').forEach((s, i, all) => {
      const exact = i % 2 == 1 && i < all.length - 1;
      const ws = toks(s).map((w, j, all) => ({ w, t: term(w), kind: KIND.has(w) && /^(which|what)$/.test(all[j - 1]) }))
        .filter((x) => x.t && (exact || !FILLER.has(x.w) && !(x.kind && (kind = x.t))));
      if (exact) {
        const qs = ws.map((x) => concepts.push({ words: [x.w], alts: [{ k: 1, ts: [x.t] }], exact: 1 }) - 1);
        if (ws.length) phrases.push({ ws: toks(s), qs });
        return;
      }
      for (let j = 0; j < ws.length;) {
        let best;
        for (const a of syn.get(ws[j].t) || []) {
          if (a.ts.length > (best?.ts.length || 0) && a.ts.every((t, n) => ws[j + n]?.t == t)) best = a;
        }
        const words = ws.slice(j, j + (best?.ts.length || 1)).map((x) => x.w);
        j += words.length;
        if (best) {
          if (concepts.some((c) => c.gi == best.gi)) continue;
          // "run time" is "runtime" written in two words: not a synonym.
          const typed = best.ts.join("");
          concepts.push({ words, gi: best.gi, alts: m.syn[best.gi].map((a) => ({ k: a.replaceAll(" ", "") == typed ? 1 : 0.9, ts: a.split(" ") })) });
        } else if (/^(\d+[a-z]+|[a-z]+\d+)$/.test(words[0])) {
          // "10gb" is also "10 GB".
          const ts = words[0].match(/\d+|[a-z]+/g).map(term).filter(Boolean);
          concepts.push({ words, gi: -1, alts: [{ k: 1, ts: [term(words[0])] }, ...(ts.length ? [{ k: 1, ts }] : [])] });
        } else if (!concepts.some((c) => !c.exact && c.gi == null && c.words[0] == words[0])) {
          concepts.push({ words, alts: [{ k: 1, ts: [term(words[0])] }] });
        }
      }
    });
    const c = concepts.at(-1);
    if (c && !c.exact && c.gi == null && /[\p{L}\p{N}]$/u.test(q)) c.prefix = 1;
    return { concepts, phrases, kind };
  }

  // run parses q, ranks the pages and returns the state more() pages through.
  // A page must match every concept; when none does, pages matching the
  // most of them come first. A word the site never uses, and no typo of it,
  // matches nothing: the query then has no results, and suggest holds the
  // query with each such word replaced by its nearest indexed term, if any.
  async function run(q) {
    const m = await manifest(), { concepts, phrases, kind } = parse(m, q);
    await Promise.all(concepts.map(async (c) => {
      await Promise.all(c.alts.map(async (a) => {
        a.slots = await Promise.all(a.ts.map(async (t) => c.gi == null
          ? expand(m, c.words[0], t, c.exact, c.prefix)
          : [await lookup(m, t)].filter(Boolean).map((e) => ({ ...e, k: 1 }))));
      }));
      c.alts = c.alts.filter((a) => a.slots.every((s) => s.length));
      for (const a of c.alts) a.f = Math.min(...a.slots.map((s) => Math.max(...s.map((x) => rare(m, x.df)))));
    }));
    const res = { m, q, concepts, phrases, kind, ranked: [], i: 0, out: [], suggest: "" };
    // A word the site never uses is left out when two or more others
    // remain to say what the query is about; otherwise ("cold start") there
    // are no results, and maybe a suggestion.
    const missing = concepts.filter((c) => !c.alts.length);
    if (missing.length && concepts.length - missing.length >= 2 && !phrases.length) {
      concepts.splice(0, concepts.length, ...concepts.filter((c) => c.alts.length));
    } else if (missing.length || !concepts.length) {
      let fixed = q, any = false;
      for (const c of missing) {
        const w = c.words.join(" "), t = term(c.words[0]);
        const s = c.words.length == 1 && [...c.words[0]].length >= 3 ? (await near(m, t, t.length >= 5 ? 2 : 1, false, 1))[0] : null;
        if (s) { fixed = fixed.replace(new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"), s.t); any = true; }
      }
      if (any) res.suggest = fixed;
      return res;
    }
    const cands = concepts.flatMap((c) => c.alts.flatMap((a) => a.slots.flat()));
    await Promise.all(cands.map((c) => postings(m, c.o)));
    const pages = new Map();
    for (const [ci, c] of concepts.entries()) {
      for (const a of c.alts) {
        let acc;
        for (const slot of a.slots) {
          const cur = new Map();
          for (const cand of slot) {
            for (const [d, w, parts] of await postings(m, cand.o)) {
              const v = cand.k * (TIER[w >> 6] + (w & 63) / 64) * rare(m, cand.df), x = cur.get(d);
              if (!x) cur.set(d, { v, tier: w >> 6, parts, ts: [cand.t] });
              else {
                x.ts.push(cand.t);
                if (v > x.v) Object.assign(x, { v, tier: w >> 6, parts });
              }
            }
          }
          if (!acc) { acc = cur; continue; }
          // Words of one expression must be near: in one part, unless in
          // the title, summary or facts.
          const next = new Map();
          for (const [d, x] of acc) {
            const y = cur.get(d);
            if (!y) continue;
            const float = (z) => z.tier == 3 || z.tier == 1;
            const parts = float(x) ? y.parts : float(y) ? x.parts : x.parts.filter((p) => y.parts.includes(p));
            if (!float(x) && !float(y) && !parts.length) continue;
            next.set(d, { v: Math.min(x.v, y.v), tier: Math.min(x.tier, y.tier), parts, ts: [...x.ts, ...y.ts] });
          }
          acc = next;
        }
        for (const [d, x] of acc) {
          let r = pages.get(d);
          if (!r) pages.set(d, r = { d, c: [] });
          const v = a.k * x.v, old = r.c[ci];
          if (!old || v > old.v) r.c[ci] = { v, parts: x.parts, ts: old ? [...old.ts, ...x.ts] : x.ts };
          else old.ts.push(...x.ts);
        }
      }
    }
    // A quoted phrase needs all its words, in one part of the page unless
    // some are in the title or facts only; the text is checked in more().
    const nearby = (r) => phrases.every(({ qs }) => {
      const sets = qs.map((i) => r.c[i]?.parts || []);
      return sets.some((s) => !s.length) || sets[0].some((p) => sets.every((s) => s.includes(p)));
    });
    const low = new Set(m.low || []);
    let ranked = [...pages.values()].filter((r) => concepts.every((c, i) => !c.exact || r.c[i]) && nearby(r));
    for (const r of ranked) {
      r.n = r.c.filter(Boolean).length;
      r.score = r.c.reduce((a, x) => a + (x ? x.v : 0), 0);
    }
    const all = ranked.filter((r) => r.n == concepts.length);
    if (all.length) ranked = all;
    const notes = ranked.filter((r) => !low.has(r.d));
    if (notes.length) ranked = notes;
    ranked.sort((a, b) => b.n - a.n || b.score - a.score || a.d - b.d);
    res.ranked = ranked;
    return res;
  }

  // more loads the page files of the next n results and returns all so far.
  // The first call reads the text of the best RERANK pages and orders them
  // again by where each concept sits (evaluate). Pages that lack a quoted
  // phrase are dropped here, so a phrase query looks at no more than 3n
  // pages per call.
  async function more(res, n) {
    if (!res.i && !res.done) {
      res.done = 1;
      const head = res.ranked.slice(0, Math.max(RERANK, n));
      const pages = await Promise.all(head.map((r) => page(res.m, r.d)));
      head.forEach((r, j) => { r.p = pages[j]; r.e = evaluate(res, r, pages[j]); });
      head.sort((a, b) => b.n - a.n || (b.e?.score ?? -1) - (a.e?.score ?? -1) || b.score - a.score || a.d - b.d);
      res.ranked.splice(0, head.length, ...head);
    }
    const want = res.out.length + n, stop = res.i + 3 * n;
    while (res.out.length < want && res.i < res.ranked.length && res.i < stop) {
      const batch = res.ranked.slice(res.i, res.i += want - res.out.length);
      const pages = await Promise.all(batch.map((r) => r.p || page(res.m, r.d)));
      batch.forEach((r, j) => { const h = result(res, r, pages[j]); if (h) res.out.push(h); });
    }
    return res.out;
  }

  // page reads a page record: lines for the URL, title, section, facts
  // (tab-separated) and summary, then an anchor, heading and text line per part.
  async function page(m, d) {
    const l = utf8.decode(await record(m, d)).split("\n"), p = [];
    for (let i = 5; i < l.length; i += 3) p.push(l.slice(i, i + 3));
    return { u: l[0], t: l[1], s: l[2], f: l[3] ? l[3].split("\t") : [], sum: l[4] || "", p };
  }

  const has = (text, ph) => ` ${toks(text).join(" ")} `.includes(` ${ph.join(" ")} `);

  // evaluate scores a page from its text: each concept counts where it
  // sits best, the title (27), a heading (9), a fact row or the summary
  // (3) or a section's text (1), times its weight (a synonym 0.9), its
  // rarity and
  // twice as much when the words of a many-word expression typed stand
  // together there. It returns null when a quoted phrase is missing, and
  // else the score with the places: the fact row and the sections that
  // match, best first.
  function evaluate(res, r, p) {
    const cs = res.concepts;
    // found returns, per concept, the weight of its best alternative in text.
    const found = (text) => {
      const ws = toks(text).map(term), set = new Set(ws), line = ` ${ws.join(" ")} `;
      return cs.map((c) => c.alts.reduce((best, a) => {
        if (!a.slots.every((s) => s.some((x) => set.has(x.t)))) return best;
        const together = a.ts.length > 1 && a.k == 1 && line.includes(` ${a.ts.join(" ")} `);
        return Math.max(best, a.k * a.f * (together ? 2 : 1));
      }, 0));
    };
    const inTitle = found(p.t);
    // The whole query, as typed, standing in one place ("serverless cron
    // jobs" in a fact row) answers it better than its words found apart
    // or through synonyms.
    const seq = ` ${cs.flatMap((c) => (c.alts.find((a) => a.k == 1) || c.alts[0]).ts).join(" ")} `;
    const seqIn = (text) => ` ${toks(text).map(term).join(" ")} `.includes(seq);
    const phrase = cs.length > 1 && [p.sum, ...p.f, ...p.p.map(([, h, t]) => h + " " + t)].some(seqIn) ? 1 : 0;
    const weigh = (hits, w, skip) => hits.reduce((a, h, i) => a + (skip && skip[i] ? 0 : h * w), 0);
    // Per concept: its best place, plus a fifth of the others (up to half
    // the best), so that a page saying it twice in different words wins a tie.
    const best = cs.map((_, i) => inTitle[i] * 27), also = cs.map(() => 0);
    // together is the most concepts one place (a fact row, a section, the
    // summary) holds besides the title's: words found side by side answer
    // better than words found far apart.
    let together = 0;
    const keep = (hits, w) => {
      together = Math.max(together, hits.filter((h, i) => h && !inTitle[i]).length);
      hits.forEach((h, i) => {
        also[i] += Math.min(best[i], h * w);
        best[i] = Math.max(best[i], h * w);
      });
    };
    // A fact row is a label and a value: the label weighs as a heading.
    let fact = { s: 0 };
    for (const f of p.f) {
      const i = f.indexOf(": "), h = found(i < 0 ? "" : f.slice(0, i)), all = found(f);
      keep(h, 9);
      keep(all, 3);
      const s = weigh(h, 9, inTitle) + weigh(all.map((x, i) => (h[i] ? 0 : x)), 3, inTitle);
      if (s > fact.s) fact = { s, f };
    }
    keep(found(p.sum), 3);
    const secs = p.p.map(([anchor, heading, text], k) => {
      const h = found(heading), all = found(heading + " " + text);
      keep(h, 9);
      keep(all, 1);
      return { k, anchor, heading, text, s: weigh(h, 9, inTitle) + weigh(all.map((x, i) => (h[i] ? 0 : x)), 1, inTitle) };
    });
    // Quoted phrases must be in the text of the part linked, or the title or facts.
    let forced = -1;
    for (const { ws: ph } of res.phrases) {
      const inPart = (k) => has(p.p[k][1], ph) || has(p.p[k][2], ph);
      const k = p.p.findIndex((_, k) => inPart(k));
      if (k >= 0) forced = forced < 0 || !inPart(forced) ? k : forced;
      else if (!has(p.t, ph) && !has(p.f.join(" · "), ph) && !has(p.sum, ph)) return null;
    }
    const ordered = secs.filter((x) => x.s > 0).sort((a, b) => b.s - a.s || a.k - b.k);
    // "Which service …" asks for a page of the section named so.
    const kind = res.kind && new Set(toks(p.s).map(term)).has(res.kind) ? 1.5 : 1;
    // Of two titles that match, the one the query covers more of is the
    // page about it: "AWS Lambda" before "Fargate vs Lambda" for "lambda".
    const tt = toks(p.t).map(term).filter(Boolean), marks = new Set(r.c.flatMap((x, i) => (x && inTitle[i] ? x.ts : [])));
    const cover = tt.length ? tt.filter((t) => marks.has(t)).length / tt.length : 0;
    const score = best.reduce((a, x, i) => a + x + Math.min(x / 2, also[i] / 5), 0) + 4 * Math.max(0, together - 1) + 13.5 * cover + 12 * phrase;
    return { score: kind * score, inTitle, fact, secs, ordered, forced };
  }

  // result makes a page's hit: where it links (the page top when the title
  // answers the query or a fact row does best, else the section that holds
  // the most of it, a heading counting nine times its text), its snippet,
  // and up to three more sections that match, as sub-results.
  function result(res, r, p) {
    const e = r.e === undefined ? evaluate(res, r, p) : r.e;
    if (!e) return null;
    const marks = new Set(r.c.flatMap((x) => (x ? x.ts : [])));
    let best = e.forced >= 0 ? e.secs[e.forced] : e.ordered[0];
    const titled = e.inTitle.every(Boolean);
    if (e.forced < 0 && (titled || !best || e.fact.s > best.s)) best = null;
    const url = /^(\/|https?:)/.test(p.u) ? p.u : "#";
    const link = (anchor) => url + (marks.size ? `${url.includes("?") ? "&" : "?"}highlight=${encodeURIComponent([...marks].slice(0, 10).join(" "))}` : "") + (anchor ? "#" + encodeURIComponent(anchor) : "");
    const subs = e.ordered.filter((x) => x != best && x.heading && x.anchor).slice(0, 3)
      .map((x) => ({ url: link(x.anchor), heading: x.heading, text: x.text }));
    return {
      url: link(best?.anchor),
      title: p.t,
      path: [p.s, best?.heading].filter(Boolean).join(" › "),
      text: best ? best.text || best.heading : e.fact.s && !titled ? e.fact.f : p.sum || p.p[0]?.[2] || "",
      marks,
      subs,
    };
  }

  // query returns the first n results for q and, when there are none, a
  // suggestion: {hits: [{url, title, path, text, marks, subs}], suggest}.
  // The last few queries are kept: typing back to an earlier query, or
  // opening the box again, costs nothing.
  const recent = new Map();
  async function query(q, n = 8) {
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
    return { hits: res.out.slice(0, n), suggest: res.out.length ? "" : res.suggest, more: res.ranked.length > n };
  }
  // search returns the first n results for q:
  // [{url, title, path, text, marks, subs}], url carrying the anchor and ?highlight=.
  const search = async (q, n = 8) => (await query(q, n)).hits;

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

  // item makes one result: its page, then its sub-results (sections), as
  // options of the dropdown's listbox, or as links in a list item on the
  // results page (option: false), where no listbox holds them.
  function item(h, i, option = true) {
    const a = el("a", "sr-item");
    a.href = h.url;
    a.append(marked(el("span", "sr-title"), h.title, h.marks), el("span", "sr-path", h.path), marked(el("span", "sr-snippet"), h.text, h.marks, 30));
    const subs = (h.subs || []).map((s) => {
      const b = el("a", "sr-sub");
      b.href = s.url;
      b.append(marked(el("span", "sr-sub-heading"), s.heading, h.marks), marked(el("span", "sr-snippet"), s.text, h.marks, 16));
      return b;
    });
    if (!option) {
      const li = el("li", "sr-result");
      li.append(a);
      if (subs.length) { const ul = el("ul", "sr-subs"); subs.forEach((b) => { const x = el("li"); x.append(b); ul.append(x); }); li.append(ul); }
      return [li];
    }
    return [a, ...subs].map((x, j) => {
      x.id = `sr-${i}-${j}`;
      x.setAttribute("role", "option");
      x.setAttribute("aria-selected", "false");
      return x;
    });
  }

  // searchPage is the URL of the results page for q.
  const searchPage = (q) => `${base}?q=${encodeURIComponent(q.trim())}`;

  // empty says there are no results, and offers the suggestion if any.
  function empty(parent, q, suggest) {
    parent.append(`No results for “${q.trim()}”`);
    if (suggest) {
      const a = el("a", "sr-suggest", suggest);
      a.href = searchPage(suggest);
      parent.append(" — did you mean ", a, "?");
    }
    return parent;
  }

  const setBase = (b) => { base = b ? b.replace(/\/?$/, "/") : base || document.getElementById("search-input")?.dataset.searchIndex || "/search/"; };

  // init wires the search box: results as you type, arrow keys, Enter to
  // follow the selected (or first) result, Escape to close. Each keystroke
  // searches at once (a query on a warm index takes a few milliseconds);
  // an answer that arrives after a newer query's is dropped.
  function init({ input, results, base: b }) {
    setBase(b);
    manifest().catch(() => {});
    results.id = results.id || "search-results";
    results.removeAttribute("role");
    const list = el("div", "sr-options"), status = el("p", "sr-empty");
    list.id = results.id + "-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    status.setAttribute("role", "status");
    results.replaceChildren(list, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    let seq = 0, active = -1, items = [], timer, lastKey = 0;
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
      let ans;
      try { ans = await query(q); } catch (e) { console.warn("search:", e); }
      if (my != seq) return;
      items = (ans?.hits || []).flatMap((h, i) => item(h, i));
      if (items.length) {
        const all = el("a", "sr-all", "See all results");
        all.href = searchPage(q);
        all.id = "sr-all";
        all.setAttribute("role", "option");
        items.push(all);
      }
      list.replaceChildren(...items);
      list.hidden = !items.length;
      status.replaceChildren();
      if (!items.length) ans ? empty(status, q, ans.suggest) : status.append("Search is unavailable.");
      results.dataset.query = q;
      show(true);
      select(-1);
    };
    // A key typed by hand searches at once; keys that come faster than
    // anyone types (a paste, a burst) wait for the burst to end, so that
    // the words on their way fetch nothing.
    input.addEventListener("input", () => {
      const now = performance.now(), burst = now - lastKey < 30;
      lastKey = now;
      clearTimeout(timer);
      if (burst) timer = setTimeout(update, 30);
      else update();
    });
    input.addEventListener("focus", () => { if (items.length) show(true); });
    input.addEventListener("keydown", (e) => {
      const n = items.length;
      if ((e.key == "ArrowDown" || e.key == "ArrowUp") && n && !results.hidden) {
        e.preventDefault();
        select(e.key == "ArrowDown" ? (active + 1) % n : (active < 1 ? n : active) - 1);
      } else if (e.key == "Enter" && !results.hidden && (n || input.value.trim())) {
        e.preventDefault();
        location.href = n ? items[Math.max(active, 0)].href : searchPage(input.value);
      } else if (e.key == "Escape") show(false);
    });
    document.addEventListener("pointerdown", (e) => { if (!results.contains(e.target) && e.target != input) show(false); });
    if (input.value) update();
  }

  // renderResultsPage fills container with the results for query (default:
  // ?q= of the page), twenty at a time.
  async function renderResultsPage(container, query = new URLSearchParams(location.search).get("q") || "", opts = {}) {
    setBase(opts.base);
    const status = el("p", "sr-status"), list = el("ol", "sr-list"), btn = el("button", "sr-more", "More results");
    status.setAttribute("role", "status");
    btn.type = "button";
    btn.hidden = true;
    container.replaceChildren(status, list, btn);
    if (!query.trim()) return void (status.textContent = "Type something to search for.");
    status.textContent = "Searching…";
    try {
      const res = await run(query);
      const page = async () => {
        const from = res.out.length;
        (await more(res, 20)).slice(from).forEach((h, i) => list.append(...item(h, from + i, false)));
        const n = res.out.length;
        status.replaceChildren();
        if (n) status.textContent = `Results for “${query}”`;
        else empty(status, query, res.suggest);
        btn.hidden = res.i >= res.ranked.length;
      };
      btn.onclick = page;
      await page();
    } catch (e) {
      status.textContent = "Search is unavailable.";
      console.warn("search:", e);
    }
  }

  // section returns the nodes of the section a #anchor names: its heading
  // and what follows up to the next heading of the same or a higher level;
  // with no anchor, what comes before the first section heading (the
  // page's intro and facts).
  function section(root) {
    const id = decodeURIComponent(location.hash.slice(1)), hs = [...root.querySelectorAll("h1, h2, h3, h4, h5, h6")];
    const start = id ? document.getElementById(id) : null;
    const level = (h) => +h.tagName[1];
    let end;
    if (start && /^H[1-6]$/.test(start.tagName)) end = hs.find((h) => start.compareDocumentPosition(h) & 4 && level(h) <= level(start));
    else end = hs.find((h) => level(h) >= 2);
    const inside = (n) => (!start || start.compareDocumentPosition(n) & 4 || start.contains(n)) && (!end || n.compareDocumentPosition(end) & 4);
    return id && !start ? () => true : inside;
  }

  // highlightFromURL marks the words named by ?highlight= in the section
  // of root the result pointed to (section), and scrolls to the first one
  // when the URL has no #anchor. It returns the number of marks.
  function highlightFromURL(root = document.querySelector("main") || document.body) {
    const want = new URLSearchParams(location.search).get("highlight");
    if (!want) return 0;
    const marks = new Set(want.split(/\s+/).filter(Boolean)), inside = section(root);
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement.closest("script, style, textarea, mark, svg, input, nav") || !inside(n) ? 2 : 1),
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

  return { fold, toks, term, stem, search, query, init, renderResultsPage, highlightFromURL };
}

export const { fold, toks, term, stem, search, query, init, renderResultsPage, highlightFromURL } = client();
