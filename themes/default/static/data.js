/* peixun: the search data files, each fetched once when first needed.
 *
 * search_docs.json (facet values and figures of every project, as columns
 * over dictionaries) comes with the page, so filters and counts work at
 * once; search_docs/<k>.json (titles and texts) as results are shown;
 * search_index.json (the manifest) and the index shards of a query's
 * tokens when the search box is first used or the URL carries a query;
 * the pinyin tables only for a query that needs them. */

import { shardOf, indexShardOf } from './shards.js';

/** `url` as JSON; a failed response is an error. */
export function getJson(url) {
  return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
}

/** Fetches `base + k + '.json'` once for each `k` of `keys` and hands it to
 *  `use`; `loads` remembers the fetches (a failed one is forgotten, so a
 *  later call tries again). Resolves when all are in. */
function loadOnce(loads, base, keys, use) {
  return Promise.all(keys.map(function (k) {
    if (!loads[k]) {
      loads[k] = getJson(base + k + '.json')
        .then(function (data) { use(k, data); })
        .catch(function (e) { delete loads[k]; throw e; });
    }
    return loads[k];
  }));
}

function uniq(xs) {
  var seen = Object.create(null);
  return xs.filter(function (x) { if (seen[x]) return false; seen[x] = true; return true; });
}

/** The projects of search_docs.json as objects with `facets` (value
 *  arrays), figures, `place`, plan `year` (and whether it is `past`) and
 *  `work_item`; `detail` arrives later. */
export function decodeDocs(data) {
  var n = data.count, docs = new Array(n), i;
  for (i = 0; i < n; i++) {
    docs[i] = {
      facets: {}, place: data.places[data.place[i]],
      offline_days: data.offline_days[i], online_hours: data.online_hours[i],
      cycle_years: data.cycle_years[i],
      year: data.year ? data.year[i] : null,
      past: !!(data.year && data.year[i] && data.year[i] < data.this_year),
      offline_days_at_least: false, online_hours_at_least: false, work_item: false, detail: null
    };
  }
  Object.keys(data.facets).forEach(function (k) {
    var values = data.values[k], column = data.facets[k];
    for (var i = 0; i < n; i++) {
      var c = column[i];
      docs[i].facets[k] = typeof c === 'number' ? [values[c]] : c.map(function (j) { return values[j]; });
    }
  });
  ['offline_days_at_least', 'online_hours_at_least', 'work_item'].forEach(function (k) {
    data[k].forEach(function (i) { docs[i][k] = true; });
  });
  return docs;
}

/** The files of one site, named by the finder's data-* attributes. */
export function Store(paths) {
  this.paths = paths;
  this.docs = null;
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

/** search_docs.json, decoded; resolves with the raw data too. */
Store.prototype.loadDocs = function () {
  var self = this;
  return getJson(this.paths.docs).then(function (data) {
    self.docs = decodeDocs(data);
    self.details = data.details;
    return data;
  });
};

Store.prototype.loadIndex = function () {
  var self = this;
  if (!this.indexPromise) {
    var started = performance.now();
    this.indexPromise = getJson(this.paths.index).then(function (index) {
      index.loaded = {};
      self.index = index;
      self.indexLoadMs = performance.now() - started;
      return index;
    });
    this.indexPromise.catch(function () { self.indexPromise = null; });
  }
  return this.indexPromise;
};

/** The index shards `tokens` need that are not loaded yet. */
Store.prototype.missingShards = function (tokens) {
  var index = this.index, need = {};
  tokens.forEach(function (t) {
    var k = indexShardOf(t, index.shards);
    if (!index.loaded[k]) need[k] = true;
  });
  return Object.keys(need).map(Number);
};

/** Fetches index shards (each once); resolves when all are in. Shards
 *  already on their way resolve with them. */
Store.prototype.loadShards = function (ids) {
  var index = this.index;
  return loadOnce(this.shardLoads, this.paths.shards, ids, function (k, shard) { index.loaded[k] = shard; });
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

/** Fetches details files (each once); resolves when all are in. */
Store.prototype.loadDetails = function (ks) {
  var self = this;
  return loadOnce(this.detailLoads, this.paths.details, ks, function (k, rows) {
    rows.forEach(function (d, j) { self.docs[k * self.details.size + j].detail = d; });
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
  var files = uniq(keys.map(function (k) { return String(shardOf(k, spec.count)); }));
  return loadOnce(this.tableLoads[table], m.base + spec.path, files, function (k, data) {
    for (var key in data) store[key] = data[key];
  }).then(function () {
    return keys.map(function (k) { return store[k] || []; });
  });
};
