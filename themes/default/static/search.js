/* peixun search and filters: the theme's own code, no framework, no build step.
 *
 * search_docs.json (facet values and figures of every project, as columns
 * over dictionaries) is loaded when the page opens, so the filters and their
 * counts work at once; the titles and texts of the results on screen come
 * from search_docs/<k>.json as they are shown; search_index.json (the
 * elasticlunr index manifest) and the index shards a query's tokens need only
 * when the search box is first used or the URL carries a query.
 * All text from the data is inserted with textContent, never as HTML.
 */
(function () {
  'use strict';

  // ---- Tokenizer: must give exactly the tokens of src/search/mod.rs `tokenize`
  // (checked by a shared table of cases in tests/tokenizer_cases.json). ----
  function isHan(cp) {
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
  }
  var ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
  var DIGIT = /^[0-9]$/;

  /** Runs of the text: {han: [chars]} or {word: "lowercased"}. */
  function runs(text) {
    var out = [], han = [], word = '';
    var chars = Array.from(text || '');
    function flushHan() { if (han.length) { out.push({ han: han }); han = []; } }
    function flushWord() { if (word) { out.push({ word: word }); word = ''; } }
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (isHan(c.codePointAt(0))) {
        flushWord();
        han.push(c);
      } else if (ALNUM.test(c)) {
        flushHan();
        word += c.toLowerCase();
      } else if (c === '.' && word && DIGIT.test(word[word.length - 1]) &&
                 i + 1 < chars.length && DIGIT.test(chars[i + 1])) {
        word += '.';
      } else {
        flushHan();
        flushWord();
      }
    }
    flushHan();
    flushWord();
    return out;
  }

  function tokenize(text) {
    var out = [];
    runs(text).forEach(function (r) {
      if (r.word) { out.push(r.word); return; }
      r.han.forEach(function (c) { out.push(c); });
      for (var i = 0; i + 1 < r.han.length; i++) out.push(r.han[i] + r.han[i + 1]);
    });
    return out;
  }

  /** What a query asks for. A Han run of two or more characters is a phrase:
   *  `strict` needs all its pairs; `relaxed` (used when strict finds nothing)
   *  only all its characters. Whitespace-separated parts are ANDed. */
  function queryTerms(q) {
    var strict = [], relaxed = [], needles = [], chars = [];
    runs(q).forEach(function (r) {
      if (r.word) {
        strict.push(r.word); relaxed.push(r.word); needles.push(r.word);
        return;
      }
      needles.push(r.han.join(''));
      r.han.forEach(function (c) { relaxed.push(c); chars.push(c); });
      if (r.han.length === 1) strict.push(r.han[0]);
      for (var i = 0; i + 1 < r.han.length; i++) strict.push(r.han[i] + r.han[i + 1]);
    });
    return { strict: uniq(strict), relaxed: uniq(relaxed), all: uniq(tokenize(q)), needles: needles, chars: uniq(chars) };
  }

  function uniq(xs) {
    var seen = Object.create(null);
    return xs.filter(function (x) { if (seen[x]) return false; seen[x] = true; return true; });
  }

  // ---- Index lookups and scoring (elasticlunr's tf-idf, field-length norm,
  // coordination and per-field boost), on the JSON elasticlunr-rs writes. ----
  /** FNV-1a (32 bit) of the UTF-8 bytes: the shard that holds a token
   *  (same function as `shard_of` in src/search/mod.rs). */
  var utf8 = new TextEncoder();
  function shardOf(token, count) {
    var bytes = utf8.encode(token), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % count;
  }

  /** The trie node of a token in one field, from the shard that holds it. */
  function postings(index, field, token) {
    var shard = index.loaded[shardOf(token, index.shards.count)];
    var node = shard && shard.index[field] && shard.index[field].root;
    var cps = Array.from(token);
    for (var i = 0; node && i < cps.length; i++) node = node[cps[i]];
    return node && node.docs ? node : null;
  }

  function matchSet(index, terms) {
    var set = null;
    for (var t = 0; t < terms.length; t++) {
      var found = Object.create(null);
      for (var f = 0; f < index.fields.length; f++) {
        var node = postings(index, index.fields[f], terms[t]);
        if (node) for (var ref in node.docs) found[ref] = true;
      }
      if (set === null) set = found;
      else for (var r in set) if (!found[r]) delete set[r];
    }
    return set || Object.create(null);
  }

  function score(index, boosts, tokens, refs) {
    var n = index.documentStore.length, lengths = index.lengths;
    var scores = Object.create(null);
    index.fields.forEach(function (field) {
      var boost = boosts[field] || 1;
      var sums = Object.create(null), hits = Object.create(null);
      tokens.forEach(function (token) {
        var node = postings(index, field, token);
        if (!node) return;
        var idf = 1 + Math.log(n / (node.df + 1));
        for (var ref in node.docs) {
          if (!refs[ref]) continue;
          var len = (lengths[field] && lengths[field][ref]) || 1;
          sums[ref] = (sums[ref] || 0) + node.docs[ref].tf * idf / Math.sqrt(len);
          hits[ref] = (hits[ref] || 0) + 1;
        }
      });
      for (var ref in sums) {
        scores[ref] = (scores[ref] || 0) + sums[ref] * (hits[ref] / tokens.length) * boost;
      }
    });
    return scores;
  }

  // ---- State <-> URL ----
  var RANGES = ['offline_days', 'online_hours', 'cycle_years'];

  function emptyState(facetKeys) {
    var s = { q: '', facets: {}, ranges: {} };
    facetKeys.forEach(function (k) { s.facets[k] = []; });
    RANGES.forEach(function (k) { s.ranges[k] = [null, null]; });
    return s;
  }

  function parseRange(v) {
    var m = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(v || '');
    if (!m) {
      var one = /^\s*(\d+)\s*$/.exec(v || '');
      return one ? [+one[1], +one[1]] : [null, null];
    }
    return [m[1] === '' ? null : +m[1], m[2] === '' ? null : +m[2]];
  }

  function stateFromUrl(search, facetKeys) {
    var p = new URLSearchParams(search);
    var s = emptyState(facetKeys);
    s.q = p.get('q') || '';
    facetKeys.forEach(function (k) {
      var vals = [];
      p.getAll(k).forEach(function (v) {
        v.split(/[,，]/).forEach(function (x) { x = x.trim(); if (x && vals.indexOf(x) < 0) vals.push(x); });
      });
      s.facets[k] = vals;
    });
    RANGES.forEach(function (k) { s.ranges[k] = parseRange(p.get(k)); });
    return s;
  }

  function urlFromState(s) {
    var p = new URLSearchParams();
    if (s.q.trim()) p.set('q', s.q.trim());
    Object.keys(s.facets).forEach(function (k) {
      s.facets[k].forEach(function (v) { p.append(k, v); });
    });
    RANGES.forEach(function (k) {
      var r = s.ranges[k];
      if (r[0] !== null || r[1] !== null) p.set(k, (r[0] === null ? '' : r[0]) + '-' + (r[1] === null ? '' : r[1]));
    });
    var qs = p.toString();
    return location.pathname + (qs ? '?' + qs : '') + location.hash;
  }

  // ---- Filtering ----
  function inRange(value, r) {
    if (r[0] === null && r[1] === null) return true;
    if (value === null || value === undefined) return false;
    return (r[0] === null || value >= r[0]) && (r[1] === null || value <= r[1]);
  }

  /** Which facets (and ranges) a document fails under the current filters. */
  function failures(doc, s) {
    var failed = [];
    for (var k in s.facets) {
      var want = s.facets[k];
      if (!want.length) continue;
      var have = doc.facets[k] || [];
      if (!have.some(function (v) { return want.indexOf(v) >= 0; })) failed.push(k);
    }
    RANGES.forEach(function (k) { if (!inRange(doc[k], s.ranges[k])) failed.push(k); });
    return failed;
  }

  function activeFilters(s) {
    var out = [];
    for (var k in s.facets) s.facets[k].forEach(function (v) { out.push({ key: k, value: v }); });
    RANGES.forEach(function (k) {
      var r = s.ranges[k];
      if (r[0] !== null || r[1] !== null) out.push({ key: k, range: r });
    });
    return out;
  }

  // ---- DOM helpers (text only) ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  /** Appends `text` to `parent` with every needle wrapped in <mark>. */
  function highlight(parent, text, needles) {
    var lower = text.toLowerCase(), marks = [];
    needles.forEach(function (n) {
      if (!n) return;
      var from = 0, at;
      while ((at = lower.indexOf(n, from)) >= 0) { marks.push([at, at + n.length]); from = at + n.length; }
    });
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    // Overlapping or touching matches (工程 + 2.0) become one mark.
    var merged = [];
    marks.forEach(function (m) {
      var last = merged[merged.length - 1];
      if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]);
      else merged.push([m[0], m[1]]);
    });
    var pos = 0;
    merged.forEach(function (m) {
      if (m[0] > pos) parent.appendChild(document.createTextNode(text.slice(pos, m[0])));
      parent.appendChild(el('mark', null, text.slice(m[0], m[1])));
      pos = m[1];
    });
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  function figure(value, least, unit) {
    if (value === null || value === undefined) return '未注明';
    return (least ? '不少于' : '') + value + unit;
  }

  /** `url` as JSON; a failed response is an error. */
  function getJson(url) {
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

  /** The projects of search_docs.json as objects with `facets` (value
   *  arrays), figures, `place` and `work_item`; `detail` arrives later. */
  function decodeDocs(data) {
    var n = data.count, docs = new Array(n), i;
    for (i = 0; i < n; i++) {
      docs[i] = {
        facets: {}, place: data.places[data.place[i]],
        offline_days: data.offline_days[i], online_hours: data.online_hours[i],
        cycle_years: data.cycle_years[i],
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

  // ---- The finder ----
  function Finder(root) {
    this.root = root;
    this.input = document.getElementById('q');
    this.filters = document.getElementById('filters');
    this.results = document.getElementById('results');
    this.status = document.getElementById('status');
    this.facetKeys = Array.prototype.map.call(document.querySelectorAll('#filters fieldset[data-facet]'), function (f) { return f.getAttribute('data-facet'); });
    this.labels = {};
    var self = this;
    Array.prototype.forEach.call(document.querySelectorAll('#filters fieldset[data-facet]'), function (f) {
      var key = f.getAttribute('data-facet');
      self.labels[key] = { facet: f.querySelector('legend').textContent, values: {} };
      Array.prototype.forEach.call(f.querySelectorAll('label.option'), function (l) {
        self.labels[key].values[l.querySelector('input').value] = l.querySelector('.option-label').textContent;
      });
    });
    this.rangeLabels = {};
    Array.prototype.forEach.call(document.querySelectorAll('#filters fieldset[data-range]'), function (f) {
      self.rangeLabels[f.getAttribute('data-range')] = f.querySelector('legend').textContent;
    });
    this.state = stateFromUrl(location.search, this.facetKeys);
    this.docs = null;
    this.index = null;
    this.indexPromise = null;
    this.shardLoads = {};
    this.detailLoads = {};
    this.shown = 0;
  }

  Finder.prototype.start = function () {
    var self = this;
    this.root.hidden = false;
    document.getElementById('filter-panel').hidden = false;
    // On a phone the filters start folded so the results are in view.
    var toggle = document.getElementById('filters-toggle');
    if (window.matchMedia && window.matchMedia('(max-width: 47.99rem)').matches) toggle.open = false;
    var browse = document.getElementById('browse');
    if (browse) browse.hidden = true;
    this.writeForm();
    this.input.addEventListener('focus', function () { self.loadIndex(); });
    this.input.addEventListener('input', function (e) {
      self.state.q = self.input.value;
      self.changed();
      // Keystroke to updated results, read by the benchmark (docs/performance.md).
      window.peixun.lastLatencyMs = performance.now() - e.timeStamp;
    });
    document.getElementById('search-form').addEventListener('submit', function (e) {
      e.preventDefault();
      self.state.q = self.input.value;
      self.changed();
    });
    this.filters.addEventListener('change', function () { self.readFilters(); self.changed(); });
    this.filters.addEventListener('input', function (e) {
      if (e.target.type === 'number') { self.readFilters(); self.changed(); }
    });
    document.getElementById('clear').addEventListener('click', function () {
      self.state = emptyState(self.facetKeys);
      self.writeForm();
      self.changed();
      self.input.focus();
    });
    window.addEventListener('popstate', function () {
      self.state = stateFromUrl(location.search, self.facetKeys);
      self.writeForm();
      self.update();
    });
    this.status.textContent = '正在加载项目数据…';
    getJson(this.root.getAttribute('data-docs'))
      .then(function (data) {
        self.docs = decodeDocs(data);
        self.boosts = data.boosts || {};
        self.details = data.details;
        // A national catalog shows 20 at a time: each result's title comes
        // from its own small file, and a phone needs no more at once.
        self.page = self.docs.length > 500 ? 20 : 100;
        if (self.state.q.trim()) return self.loadIndex();
      })
      .then(function () { self.update(); })
      .catch(function () {
        self.status.textContent = '搜索数据加载失败，请使用下方的分类浏览。';
        if (browse) browse.hidden = false;
      });
  };

  Finder.prototype.loadIndex = function () {
    var self = this;
    if (!this.indexPromise) {
      var started = performance.now();
      this.indexPromise = getJson(this.root.getAttribute('data-index'))
        .then(function (index) {
          index.loaded = {};
          self.index = index;
          window.peixun.indexLoadMs = performance.now() - started;
          if (self.docs) self.update();
        });
    }
    return this.indexPromise;
  };

  Finder.prototype.missingShards = function (tokens) {
    var index = this.index, need = {};
    tokens.forEach(function (t) {
      var k = shardOf(t, index.shards.count);
      if (!index.loaded[k]) need[k] = true;
    });
    return Object.keys(need).map(Number);
  };

  /** Fetches index shards (each once), then updates the results. */
  Finder.prototype.loadShards = function (ids) {
    var self = this;
    // Shards already on their way update the results when they arrive.
    var wanted = ids.filter(function (k) { return !self.shardLoads[k]; });
    if (!wanted.length) return;
    loadOnce(this.shardLoads, this.root.getAttribute('data-shards'), wanted, function (k, shard) {
      self.index.loaded[k] = shard;
    }).then(function () { self.update(); }, function () {
      self.status.textContent = '搜索索引加载失败，请稍后重试。';
    });
  };

  /** The details files that documents `ids` need and that are not loaded. */
  Finder.prototype.missingDetails = function (ids) {
    var self = this, need = {};
    ids.forEach(function (i) { if (!self.docs[i].detail) need[Math.floor(i / self.details.size)] = true; });
    return Object.keys(need).map(Number);
  };

  /** Fetches details files (each once); resolves when all are in. */
  Finder.prototype.loadDetails = function (ks) {
    var self = this;
    return loadOnce(this.detailLoads, this.root.getAttribute('data-details'), ks, function (k, rows) {
      rows.forEach(function (d, j) { self.docs[k * self.details.size + j].detail = d; });
    });
  };

  Finder.prototype.readFilters = function () {
    var self = this;
    this.facetKeys.forEach(function (k) {
      self.state.facets[k] = Array.prototype.filter.call(
        self.filters.querySelectorAll('fieldset[data-facet="' + k + '"] input[type=checkbox]'),
        function (i) { return i.checked; }).map(function (i) { return i.value; });
    });
    RANGES.forEach(function (k) {
      var f = self.filters.querySelector('fieldset[data-range="' + k + '"]');
      var get = function (b) { var v = f.querySelector('[data-bound=' + b + ']').value; return v === '' ? null : Math.max(0, Math.floor(+v)); };
      self.state.ranges[k] = [get('min'), get('max')];
    });
  };

  /** Puts the state into the form; a value from the URL with no checkbox gets one. */
  Finder.prototype.writeForm = function () {
    var self = this;
    this.input.value = this.state.q;
    this.facetKeys.forEach(function (k) {
      var fs = self.filters.querySelector('fieldset[data-facet="' + k + '"]');
      var want = self.state.facets[k];
      var boxes = fs.querySelectorAll('input[type=checkbox]');
      var present = {};
      Array.prototype.forEach.call(boxes, function (b) { b.checked = want.indexOf(b.value) >= 0; present[b.value] = true; });
      want.forEach(function (v) {
        if (present[v]) return;
        var label = el('label', 'option'), box = el('input');
        box.type = 'checkbox'; box.name = k; box.value = v; box.checked = true;
        label.appendChild(box);
        label.appendChild(document.createTextNode(' '));
        label.appendChild(el('span', 'option-label', v));
        label.appendChild(document.createTextNode(' '));
        label.appendChild(el('span', 'n count', '0'));
        fs.appendChild(label);
        self.labels[k].values[v] = v;
      });
    });
    RANGES.forEach(function (k) {
      var f = self.filters.querySelector('fieldset[data-range="' + k + '"]');
      var r = self.state.ranges[k];
      f.querySelector('[data-bound=min]').value = r[0] === null ? '' : r[0];
      f.querySelector('[data-bound=max]').value = r[1] === null ? '' : r[1];
    });
  };

  Finder.prototype.changed = function () {
    history.replaceState(null, '', urlFromState(this.state));
    this.update();
  };

  /** Documents that match the query, with scores; null scores = no query. */
  Finder.prototype.queryHits = function () {
    var q = this.state.q.trim();
    var all = [];
    for (var i = 0; i < this.docs.length; i++) all.push(i);
    if (!q) return { ids: all, scores: null, terms: null };
    var terms = queryTerms(q);
    if (!terms.all.length) return { ids: all, scores: null, terms: null };
    if (!this.index) return null; // still loading
    // Only the shards of the tokens a query needs: a phrase's pairs, not its
    // single characters (those shards are the largest), unless the phrase
    // finds nothing and the characters are tried instead.
    var missing = this.missingShards(terms.strict);
    if (missing.length) { this.loadShards(missing); return null; }
    var set = matchSet(this.index, terms.strict), relaxed = false, scoring = terms.strict;
    if (!Object.keys(set).length && terms.relaxed.length) {
      var more = this.missingShards(terms.relaxed);
      if (more.length) { this.loadShards(more); return null; }
      set = matchSet(this.index, terms.relaxed);
      relaxed = Object.keys(set).length > 0;
      scoring = terms.relaxed;
    }
    var scores = score(this.index, this.boosts, scoring, set);
    var ids = Object.keys(set).map(Number).filter(function (i) { return i >= 0 && i < all.length; });
    ids.sort(function (a, b) { return (scores[b] || 0) - (scores[a] || 0) || a - b; });
    return { ids: ids, scores: scores, terms: terms, relaxed: relaxed };
  };

  Finder.prototype.update = function () {
    if (!this.docs) return;
    var hits = this.queryHits();
    if (!hits) { this.status.textContent = '正在加载搜索索引…'; return; }
    var s = this.state, docs = this.docs, keys = this.facetKeys;
    var counts = {}, results = [];
    keys.forEach(function (k) { counts[k] = {}; });
    hits.ids.forEach(function (i) {
      var d = docs[i], failed = failures(d, s);
      if (!failed.length) results.push(i);
      // A value's count: results if this facet's own choice were that value.
      keys.forEach(function (k) {
        if (failed.length === 0 || (failed.length === 1 && failed[0] === k)) {
          (d.facets[k] || []).forEach(function (v) { counts[k][v] = (counts[k][v] || 0) + 1; });
        }
      });
    });
    this.writeCounts(counts);
    var missing = this.missingDetails(results.slice(0, this.page));
    if (missing.length) {
      var self = this;
      this.status.textContent = '正在加载结果…';
      this.loadDetails(missing).then(function () { self.update(); }, function () {
        self.status.textContent = '搜索结果加载失败，请稍后重试。';
      });
      return;
    }
    this.render(results, hits);
    this.writeStatus(results.length, hits);
  };

  Finder.prototype.writeCounts = function (counts) {
    var self = this;
    var active = activeFilters(this.state).length;
    document.getElementById('active-count').textContent = active ? '（已选 ' + active + ' 项）' : '';
    this.facetKeys.forEach(function (k) {
      Array.prototype.forEach.call(self.filters.querySelectorAll('fieldset[data-facet="' + k + '"] label.option'), function (l) {
        var v = l.querySelector('input').value, n = counts[k][v] || 0;
        l.querySelector('.n').textContent = n;
        l.classList.toggle('zero', n === 0 && !l.querySelector('input').checked);
      });
    });
  };

  Finder.prototype.render = function (ids, hits) {
    var self = this;
    this.resultIds = ids;
    this.needles = hits.terms ? hits.terms.needles.concat(hits.relaxed ? hits.terms.chars : []) : [];
    this.results.textContent = '';
    this.list = el('ol', 'cards result-list');
    this.results.appendChild(this.list);
    this.shown = 0;
    this.more = el('button', 'more');
    this.more.type = 'button';
    this.more.addEventListener('click', function () { self.showMore(); });
    this.results.appendChild(this.more);
    this.showMore();
  };

  Finder.prototype.showMore = function () {
    var self = this, ids = this.resultIds, list = this.list;
    var end = Math.min(ids.length, this.shown + this.page);
    var missing = this.missingDetails(ids.slice(this.shown, end));
    if (missing.length) {
      this.more.disabled = true;
      this.loadDetails(missing).then(function () {
        // Unless the results changed meanwhile.
        if (self.list === list) { self.more.disabled = false; self.showMore(); }
      }, function () { self.more.disabled = false; });
      return;
    }
    for (var i = this.shown; i < end; i++) this.list.appendChild(this.item(this.docs[ids[i]]));
    this.shown = end;
    if (window.peixunCompare) window.peixunCompare.refresh();
    var left = this.resultIds.length - end;
    this.more.hidden = left <= 0;
    this.more.textContent = '显示更多（还有 ' + left + ' 项）';
  };

  Finder.prototype.item = function (doc) {
    var d = doc.detail;
    var li = el('li', 'card result' + (doc.work_item ? ' card-work' : ''));
    var h = el('h3', 'card-title'), a = el('a');
    a.href = d.url;
    highlight(a, d.title, this.needles);
    h.appendChild(a);
    if (doc.work_item) { h.appendChild(document.createTextNode(' ')); h.appendChild(el('span', 'badge', '专项工作')); }
    li.appendChild(h);
    var meta = [doc.place];
    if (d.year) meta.push(d.year + '年');
    if (d.plan) meta.push(d.plan);
    meta.push(d.category);
    li.appendChild(el('p', 'card-meta', meta.join(' · ')));
    var facts = el('p', 'result-facts');
    if (d.audience.length) facts.appendChild(el('span', null, '对象 ' + d.audience.join('、')));
    facts.appendChild(el('span', null, '线下 ' + figure(doc.offline_days, doc.offline_days_at_least, '天')));
    facts.appendChild(el('span', null, '网络 ' + figure(doc.online_hours, doc.online_hours_at_least, '学时')));
    li.appendChild(facts);
    var pick = el('button', 'pick', '加入对比');
    pick.type = 'button';
    pick.setAttribute('data-slug', d.slug);
    li.appendChild(pick);
    if (d.eligibility) {
      var p = el('p', 'result-eligibility');
      var text = Array.from(d.eligibility);
      highlight(p, text.length > 90 ? text.slice(0, 90).join('') + '…' : d.eligibility, this.needles);
      li.appendChild(p);
    }
    return li;
  };

  Finder.prototype.describe = function (f) {
    if (f.range) {
      var unit = { offline_days: '天', online_hours: '学时', cycle_years: '年' }[f.key], r = f.range;
      var text = r[0] !== null && r[1] !== null ? r[0] + '–' + r[1] + unit : r[0] !== null ? '≥' + r[0] + unit : '≤' + r[1] + unit;
      return this.rangeLabels[f.key] + '：' + text;
    }
    var l = this.labels[f.key];
    return (l ? l.facet : f.key) + '：' + ((l && l.values[f.value]) || f.value);
  };

  Finder.prototype.writeStatus = function (n, hits) {
    var q = this.state.q.trim(), active = activeFilters(this.state);
    var heading = document.getElementById('all-heading');
    if (heading) heading.textContent = q || active.length ? '搜索结果' : '全部项目';
    var text;
    if (n > 0) {
      text = (q ? '“' + q + '”：' : '') + '找到 ' + n + ' 个项目' + (active.length ? '（已按 ' + active.length + ' 个条件筛选）' : '') + '。';
      if (hits.relaxed) text += '没有完整包含“' + q + '”的项目，下面是包含这些字的项目。';
    } else if (hits.ids.length === 0) {
      text = '没有项目包含“' + q + '”。请换一个关键词，或减少字数。';
    } else {
      // Which single filter to drop gives the most results?
      var best = null, self = this;
      active.forEach(function (f) {
        var trial = JSON.parse(JSON.stringify(self.state));
        if (f.range) trial.ranges[f.key] = [null, null];
        else trial.facets[f.key] = trial.facets[f.key].filter(function (v) { return v !== f.value; });
        var count = hits.ids.filter(function (i) { return !failures(self.docs[i], trial).length; }).length;
        if (!best || count > best.count) best = { f: f, count: count };
      });
      text = '没有同时符合这些条件的项目。';
      if (best && best.count > 0) text += '去掉“' + this.describe(best.f) + '”可找到 ' + best.count + ' 个。';
      else text += '请减少筛选条件。';
    }
    this.status.textContent = text;
  };

  window.peixun = { tokenize: tokenize, queryTerms: queryTerms, stateFromUrl: stateFromUrl, shardOf: shardOf };

  function init() {
    var root = document.getElementById('finder');
    if (!root || !window.fetch || !window.URLSearchParams || !history.replaceState) return;
    window.peixun.finder = new Finder(root);
    window.peixun.finder.start();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
