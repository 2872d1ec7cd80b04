/* peixun: how a query is read, the same way crates/search reads text. Every
 * function here has a twin in Rust (tokenizer.rs, query.rs, pinyin.rs), and
 * both are held to tests/data/tokenizer_cases.json and query_cases.json, in
 * plain cargo test (under Node) and in headless Chromium. No DOM, no network.
 */
function isHan(cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}
var ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
var DIGIT = /^[0-9]$/;

/** The terms of a text (runs with nothing between them), each a list of
 *  runs: {han: [chars]} or {word: "lowercased"}. */
function termsOf(text) {
  var terms = [], term = [], han = [], word = '';
  var chars = Array.from(text || '');
  function flush() {
    if (han.length) { term.push({ han: han }); han = []; }
    if (word) { term.push({ word: word }); word = ''; }
  }
  for (var i = 0; i < chars.length; i++) {
    var c = chars[i];
    if (isHan(c.codePointAt(0))) {
      if (word) { term.push({ word: word }); word = ''; }
      han.push(c);
    } else if (ALNUM.test(c)) {
      if (han.length) { term.push({ han: han }); han = []; }
      word += c.toLowerCase();
    } else if (c === '.' && word && DIGIT.test(word[word.length - 1]) &&
               i + 1 < chars.length && DIGIT.test(chars[i + 1])) {
      word += '.';
    } else {
      flush();
      if (term.length) { terms.push(term); term = []; }
    }
  }
  flush();
  if (term.length) terms.push(term);
  return terms;
}

/** The index's tokens of a text: crates/search/src/tokenizer.rs `tokenize`. */
function tokenize(text) {
  var out = [];
  termsOf(text).forEach(function (term) {
    term.forEach(function (r) {
      if (r.word) { out.push(r.word); return; }
      r.han.forEach(function (c) { out.push(c); });
      for (var i = 0; i + 1 < r.han.length; i++) out.push(r.han[i] + r.han[i + 1]);
    });
  });
  return out;
}

function textOf(runs) {
  return runs.map(function (r) { return r.word || r.han.join(''); }).join('');
}

/** What a term needs in one field: each word, a lone Han character, or
 *  every pair of a longer Han run. */
function tokensOf(runs) {
  var out = [];
  function push(t) { if (out.indexOf(t) < 0) out.push(t); }
  runs.forEach(function (r) {
    if (r.word) push(r.word);
    else if (r.han.length === 1) push(r.han[0]);
    else for (var i = 0; i + 1 < r.han.length; i++) push(r.han[i] + r.han[i + 1]);
  });
  return out;
}

function normalize(word) {
  return termsOf(word).map(textOf).join('');
}

var MAX_ALTERNATIVES = 8;

/** Where `word` stands in the text of a term's runs (a word only as a
 *  whole run, Han text anywhere in a Han run), as a string index; -1. */
function occurrence(runs, word) {
  var hanWord = Array.from(word).every(function (c) { return isHan(c.codePointAt(0)); });
  var at = 0;
  for (var i = 0; i < runs.length; i++) {
    var piece = textOf([runs[i]]);
    if (runs[i].word && runs[i].word === word) return at;
    if (runs[i].han && hanWord) {
      var j = piece.indexOf(word);
      if (j >= 0) return at + j;
    }
    at += piece.length;
  }
  return -1;
}

function synonymGroups(synonyms) {
  return (synonyms || []).map(function (g) {
    return g.map(normalize).filter(function (w) { return w; });
  });
}

/** One term's text and alternatives (its synonym rewrites). */
function readTerm(runs, groups) {
  var text = textOf(runs);
  var alternatives = [{ text: text, tokens: tokensOf(runs) }];
  groups.forEach(function (group) {
    // Of a group's words in the term, the longest is rewritten.
    var at = -1, word = null;
    group.forEach(function (w) {
      var i = occurrence(runs, w);
      if (i >= 0 && (word === null || Array.from(w).length > Array.from(word).length)) { at = i; word = w; }
    });
    if (word === null) return;
    group.forEach(function (other) {
      if (other === word) return;
      var rewritten = text.slice(0, at) + other + text.slice(at + word.length);
      var alt = { text: rewritten, tokens: tokensOf([].concat.apply([], termsOf(rewritten))) };
      var same = alternatives.some(function (a) { return a.tokens.join('\u0000') === alt.tokens.join('\u0000'); });
      if (alternatives.length < MAX_ALTERNATIVES && !same) alternatives.push(alt);
    });
  });
  return { text: text, alternatives: alternatives, pieces: [] };
}

/** The terms of `query`, each with its alternatives under `synonyms` and,
 *  where it runs several of the site's words together (`isWord`), the
 *  words it is split into: crates/search/src/query.rs `parse`. */
function parse(query, synonyms, isWord) {
  var groups = synonymGroups(synonyms);
  return termsOf(query).map(function (runs) {
    var term = readTerm(runs, groups);
    var pieces = split(runs, isWord || function () { return false; });
    if (pieces.length > 1) term.pieces = pieces.map(function (p) { return readTerm(p, groups); });
    return term;
  });
}

// Characters that join words in a typed query (新疆的小学): left out of a
// split, unless a word holds them (和田). Runs longer than MAX_SPLIT are
// a pasted sentence, not split.
var JOINERS = '的和与及或';
var MAX_SPLIT = 32;

/** The words a term runs together, as pieces of runs: query.rs `split`. */
function split(runs, isWord) {
  var pieces = [];
  for (var i = 0; i < runs.length; i++) {
    var r = runs[i], cut = r.han ? cutHan(r.han, isWord) : null;
    if (cut) cut.forEach(function (w) { pieces.push([{ han: w }]); });
    // A lone character beside a word (2024年) is no word of its own.
    else if (r.han && r.han.length === 1) return [runs];
    else pieces.push([r]);
  }
  return pieces;
}

/** The best cut of one Han run into words (most characters covered by
 *  words, then fewest pieces, then the longest first piece): query.rs
 *  `cut_han`. */
function cutHan(chars, isWord) {
  var n = chars.length;
  if (n < 3 || n > MAX_SPLIT) return null;
  var best = new Array(n + 1);
  best[n] = { covered: 0, pieces: 0, first: 0, next: n, piece: false };
  function better(a, b) {
    if (a.covered !== b.covered) return a.covered > b.covered;
    if (a.pieces !== b.pieces) return a.pieces < b.pieces;
    return a.first > b.first;
  }
  for (var i = n - 1; i >= 0; i--) {
    var here = null;
    var consider = function (c) { if (!here || better(c, here)) here = c; };
    if (JOINERS.indexOf(chars[i]) >= 0 && best[i + 1]) {
      consider({ covered: best[i + 1].covered, pieces: best[i + 1].pieces, first: 0, next: i + 1, piece: false });
    }
    for (var j = i + 2; j <= n; j++) {
      var rest = best[j];
      if (!rest) continue;
      var covered = isWord(chars.slice(i, j).join('')) ? j - i : 0;
      consider({ covered: rest.covered + covered, pieces: rest.pieces + 1, first: j - i, next: j, piece: true });
    }
    best[i] = here;
  }
  var top = best[0];
  if (!top || top.pieces < 2 || top.covered === 0) return null;
  var cut = [];
  for (var k = 0; k < n; k = best[k].next) if (best[k].piece) cut.push(chars.slice(k, best[k].next));
  return cut;
}

/** The pairs of characters the words of `query`'s terms may start with:
 *  the keys of the site's words (`search_words/`) a split may use. */
function wordKeys(query) {
  var out = [];
  termsOf(query).forEach(function (runs) {
    runs.forEach(function (r) {
      if (!r.han || r.han.length < 3 || r.han.length > MAX_SPLIT) return;
      for (var i = 0; i + 1 < r.han.length; i++) {
        var k = r.han[i] + r.han[i + 1];
        if (out.indexOf(k) < 0) out.push(k);
      }
    });
  });
  return out;
}

// ---- Pinyin: crates/search/src/pinyin.rs ----
var MAX_SEGMENTATIONS = 8;

function compareWays(a, b) {
  if (a.length !== b.length) return a.length - b.length;
  for (var i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/** Every way to cut `letters` into `syllables` (a sorted array), fewest
 *  syllables first. */
function segmentations(letters, syllables) {
  if (!letters || !/^[a-z]+$/.test(letters)) return [];
  var known = Object.create(null);
  syllables.forEach(function (s) { known[s] = true; });
  var n = letters.length, ways = [];
  for (var k = 0; k <= n; k++) ways.push([]);
  ways[n] = [[]];
  for (var i = n - 1; i >= 0; i--) {
    var here = [];
    for (var end = i + 1; end <= Math.min(n, i + 6); end++) {
      var piece = letters.slice(i, end);
      if (!known[piece]) continue;
      ways[end].forEach(function (rest) { here.push([piece].concat(rest)); });
    }
    here.sort(compareWays);
    ways[i] = here.slice(0, MAX_SEGMENTATIONS * 4);
  }
  return ways[0].slice(0, MAX_SEGMENTATIONS);
}

function fullKeys(syllables) {
  var out = [];
  for (var i = 0; i + 1 < syllables.length; i++) out.push('f:' + syllables[i] + ' ' + syllables[i + 1]);
  return out;
}

function initialKeys(letters) {
  if (!/^[a-z]*$/.test(letters || '')) return [];
  var out = [];
  for (var i = 0; i + 1 < letters.length; i++) out.push('i:' + letters[i] + ' ' + letters[i + 1]);
  return out;
}

/** The words (strings of Han characters) that chain pairs, one pair from
 *  each list of `lists` ([[pair, count], …] per position, the second
 *  character of one pair the first of the next), most common first. */
function chain(lists, limit) {
  var words = null;
  lists.forEach(function (pairs) {
    var next = [];
    if (words === null) {
      pairs.forEach(function (p) { next.push({ word: Array.from(p[0]), n: p[1] }); });
    } else {
      words.forEach(function (w) {
        pairs.forEach(function (p) {
          var chars = Array.from(p[0]);
          if (chars[0] === w.word[w.word.length - 1]) next.push({ word: w.word.concat([chars[1]]), n: Math.min(w.n, p[1]) });
        });
      });
    }
    next.sort(function (a, b) { return b.n - a.n; });
    words = next.slice(0, limit * 4);
  });
  var seen = Object.create(null), out = [];
  (words || []).forEach(function (w) {
    var s = w.word.join('');
    if (!seen[s] && out.length < limit) { seen[s] = true; out.push(s); }
  });
  return out;
}

export {
  isHan, termsOf, tokenize, parse, normalize, wordKeys,
  segmentations, fullKeys, initialKeys, chain
};

// ---- Shared with the other modules (no twin in Rust) ----

/** `xs` without repeats, in their first order. */
export function uniq(xs) {
  var seen = Object.create(null);
  return xs.filter(function (x) { if (seen[x]) return false; seen[x] = true; return true; });
}
