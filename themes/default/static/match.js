/* peixun: which projects a query matches and in what order: the phrase rule
 * and elasticlunr's tf-idf (field-length norm, per-field boost) over the
 * JSON elasticlunr-rs writes (docs/search.md, "Ranking"). */

import * as Q from './query.js';
import { indexShardOf } from './shards.js';
import { Sounds } from './pinyin.js';

function uniq(xs) {
  var seen = Object.create(null);
  return xs.filter(function (x) { if (seen[x]) return false; seen[x] = true; return true; });
}

/** The trie node of a token in one field, from the shard that holds it. */
export function postings(index, field, token) {
  var shard = index.loaded[indexShardOf(token, index.shards)];
  var node = shard && shard.index[field] && shard.index[field].root;
  var cps = Array.from(token);
  for (var i = 0; node && i < cps.length; i++) node = node[cps[i]];
  return node && node.docs ? node : null;
}

/** How well a field's match ranks: the title first, then eligibility,
 *  tags (roles, stages, modes, plan) and place, then the body. */
var TIER = { title: 1, eligibility: 2, tags: 2, place: 2, body: 3 };

/** The documents whose field holds every one of `tokens`, by ref, with
 *  the best tier of a field that does. */
function fieldMatches(index, tokens) {
  var best = Object.create(null);
  index.fields.forEach(function (field) {
    var lists = [];
    for (var t = 0; t < tokens.length; t++) {
      var node = postings(index, field, tokens[t]);
      if (!node) return;
      lists.push(node.docs);
    }
    if (!lists.length) return;
    lists.sort(function (a, b) { return Object.keys(a).length - Object.keys(b).length; });
    var tier = TIER[field] || 3;
    for (var ref in lists[0]) {
      var all = true;
      for (var l = 1; l < lists.length && all; l++) all = ref in lists[l];
      if (all && !(best[ref] <= tier)) best[ref] = tier;
    }
  });
  return best;
}

/** elasticlunr's tf-idf of each of `refs`, counted only in the fields
 *  that hold a whole term (every token of one of `groups`), so a title
 *  that shares one pair with the query adds nothing. A term's frequency
 *  in a field is that of its rarest token: how often the phrase can be
 *  there at most. `fields` counts, per ref, the fields that hold a
 *  whole term: a project that says it in its tags and its text ranks
 *  above one that only lists it. */
function score(index, boosts, groups, refs) {
  var n = index.documentStore.length, lengths = index.lengths;
  var scores = Object.create(null), fields = Object.create(null);
  index.fields.forEach(function (field) {
    var boost = boosts[field] || 1, seen = Object.create(null);
    groups.forEach(function (tokens) {
      var nodes = tokens.map(function (t) { return postings(index, field, t); });
      if (!nodes.length || nodes.some(function (x) { return !x; })) return;
      var idf = 0;
      nodes.forEach(function (x) { idf += 1 + Math.log(n / (x.df + 1)); });
      for (var ref in nodes[0].docs) {
        if (!refs[ref]) continue;
        var tf = Infinity;
        for (var k = 0; k < nodes.length && tf > 0; k++) {
          var entry = nodes[k].docs[ref];
          tf = entry ? Math.min(tf, entry.tf) : 0;
        }
        if (!tf) continue;
        var len = (lengths[field] && lengths[field][ref]) || 1;
        scores[ref] = (scores[ref] || 0) + tf * idf / Math.sqrt(len) * boost;
        if (!seen[ref]) { seen[ref] = true; fields[ref] = (fields[ref] || 0) + 1; }
      }
    });
  });
  return { scores: scores, fields: fields };
}

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
  this.inCategory = Object.create(null);
  var labels = data.category_labels || {};
  Object.keys(labels).forEach(function (key) {
    self.categoryByName[Q.normalize(labels[key])] = key;
    self.categoryByName[Q.normalize(key)] = key;
  });
  // Each category's projects, by the category's key.
  store.docs.forEach(function (d, i) {
    (d.facets.category || []).forEach(function (key) { (self.inCategory[key] = self.inCategory[key] || []).push(i); });
  });
  this.sounds = new Sounds(store, ready);
}

/** Fetches what `tokens` need; true when it is all in. */
Matcher.prototype.have = function (tokens) {
  var self = this, missing = this.store.missingShards(tokens);
  if (!missing.length) return true;
  this.store.loadShards(missing).then(function () { self.ready(); }, function () { self.ready(new Error('shards')); });
  return false;
};

/** The documents a term (with its alternatives) matches, by ref, with
 *  the tier of their best field, and the alternatives that found any; a
 *  term naming a category as a whole (校园长培训) matches the category's
 *  projects too. */
Matcher.prototype.termMatches = function (alternatives) {
  var index = this.store.index, found = Object.create(null), self = this;
  var used = alternatives.filter(function (alt) {
    var m = fieldMatches(index, alt.tokens), any = false;
    for (var ref in m) { any = true; if (!(found[ref] <= m[ref])) found[ref] = m[ref]; }
    var category = self.categoryByName[alt.text];
    if (category) {
      (self.inCategory[category] || []).forEach(function (i) { if (!(found[i] <= 2)) found[i] = 2; });
    }
    return any;
  });
  return { found: found, used: used };
};

/** The documents term `p` matches, by ref, with the tier of their best
 *  field: the whole phrase (or a synonym of it), or, when the term runs
 *  several words together (小学班主任), every one of its words, ranked
 *  after the phrase. Sets `p.matches`, `p.phrase` and `p.split` (how many
 *  each found) and `p.byWords` (the refs only the words found). */
Matcher.prototype.matchTerm = function (p) {
  var m = this.termMatches(p.alternatives);
  var found = m.found;
  p.phrase = Object.keys(found).length;
  p.split = 0;
  p.byWords = Object.create(null);
  if (p.pieces && p.pieces.length) {
    var self = this, both = null;
    p.pieces.forEach(function (piece) {
      var f = self.termMatches(piece.alternatives);
      piece.matches = f.found;
      piece.used = f.used;
      if (both === null) { both = Object.create(null); for (var r in f.found) both[r] = f.found[r]; return; }
      for (var ref in both) {
        if (!(ref in f.found)) delete both[ref];
        else both[ref] = Math.max(both[ref], f.found[ref]);
      }
    });
    for (var ref in both) {
      if (!(ref in found)) { found[ref] = both[ref] + SPLIT_TIERS; p.byWords[ref] = true; p.split++; }
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
    (p.pieces || []).forEach(function (piece) {
      piece.alternatives.forEach(function (a) { all = all.concat(a.tokens); });
    });
  });
  return uniq(all);
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
  if (!this.have(tokensOf(plan))) return null;
  plan.forEach(function (p) { self.matchTerm(p); });
  var dead = plan.filter(function (p) { return !Object.keys(p.matches).length; });
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
    p.alternatives = found.words.map(function (w) { return { text: w, tokens: Q.parse(w)[0].alternatives[0].tokens }; });
  }
  if (!this.have(tokensOf(plan))) return null;
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
Matcher.prototype.hits = function (q, count) {
  var all = [];
  for (var i = 0; i < count; i++) all.push(i);
  q = q.trim();
  if (!q) return { ids: all, scores: null };
  if (!Q.parse(q, this.synonyms).length) return { ids: all, scores: null };
  if (!this.store.index) return null;
  var terms = this.terms(q);
  if (!terms) return null;
  var plan = this.plan(terms);
  if (!plan) return null;
  var live = plan.filter(function (p) { return Object.keys(p.matches).length; });
  var dropped = null;
  var intersect = function (terms) {
    var tiers = null;
    terms.forEach(function (p) {
      if (tiers === null) { tiers = Object.create(null); for (var r in p.matches) tiers[r] = p.matches[r]; return; }
      for (var ref in tiers) {
        if (!(ref in p.matches)) delete tiers[ref];
        else tiers[ref] = Math.max(tiers[ref], p.matches[ref]);
      }
    });
    return tiers || Object.create(null);
  };
  var tiers = live.length === plan.length ? intersect(plan) : Object.create(null);
  if (!Object.keys(tiers).length && plan.length > 1) {
    // The nearest: without the one term whose absence finds the most.
    var dead = plan.filter(function (p) { return !Object.keys(p.matches).length; });
    var candidates = dead.length === 1 ? dead : dead.length ? [] : plan;
    candidates.forEach(function (p) {
      var rest = plan.filter(function (o) { return o !== p; });
      var t = intersect(rest);
      if (Object.keys(t).length > (dropped ? Object.keys(tiers).length : 0)) { tiers = t; dropped = p; }
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
  var ids = Object.keys(tiers).map(Number).filter(function (i) { return i >= 0 && i < count; });
  // Where the match is as good, the newer plan first: a teacher looks for
  // what is open now.
  var docs = this.store.docs;
  var year = function (i) { return (docs[i] && docs[i].year) || 0; };
  ids.sort(function (a, b) {
    return tiers[a] - tiers[b] || year(b) - year(a) || (fields[b] || 0) - (fields[a] || 0) || (scores[b] || 0) - (scores[a] || 0) || a - b;
  });
  return { ids: ids, scores: scores, plan: plan, dropped: dropped };
};

/** Whether document `ref` holds every token of `tokens` in its body. */
Matcher.prototype.inBody = function (ref, tokens) {
  var index = this.store.index;
  return tokens.every(function (t) { var n = postings(index, 'body', t); return n && ref in n.docs; });
};
