/* peixun: which projects a query matches and in what order: the phrase rule
 * and elasticlunr's tf-idf (field-length norm, per-field boost) over the
 * compact shards (data.js reads them; docs/search.md, "Ranking"). Matches
 * are arrays with a tier per document (0 for none): a national catalog's
 * 100,000 are walked in well under a millisecond. */

import * as Q from './query.js';
import { indexFileOf } from './shards.js';
import { Sounds } from './pinyin.js';

/** A token's postings in one field, from the file that holds it:
 *  `{ids, w, df}` (data.js `decodeShard`), or null. */
export function postings(index, field, token) {
  var shard = index.loaded[indexFileOf(token, index.shards)];
  return (shard && shard[field] && shard[field][token]) || null;
}

/** Where document `doc` is in ascending `ids`, or -1. */
function find(ids, doc) {
  var lo = 0, hi = ids.length - 1;
  while (lo <= hi) {
    var mid = (lo + hi) >> 1, v = ids[mid];
    if (v === doc) return mid;
    if (v < doc) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

/** How many documents a match array (a tier per document, 0 for none)
 *  holds. */
export function count(m) {
  var n = 0;
  for (var i = 0; i < m.length; i++) if (m[i]) n++;
  return n;
}

/** How well a field's match ranks: the title first, then eligibility,
 *  tags (roles, stages, modes, plan) and place, then the body. */
var TIER = { title: 1, eligibility: 2, tags: 2, place: 2, body: 3 };

/** Into `best` (a tier per document, 0 for none): the documents whose
 *  field holds every one of `tokens`, with the best tier of a field that
 *  does. Whether any was found. */
function fieldMatches(index, tokens, best) {
  var any = false;
  index.fields.forEach(function (field) {
    var nodes = [];
    for (var t = 0; t < tokens.length; t++) {
      var node = postings(index, field, tokens[t]);
      if (!node) return;
      nodes.push(node);
    }
    if (!nodes.length) return;
    nodes.sort(function (a, b) { return a.df - b.df; });
    var tier = TIER[field] || 3, first = nodes[0].ids, at = nodes.map(function () { return 0; });
    // The rarest token's documents, each looked for in the others' lists
    // (all ascending, so each list is walked once).
    for (var i = 0; i < first.length; i++) {
      var doc = first[i], all = true;
      for (var l = 1; l < nodes.length && all; l++) {
        var ids = nodes[l].ids;
        while (at[l] < ids.length && ids[at[l]] < doc) at[l]++;
        all = at[l] < ids.length && ids[at[l]] === doc;
      }
      if (all && doc < best.length) {
        any = true;
        if (!best[doc] || best[doc] > tier) best[doc] = tier;
      }
    }
  });
  return any;
}

/** elasticlunr's tf-idf of the documents of `tiers`, counted only in the
 *  fields that hold a whole term (every token of one of `groups`), so a
 *  title that shares one pair with the query adds nothing. A term's
 *  frequency in a field is that of its rarest token: how often the phrase
 *  can be there at most. `fields` counts, per document, the fields that
 *  hold a whole term: a project that says it in its tags and its text
 *  ranks above one that only lists it. */
function score(index, boosts, groups, tiers) {
  var n = index.docs, scores = new Float64Array(tiers.length), fields = new Uint8Array(tiers.length);
  index.fields.forEach(function (field) {
    var boost = boosts[field] || 1, seen = new Uint8Array(tiers.length);
    groups.forEach(function (tokens) {
      var nodes = tokens.map(function (t) { return postings(index, field, t); });
      if (!nodes.length || nodes.some(function (x) { return !x; })) return;
      var idf = 0;
      nodes.forEach(function (x) { idf += 1 + Math.log(n / (x.df + 1)); });
      var first = nodes[0];
      for (var i = 0; i < first.ids.length; i++) {
        var doc = first.ids[i];
        if (!tiers[doc]) continue;
        // The rarest token's frequency over the field's norm: in one
        // field the norm is the same for every token, so the least weight.
        var w = first.w[i];
        for (var k = 1; k < nodes.length && w > 0; k++) {
          var at = find(nodes[k].ids, doc);
          w = at < 0 ? 0 : Math.min(w, nodes[k].w[at]);
        }
        if (!w) continue;
        scores[doc] += w * idf * boost;
        if (!seen[doc]) { seen[doc] = 1; fields[doc]++; }
      }
    });
  });
  return { scores: scores, fields: fields };
}

/** How long after a key a one-character query, or one read as pinyin or
 *  by its sound, waits for the next key before fetching its shards. */
var TYPING_PAUSE_MS = 250;

/** The same for a one-character query, longer: a character's shard is the
 *  largest a query fetches (班: 95 KB at 100,000 projects), and a slow
 *  phone may handle the next key late. */
var CHARACTER_PAUSE_MS = 450;

/** Queries over one site's `store`, with its synonyms, boosts and
 *  categories (from search_docs.json). `ready` is called when data a
 *  pending query waited for has arrived. */
export function Matcher(store, data, ready) {
  var self = this;
  this.store = store;
  this.ready = ready;
  this.boosts = data.boosts || {};
  this.synonyms = data.synonyms || [];
  this.categoryByName = Object.create(null);
  var labels = data.category_labels || {};
  Object.keys(labels).forEach(function (key) {
    self.categoryByName[Q.normalize(labels[key])] = key;
    self.categoryByName[Q.normalize(key)] = key;
  });
  this.sounds = new Sounds(store, ready);
  // When the last key was pressed (search.js sets it).
  this.typedAt = 0;
}

/** Fetches what `tokens` need, and the category's projects when a term
 *  names a category; true when it is all in. `guessed`: the tokens are
 *  those of words the query's letters or sound may mean. */
Matcher.prototype.have = function (tokens, plan, guessed) {
  var self = this, store = this.store, missing = store.missingShards(tokens);
  // A character's shard, just typed, is often the start of a word (班 of
  // 班主任), and letters, and the words they may be the pinyin of, change
  // with every letter (ban, banz): wait a moment for the next key.
  var single = tokens.every(function (t) { return Array.from(t).length === 1; });
  var early = single || guessed || tokens.every(function (t) { return /^[a-z]+$/.test(t); });
  var wait = this.typedAt + (single ? CHARACTER_PAUSE_MS : TYPING_PAUSE_MS) - Date.now();
  if (missing.length && wait > 0 && early) {
    clearTimeout(this.pause);
    this.pause = setTimeout(function () { self.ready(); }, wait);
    return false;
  }
  var named = [];
  (plan || []).forEach(function (p) {
    p.alternatives.forEach(function (a) { if (self.categoryByName[a.text]) named.push(self.categoryByName[a.text]); });
  });
  var facets = store.missingValues('category', named);
  if (!missing.length && !facets.length) return true;
  var done = function () { self.ready(); }, failed = function () { self.ready(new Error('shards')); };
  if (missing.length) store.loadShards(missing).then(done, failed);
  if (facets.length) store.loadValues('category', facets).then(done, failed);
  return false;
};

/** The tokens of one of the site's words (a reading of pinyin or a
 *  sound): what is fetched for it ahead and what it is matched by. */
function wordTokens(word) {
  var terms = Q.parse(word);
  return terms.length ? terms[0].alternatives[0].tokens : [];
}

/** Words whose shards a query will most likely need: fetched now, a
 *  few at most (a reading of many words is too unsure to pay for). */
var PREFETCH_WORDS_MAX = 3;
Matcher.prototype.prefetch = function (words) {
  if (!words.length || words.length > PREFETCH_WORDS_MAX) return;
  var self = this, store = this.store, tokens = [];
  words.forEach(function (w) { tokens = tokens.concat(wordTokens(w)); });
  var missing = store.missingShards(tokens);
  if (missing.length) store.loadShards(missing).then(function () { self.ready(); }, function () {});
};

/** The documents a term (with its alternatives) matches, as a tier per
 *  document (its best field's; 0 for none), and the alternatives that
 *  found any; a term naming a category as a whole (校园长培训) matches the
 *  category's projects too. */
Matcher.prototype.termMatches = function (alternatives) {
  var index = this.store.index, found = new Uint8Array(this.store.docs.length), self = this;
  var used = alternatives.filter(function (alt) {
    var any = fieldMatches(index, alt.tokens, found);
    var category = self.categoryByName[alt.text];
    if (category) {
      self.store.docsIn('category', category).forEach(function (i) { if (!found[i] || found[i] > 2) found[i] = 2; });
    }
    return any;
  });
  return { found: found, used: used };
};

/** The documents term `p` matches, as a tier per document: the whole
 *  phrase (or a synonym of it), or, when the term runs several words
 *  together (小学班主任), every one of its words, ranked after the phrase.
 *  Sets `p.matches`, `p.phrase` and `p.split` (how many each found) and
 *  `p.byWords` (1 for the documents only the words found). */
Matcher.prototype.matchTerm = function (p) {
  var m = this.termMatches(p.alternatives), found = m.found, n = found.length;
  p.phrase = count(found);
  p.split = 0;
  p.byWords = new Uint8Array(n);
  if (splits(p)) {
    var self = this, both = null;
    p.pieces.forEach(function (piece) {
      var f = self.termMatches(piece.alternatives);
      piece.matches = f.found;
      piece.used = f.used;
      if (both === null) { both = f.found.slice(); return; }
      for (var i = 0; i < n; i++) both[i] = both[i] && f.found[i] ? Math.max(both[i], f.found[i]) : 0;
    });
    for (var i = 0; i < n; i++) {
      if (both[i] && !found[i]) { found[i] = both[i] + SPLIT_TIERS; p.byWords[i] = 1; p.split++; }
    }
  }
  p.matches = found;
  return m.used;
};

/** Tiers added to a match by the words of a term rather than its phrase. */
var SPLIT_TIERS = 3;

/** Every token the plan's terms (their phrases, synonyms and words) need. */
function tokensOf(plan) {
  var all = [];
  plan.forEach(function (p) {
    p.alternatives.forEach(function (a) { all = all.concat(a.tokens); });
    if (!splits(p)) return;
    p.pieces.forEach(function (piece) {
      piece.alternatives.forEach(function (a) { all = all.concat(a.tokens); });
    });
  });
  return Q.uniq(all);
}

/** Whether term `p` is also searched as the words it runs together: not
 *  when one of them is a lone character (班主壬 is not 班主 and 壬): a
 *  character alone is no word, and its postings are most of a shard of
 *  their own (95 KB at 100,000 projects). */
function splits(p) {
  return !!(p.pieces && p.pieces.length) && p.pieces.every(function (piece) { return Array.from(piece.text).length > 1; });
}

/** How a query is matched: one entry per term, with the alternatives it
 *  is searched as (synonyms, or the words its pinyin or sound gave), the
 *  words it runs together, and the documents each matches; null while
 *  data is fetched. */
Matcher.prototype.plan = function (terms) {
  var self = this;
  var plan = terms.map(function (t) {
    return { text: t.text, alternatives: t.alternatives, pieces: t.pieces, via: null, matches: null };
  });
  // Letters may be pinyin: ask for their readings while the shards come,
  // rather than after they have found nothing.
  if (Date.now() - this.typedAt >= TYPING_PAUSE_MS) {
    plan.forEach(function (p) {
      if (!/^[a-z]+$/.test(p.text)) return;
      // Once known, the words they read as are fetched beside the letters'
      // own shard, not a round trip after it has found nothing: letters a
      // teacher types are most often pinyin.
      var found = self.sounds.of(p.text);
      if (found && found.kind === 'pinyin') self.prefetch(found.words);
    });
  }
  if (!this.have(tokensOf(plan), plan)) return null;
  plan.forEach(function (p) { self.matchTerm(p); });
  var dead = plan.filter(function (p) { return !p.phrase && !p.split; });
  if (!dead.length) return plan;
  // Letters typed with spaces (ban zhu ren) are one pinyin word.
  var letters = plan.every(function (p) { return /^[a-z]+$/.test(p.text); });
  if (plan.length > 1 && letters && dead.length === plan.length) {
    var joined = plan.map(function (p) { return p.text; }).join('');
    var as = this.sounds.of(joined);
    if (as === null) return null;
    if (as.words.length) {
      plan = [{ text: plan.map(function (p) { return p.text; }).join(' '), alternatives: [], pieces: [], via: as.kind, words: as.words, matches: null }];
      dead = plan;
    }
  }
  for (var d = 0; d < dead.length; d++) {
    var p = dead[d];
    var found = p.words ? { kind: p.via, words: p.words } : this.sounds.of(p.text);
    if (found === null) return null;
    if (!found.words.length) continue;
    p.via = found.kind;
    p.pieces = [];
    p.alternatives = found.words.map(function (w) { return { text: w, tokens: wordTokens(w) }; });
  }
  if (!this.have(tokensOf(plan), plan, true)) return null;
  dead.forEach(function (p) {
    // Only the words that found something are named.
    p.alternatives = self.matchTerm(p);
  });
  return plan;
};

/** The terms of query `q`, split into the site's words where they run
 *  several together; null while the word files are fetched. */
Matcher.prototype.terms = function (q) {
  var self = this, store = this.store;
  var missing = store.missingWords(Q.wordKeys(q));
  if (missing.length) {
    // The phrases' shards are needed whatever the words: fetch them at once.
    this.have(tokensOf(Q.parse(q, this.synonyms)));
    store.loadWords(missing).then(function () { self.ready(); }, function () { self.ready(new Error('words')); });
    return null;
  }
  return Q.parse(q, this.synonyms, function (w) { return store.isWord(w); });
};

/** Documents that match query `q` among `count`, best first: every term
 *  matched (or, when none match them all, the nearest: all terms but
 *  one). null while data is fetched. */
Matcher.prototype.hits = function (q, count_) {
  var all = [];
  for (var i = 0; i < count_; i++) all.push(i);
  q = q.trim();
  if (!q) return { ids: all, scores: null };
  if (!Q.parse(q, this.synonyms).length) return { ids: all, scores: null };
  if (!this.store.index) return null;
  var terms = this.terms(q);
  if (!terms) return null;
  var plan = this.plan(terms);
  if (!plan) return null;
  var n = this.store.docs.length;
  var live = plan.filter(function (p) { return p.phrase || p.split; });
  var dropped = null;
  var intersect = function (terms) {
    var tiers = null;
    terms.forEach(function (p) {
      if (tiers === null) { tiers = p.matches.slice(); return; }
      for (var i = 0; i < n; i++) tiers[i] = tiers[i] && p.matches[i] ? Math.max(tiers[i], p.matches[i]) : 0;
    });
    return tiers || new Uint8Array(n);
  };
  var tiers = live.length === plan.length ? intersect(plan) : new Uint8Array(n);
  if (!count(tiers) && plan.length > 1) {
    // The nearest: without the one term whose absence finds the most.
    var dead = plan.filter(function (p) { return !p.phrase && !p.split; });
    var candidates = dead.length === 1 ? dead : dead.length ? [] : plan;
    var best = 0;
    candidates.forEach(function (p) {
      var t = intersect(plan.filter(function (o) { return o !== p; })), c = count(t);
      if (c > best) { tiers = t; dropped = p; best = c; }
    });
  }
  var used = plan.filter(function (p) { return p !== dropped; });
  var groups = [];
  used.forEach(function (p) {
    p.alternatives.forEach(function (a) { groups.push(a.tokens); });
    (p.pieces || []).forEach(function (piece) { piece.alternatives.forEach(function (a) { groups.push(a.tokens); }); });
  });
  var ranked = score(this.store.index, this.boosts, groups, tiers);
  var scores = ranked.scores, fields = ranked.fields;
  var ids = [];
  for (var d = 0; d < Math.min(n, count_); d++) if (tiers[d]) ids.push(d);
  // Where the match is as good, the newer plan first: a teacher looks for
  // what is open now.
  // Tier, then year (newest first), then fields matched (most first), as
  // one number a document: a national catalog sorts tens of thousands.
  var docs = this.store.docs, rank = new Float64Array(n);
  ids.forEach(function (i) {
    var year = Math.min(Math.max((docs[i] && docs[i].year) || 0, 0), 4095);
    rank[i] = tiers[i] * 16777216 + (4095 - year) * 256 + (255 - Math.min(fields[i], 255));
  });
  // Not sorted here: a page shows ten of tens of thousands (topFirst).
  var compare = function (a, b) { return rank[a] - rank[b] || scores[b] - scores[a] || a - b; };
  return { ids: ids, compare: compare, scores: scores, plan: plan, dropped: dropped };
};

/** `list` (of hits, with the order `compare` of a query's hits, or none
 *  for no query) with its first `k` in order: the rest is put in order when
 *  it is first needed (`list.ordered` says how far it is). */
export function topFirst(list, compare, k) {
  if (!compare || k >= list.length) {
    if (compare) list.sort(compare);
    list.ordered = list.length;
    return list;
  }
  var best = [];
  for (var i = 0; i < list.length; i++) {
    var x = list[i];
    if (best.length === k && compare(x, best[k - 1]) >= 0) continue;
    var at = best.length;
    while (at > 0 && compare(x, best[at - 1]) < 0) at--;
    best.splice(at, 0, x);
    if (best.length > k) best.pop();
  }
  var chosen = new Set(best);
  var out = best.concat(list.filter(function (x) { return !chosen.has(x); }));
  out.ordered = k;
  return out;
}

/** `list` from topFirst in order as far as `upTo`. */
export function orderUpTo(list, compare, upTo) {
  if (list.ordered >= Math.min(upTo, list.length)) return list;
  var out = list.slice(0, list.ordered).concat(list.slice(list.ordered).sort(compare));
  out.ordered = out.length;
  return out;
}

/** Whether document `ref` holds every token of `tokens` in its body. */
Matcher.prototype.inBody = function (ref, tokens) {
  var index = this.store.index;
  return tokens.every(function (t) { var n = postings(index, 'body', t); return n && find(n.ids, ref) >= 0; });
};
