/* peixun: the search data files, each fetched once when first needed.
 *
 * search_docs.json (the facets' values, boosts, synonyms: a fixed size,
 * whatever the catalog's) and search_index.json (the index manifest) come
 * with the page; a facet's projects (search_facets/<key>.bin) when a
 * filter or the counts need them; the figures when a range filter does;
 * the index shards (search_index/<k>.bin) of a query's tokens; the details
 * of the results on screen (search_docs/<k>.json); the pinyin tables only
 * for a query that needs them. Binary files are read as their writer in
 * crates/search/src/compact.rs and src/output/search_docs.rs writes them. */

import { shardOf, indexFileOf, vocabularyFileOf } from './shards.js';
import { uniq } from './query.js';

/** `url` as JSON; a failed response is an error. */
export function getJson(url) {
  return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
}

/** `url` as bytes. */
export function getBytes(url) {
  return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.arrayBuffer(); })
    .then(function (b) { return new Uint8Array(b); });
}

/** Fetches `base + k + ext` once for each `k` of `keys` and hands it to
 *  `use`; `loads` remembers the fetches (a failed one is forgotten, so a
 *  later call tries again). Resolves when all are in. */
function loadOnce(loads, base, keys, use, ext, get) {
  return Promise.all(keys.map(function (k) {
    if (!loads[k]) {
      loads[k] = (get || getJson)(base + k + (ext || '.json'))
        .then(function (data) { use(k, data); })
        .catch(function (e) { delete loads[k]; throw e; });
    }
    return loads[k];
  }));
}

/** Reads LEB128 varints from `bytes`, starting at `at`. */
function Reader(bytes, at) {
  this.b = bytes;
  this.at = at || 0;
}

Reader.prototype.varint = function () {
  var v = 0, scale = 1, b;
  do {
    if (this.at >= this.b.length) throw new Error('truncated');
    b = this.b[this.at++];
    v += (b & 0x7f) * scale;
    scale *= 128;
  } while (b & 0x80);
  return v;
};

Reader.prototype.bytes = function (n) {
  if (this.at + n > this.b.length) throw new Error('truncated');
  var out = this.b.subarray(this.at, this.at + n);
  this.at += n;
  return out;
};

function magic(bytes, text) {
  for (var i = 0; i < 4; i++) if (bytes[i] !== text.charCodeAt(i)) throw new Error('not ' + text);
}

var utf8 = new TextDecoder();

/** elasticlunr's term frequency: the square root of the count, rounded
 *  to three decimals as the index writer rounds it. */
function tfOf(count) { return Math.round(Math.sqrt(count) * 1000) / 1000; }

/** The weight an impact byte stands for (`compact::weight_of`). */
function weightOf(impact) { return Math.pow(2, impact / 24 - 7.5); }

/** A compact shard: `{field: {token: node}}`, where a node holds its
 *  documents ascending (`ids`), each one's weight (`w`: the term frequency
 *  over the square root of the field's length, what a score is made of)
 *  and `df`; exact postings also their `tf` and field length (`len`). */
export function decodeShard(bytes, fields) {
  magic(bytes, 'PXS2');
  var r = new Reader(bytes, 4), groups = r.varint(), out = {};
  fields.forEach(function (f) { out[f] = Object.create(null); });
  for (var g = 0; g < groups; g++) {
    var head = r.bytes(1)[0], field = fields[head & 0x7f];
    var token = utf8.decode(r.bytes(r.varint()));
    var df = r.varint(), ids, w = new Float64Array(df), node, i;
    if (head & 0x80) {
      ids = Int32Array.from(decodeSet(r.bytes(r.varint())));
      var impacts = r.bytes(df);
      if (ids.length !== df) throw new Error('not a shard');
      for (i = 0; i < df; i++) w[i] = weightOf(impacts[i]);
      node = { ids: ids, w: w, df: df };
    } else {
      ids = new Int32Array(df);
      var tf = new Float64Array(df), len = new Uint32Array(df), doc = 0;
      for (i = 0; i < df; i++) {
        var h = r.varint();
        doc += Math.floor(h / 2);
        ids[i] = doc;
        tf[i] = tfOf(h % 2 ? r.varint() : 1);
        len[i] = r.varint();
        w[i] = tf[i] / Math.sqrt(len[i] || 1);
      }
      node = { ids: ids, w: w, df: df, tf: tf, len: len };
    }
    if (field) out[field][token] = node;
  }
  if (r.at !== bytes.length) throw new Error('trailing bytes');
  return out;
}

/** A set of documents (crates/search `docset`): runs, a list or bits. */
export function decodeSet(bytes) {
  var kind = bytes[0], r = new Reader(bytes, 1), out = [], i, n;
  if (kind === 0) {
    n = r.varint();
    for (var doc = 0, k = 0; k < n; k++) { doc += r.varint(); out.push(doc); }
  } else if (kind === 1) {
    n = r.varint();
    for (var end = 0, j = 0; j < n; j++) {
      var start = end + r.varint(), len = r.varint();
      for (i = start; i < start + len; i++) out.push(i);
      end = start + len;
    }
  } else if (kind === 2) {
    for (i = 1; i < bytes.length; i++) {
      for (var bit = 0; bit < 8; bit++) if (bytes[i] & (1 << bit)) out.push((i - 1) * 8 + bit);
    }
  } else throw new Error('not a set');
  return out;
}

/** A facet's file: each value's set of documents, in the manifest's order. */
export function decodeFacet(bytes) {
  magic(bytes, 'PXF1');
  var r = new Reader(bytes, 4), n = r.varint(), out = [];
  for (var v = 0; v < n; v++) out.push(decodeSet(r.bytes(r.varint())));
  return out;
}

/** The figures file: three columns (a figure plus one, 0 for none) and
 *  three sets. */
export function decodeFigures(bytes, count) {
  magic(bytes, 'PXN1');
  var r = new Reader(bytes, 4), out = {};
  ['offline_days', 'online_hours', 'cycle_years'].forEach(function (k) {
    var col = new Array(count);
    for (var i = 0; i < count; i++) { var v = r.varint(); col[i] = v ? v - 1 : null; }
    out[k] = col;
  });
  ['offline_days_at_least', 'online_hours_at_least', 'work_item'].forEach(function (k) {
    out[k] = decodeSet(r.bytes(r.varint()));
  });
  return out;
}

/** The files of one site, named by the finder's data-* attributes. */
export function Store(paths) {
  this.paths = paths;
  // The site's root: search_docs.json names the other files from it.
  this.base = paths.docs.replace(/[^/]*$/, '');
  this.docs = null;
  this.facetLoads = {};
  this.facetLoaded = Object.create(null);
  this.facetSets = Object.create(null);
  this.figuresLoad = null;
  this.figuresLoaded = false;
  this.index = null;
  this.indexPromise = null;
  this.shardLoads = {};
  this.detailLoads = {};
  this.wordLoads = {};
  this.words = Object.create(null);
  this.wordPairs = Object.create(null);
  this.pinyin = null;
  this.pinyinPromise = null;
  this.tableLoads = { vocabulary: {}, chars: {} };
  this.tables = { vocabulary: Object.create(null), chars: Object.create(null) };
}

/** search_docs.json, the index manifest and the plans' years (a few
 *  runs: catalogs are contiguous); the documents as objects whose other
 *  facets, figures and details arrive as they are needed. Resolves with
 *  search_docs.json. */
Store.prototype.loadDocs = function () {
  var self = this;
  return Promise.all([getJson(this.paths.docs), this.loadIndex()]).then(function (both) {
    var data = both[0], n = data.count, docs = new Array(n);
    for (var i = 0; i < n; i++) docs[i] = { facets: {}, year: null, past: false, detail: null };
    self.docs = docs;
    self.data = data;
    self.details = data.details;
    return self.loadFacets(self.missingFacets(['year'])).then(function () { return data; });
  });
};

/** The index manifest, fetched once. */
Store.prototype.loadIndex = function () {
  var self = this;
  if (!this.indexPromise) {
    var started = performance.now();
    this.indexPromise = getJson(this.paths.index).then(function (index) {
      index.loaded = {};
      index.letterWords = index.letters ? new Set(index.letters) : null;
      self.index = index;
      self.indexLoadMs = performance.now() - started;
      return index;
    });
    this.indexPromise.catch(function () { self.indexPromise = null; });
  }
  return this.indexPromise;
};

/** The facets among `keys` whose projects are not loaded yet. */
Store.prototype.missingFacets = function (keys) {
  var self = this;
  return keys.filter(function (k) { return !self.facetLoaded[k] && self.data.values[k]; });
};

/** Fetches whole facets (each file once): each document gets the facet's
 *  values (`facets[key]`), the year facet its plan `year` and `past`. */
Store.prototype.loadFacets = function (keys) {
  var self = this, data = this.data;
  var split = keys.filter(function (k) { return self.isSplit(k); });
  var whole = keys.filter(function (k) { return !self.isSplit(k); });
  return Promise.all([loadOnce(this.facetLoads, this.base + data.facets.path, whole, function (k, bytes) {
    self.facetSets[k] = decodeFacet(bytes);
    self.spread(k);
  }, '.bin', getBytes)].concat(split.map(function (k) { return self.loadValues(k, data.values[k]); })));
};

/** Whether facet `k` is a file per value (a large facet). */
Store.prototype.isSplit = function (k) {
  return (this.data.facets.split || []).indexOf(k) >= 0;
};

/** The values among `values` of facet `k` whose projects are not loaded. */
Store.prototype.missingValues = function (k, values) {
  var all = this.data.values[k], sets = this.facetSets[k] || [];
  if (!all) return [];
  return values.filter(function (v) { var i = all.indexOf(v); return i >= 0 && !sets[i]; });
};

/** Fetches the projects of `values` of facet `k`: their own files for a
 *  facet split by value, the facet's file otherwise. */
Store.prototype.loadValues = function (k, values) {
  if (!this.isSplit(k)) return this.loadFacets([k]);
  var self = this, all = this.data.values[k];
  var files = values.map(function (v) { return all.indexOf(v); })
    .filter(function (i) { return i >= 0; })
    .map(function (i) { return k + '/' + i; });
  return loadOnce(this.facetLoads, this.base + this.data.facets.path, files, function (name, bytes) {
    var sets = self.facetSets[k] = self.facetSets[k] || [];
    sets[Number(name.split('/')[1])] = decodeFacet(bytes)[0] || [];
  }, '.bin', getBytes).then(function () { self.spread(k); });
};

/** Gives each document the values of facet `k` whose projects are loaded;
 *  the facet is loaded when all are. */
Store.prototype.spread = function (k) {
  var docs = this.docs, values = this.data.values[k], sets = this.facetSets[k] || [], all = true;
  docs.forEach(function (d) { d.facets[k] = []; });
  for (var j = 0; j < values.length; j++) {
    var set = sets[j];
    if (!set) { all = false; continue; }
    for (var i = 0; i < set.length; i++) { var d = docs[set[i]]; if (d) d.facets[k].push(values[j]); }
  }
  if (k === 'year') {
    var thisYear = this.data.this_year;
    docs.forEach(function (d) {
      var y = Number(d.facets.year[0]) || null;
      d.year = y;
      d.past = !!(y && y < thisYear);
    });
  }
  this.facetLoaded[k] = all;
};

/** The documents with value `v` of facet `k` (loaded), ascending. */
Store.prototype.docsIn = function (k, v) {
  var sets = this.facetSets[k], at = sets ? this.data.values[k].indexOf(v) : -1;
  return (at >= 0 && sets[at]) || [];
};

/** Fetches the figures (once): each document's offline days, online hours
 *  and cycle years, for range filters. */
Store.prototype.loadFigures = function () {
  var self = this;
  if (!this.figuresLoad) {
    this.figuresLoad = getBytes(this.base + this.data.figures).then(function (bytes) {
      var f = decodeFigures(bytes, self.docs.length);
      self.docs.forEach(function (d, i) {
        d.offline_days = f.offline_days[i]; d.online_hours = f.online_hours[i]; d.cycle_years = f.cycle_years[i];
      });
      ['offline_days_at_least', 'online_hours_at_least', 'work_item'].forEach(function (k) {
        f[k].forEach(function (i) { if (self.docs[i]) self.docs[i][k] = true; });
      });
      self.figuresLoaded = true;
    });
    this.figuresLoad.catch(function () { self.figuresLoad = null; });
  }
  return this.figuresLoad;
};

/** The index files `tokens` need that are not loaded yet. */
Store.prototype.missingShards = function (tokens) {
  var index = this.index, need = {};
  tokens.forEach(function (t) {
    // Letters the site has no token of (most often pinyin) need no shard:
    // the manifest lists every token of letters (when they are few).
    if (index.letterWords && /^[a-z]+$/.test(t) && !index.letterWords.has(t)) return;
    var k = indexFileOf(t, index.shards);
    if (!index.loaded[k]) need[k] = true;
  });
  return Object.keys(need);
};

/** Fetches index files (each once); resolves when all are in. Files
 *  already on their way resolve with them. */
Store.prototype.loadShards = function (ids) {
  var index = this.index;
  return loadOnce(this.shardLoads, this.paths.shards, ids, function (k, bytes) {
    index.loaded[k] = decodeShard(bytes, index.fields);
  }, '.bin', getBytes);
};

/** The word files (search_words/<k>.json) that hold the words starting
 *  with `pairs` and that are not loaded. */
Store.prototype.missingWords = function (pairs) {
  var self = this, count = (this.index.words && this.index.words.count) || 0, need = {};
  if (!count) return [];
  pairs.forEach(function (p) {
    var k = shardOf(p, count);
    if (!self.wordPairs[k]) need[k] = true;
  });
  return Object.keys(need).map(Number);
};

/** Fetches word files (each once); resolves when all are in. */
Store.prototype.loadWords = function (ks) {
  var self = this;
  return loadOnce(this.wordLoads, this.paths.words, ks, function (k, byPair) {
    for (var pair in byPair) byPair[pair].forEach(function (w) { self.words[w] = true; });
    self.wordPairs[k] = true;
  });
};

/** Whether `w` is one of the site's words loaded so far. */
Store.prototype.isWord = function (w) {
  return this.words[w] === true;
};

/** The details files that documents `ids` need and that are not loaded. */
Store.prototype.missingDetails = function (ids) {
  var self = this, need = {};
  ids.forEach(function (i) { if (!self.docs[i].detail) need[Math.floor(i / self.details.size)] = true; });
  return Object.keys(need).map(Number);
};

/** What a details file leaves out of a project that does not state it
 *  (and its lists: audience, tags, facets, each a new one). */
var DETAIL_UNSTATED = {
  year: null, plan: null, eligibility: null, place: '', category: '', work_item: false,
  offline_days: null, offline_days_at_least: false, online_hours: null,
  online_hours_at_least: false, cycle_years: null
};

/** Fetches details files (each once); resolves when all are in. */
Store.prototype.loadDetails = function (ks) {
  var self = this;
  return loadOnce(this.detailLoads, this.paths.details, ks, function (k, rows) {
    rows.forEach(function (d, j) {
      var doc = self.docs[k * self.details.size + j];
      if (!doc) return;
      // A value the project leaves unstated is not written: read it back.
      for (var f in DETAIL_UNSTATED) if (!(f in d)) d[f] = DETAIL_UNSTATED[f];
      d.audience = d.audience || [];
      d.tags = d.tags || [];
      d.facets = d.facets || {};
      self.data.facets.keys.forEach(function (key) { if (!d.facets[key]) d.facets[key] = []; });
      doc.detail = d;
      // What the card shows and the values it says a term was found in:
      // the same as the facet and figure files say, when those are in.
      ['place', 'work_item', 'offline_days', 'offline_days_at_least', 'online_hours', 'online_hours_at_least', 'cycle_years'].forEach(function (f) {
        doc[f] = d[f];
      });
      for (var key in d.facets) doc.facets[key] = d.facets[key];
    });
  });
};

/** The pinyin manifest, fetched once. */
Store.prototype.loadPinyin = function () {
  if (!this.pinyinPromise) {
    var self = this, path = this.paths.pinyin;
    this.pinyinPromise = getJson(path).then(function (m) {
      m.base = path.replace(/[^/]*$/, '');
      self.pinyin = m;
      return m;
    });
    this.pinyinPromise.catch(function () { self.pinyinPromise = null; });
  }
  return this.pinyinPromise;
};

/** Resolves with `keys`' entries of a sharded pinyin table (vocabulary or
 *  chars), fetching each file once. */
Store.prototype.lookup = function (table, keys) {
  var m = this.pinyin, spec = m[table], store = this.tables[table];
  var fileOf = table === 'vocabulary' ? vocabularyFileOf : shardOf;
  var files = uniq(keys.map(function (k) { return String(fileOf(k, spec.count)); }));
  return loadOnce(this.tableLoads[table], m.base + spec.path, files, function (k, data) {
    for (var key in data) store[key] = data[key];
  }).then(function () {
    return keys.map(function (k) { return store[k] || []; });
  });
};
