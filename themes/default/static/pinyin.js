/* peixun: what a term that matches nothing may have meant: the site's words
 * its letters spell in pinyin or as initials, or that sound like its
 * characters (docs/search.md, crates/search/src/pinyin.rs). */

import * as Q from './query.js';

/** Sound-alike lookups over `store`'s pinyin tables; `ready` is called
 *  when a lookup that was pending has its answer. */
export function Sounds(store, ready) {
  this.store = store;
  this.ready = ready;
  this.known = Object.create(null);
}

/** Characters at the end of the query whose readings are fetched ahead. */
var PREFETCH_CHARS = 4;

/** Fetches the pinyin manifest and, for `text`'s Han characters, their
 *  readings and the vocabulary files of the keys they start (a key is
 *  filed by its first syllable), as each is typed: a sound-alike of the
 *  query (班主壬) then waits after the last key only for that character's
 *  readings, not for them and the words they make one round trip after. */
export function prefetchReadings(store, text) {
  // The last few: a keyboard commits a character or a word at a time, and
  // a pasted paragraph should not cost a phone a file for every character.
  var han = Array.from(text).filter(function (c) { return Q.isHan(c.codePointAt(0)); });
  var chars = Q.uniq(han.slice(-PREFETCH_CHARS));
  var manifest = store.loadPinyin();
  if (!chars.length) {
    manifest.catch(function () {});
    return;
  }
  manifest.then(function () {
    return store.lookup('chars', chars);
  }).then(function (readings) {
    var firsts = Q.uniq([].concat.apply([], readings).map(function (r) { return 'f:' + r; }));
    return store.lookup('vocabulary', firsts);
  }).catch(function () {});
}

/** The words of the site that chain pairs from each position's keys
 *  (lists of lists of keys, tried in turn), at most five. */
Sounds.prototype.wordsFor = function (ways) {
  var store = this.store;
  var keys = Q.uniq([].concat.apply([], [].concat.apply([], ways)));
  return store.lookup('vocabulary', keys).then(function () {
    var table = store.tables.vocabulary, words = [];
    ways.forEach(function (positions) {
      var lists = positions.map(function (ks) {
        return [].concat.apply([], ks.map(function (k) { return table[k] || []; }));
      });
      Q.chain(lists, 5).forEach(function (w) { if (words.indexOf(w) < 0) words.push(w); });
    });
    return words.slice(0, 5);
  });
};

/** {kind: 'pinyin' | 'initials' | 'sound' | null, words} for `text`, or
 *  null while the tables are fetched (`ready` is called then). */
Sounds.prototype.of = function (text) {
  var known = this.known[text];
  if (known) return known.done ? known : null;
  var self = this, entry = this.known[text] = { done: false, kind: null, words: [] };
  var chars = Array.from(text);
  var han = chars.length >= 2 && chars.every(function (c) { return Q.isHan(c.codePointAt(0)); });
  var letters = /^[a-z]{2,}$/.test(text);
  var work;
  if (!han && !letters) {
    work = Promise.resolve({ kind: null, words: [] });
  } else {
    work = this.store.loadPinyin().then(function (m) {
      if (letters) {
        var ways = Q.segmentations(text, m.syllables)
          .filter(function (w) { return w.length >= 2; })
          .map(function (w) { return Q.fullKeys(w).map(function (k) { return [k]; }); });
        return self.wordsFor(ways).then(function (words) {
          if (words.length || text.length > 8) return { kind: 'pinyin', words: words };
          var initials = Q.initialKeys(text).map(function (k) { return [k]; });
          return self.wordsFor([initials]).then(function (w) { return { kind: 'initials', words: w }; });
        });
      }
      return self.store.lookup('chars', chars).then(function (readings) {
        var positions = [];
        for (var i = 0; i + 1 < readings.length; i++) {
          var keys = [];
          readings[i].forEach(function (x) { readings[i + 1].forEach(function (y) { keys.push('f:' + x + ' ' + y); }); });
          positions.push(keys);
        }
        return self.wordsFor([positions]).then(function (words) {
          return { kind: 'sound', words: words.filter(function (w) { return w !== text; }) };
        });
      });
    });
  }
  work.then(function (found) {
    entry.kind = found.kind; entry.words = found.words; entry.done = true;
    self.ready();
  }, function () {
    entry.done = true;
    self.ready();
  });
  return null;
};
