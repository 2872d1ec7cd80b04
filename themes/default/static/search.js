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

  // How a query is read (terms, synonyms, pinyin) is query.js, the twin of
  // src/search/query.rs and pinyin.rs.
  var Q = window.peixunQuery;

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
    return h % Math.max(1, count);
  }

  /** The index shard of a token: a single character's among the first
   *  `singles`, another token's among the rest (`index_shard_of` in
   *  src/search/shards.rs). */
  function indexShardOf(token, shards) {
    var singles = shards.singles || 0;
    return Array.from(token).length === 1 ? shardOf(token, singles) : singles + shardOf(token, shards.count - singles);
  }

  /** The trie node of a token in one field, from the shard that holds it. */
  function postings(index, field, token) {
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
    this.pinyinPromise = null;
    this.pinyinData = null;
    this.tableLoads = { vocabulary: {}, chars: {} };
    this.tables = { vocabulary: Object.create(null), chars: Object.create(null) };
    this.sounds = Object.create(null);
    this.synonyms = [];
    this.categoryByName = Object.create(null);
    this.inCategory = Object.create(null);
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
        self.synonyms = data.synonyms || [];
        var labels = data.category_labels || {};
        Object.keys(labels).forEach(function (key) {
          self.categoryByName[Q.normalize(labels[key])] = key;
          self.categoryByName[Q.normalize(key)] = key;
        });
        // Each category's projects, by the category's key.
        self.docs.forEach(function (d, i) {
          (d.facets.category || []).forEach(function (key) { (self.inCategory[key] = self.inCategory[key] || []).push(i); });
        });
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
      var k = indexShardOf(t, index.shards);
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

  /** The documents a term (with its alternatives) matches, by ref, with
   *  the tier of their best field, and the alternatives that found any; a
   *  term naming a category as a whole (校园长培训) matches the category's
   *  projects too. */
  Finder.prototype.termMatches = function (alternatives) {
    var index = this.index, found = Object.create(null), self = this;
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

  /** How a query is matched: one entry per term, with the alternatives it
   *  is searched as (synonyms, or the words its pinyin or sound gave) and
   *  the documents each matches. */
  Finder.prototype.plan = function (terms) {
    var self = this;
    var plan = terms.map(function (t) {
      return { text: t.text, alternatives: t.alternatives, via: null, matches: null };
    });
    var tokens = function () {
      var all = [];
      plan.forEach(function (p) { p.alternatives.forEach(function (a) { all = all.concat(a.tokens); }); });
      return uniq(all);
    };
    var missing = this.missingShards(tokens());
    if (missing.length) { this.loadShards(missing); return null; }
    plan.forEach(function (p) { p.matches = self.termMatches(p.alternatives).found; });
    var dead = plan.filter(function (p) { return !Object.keys(p.matches).length; });
    if (!dead.length) return plan;
    // Letters typed with spaces (ban zhu ren) are one pinyin word.
    var letters = plan.every(function (p) { return /^[a-z]+$/.test(p.text); });
    if (plan.length > 1 && letters && dead.length === plan.length) {
      var joined = plan.map(function (p) { return p.text; }).join('');
      var as = this.soundsLike(joined);
      if (as === null) return null;
      if (as.words.length) {
        plan = [{ text: plan.map(function (p) { return p.text; }).join(' '), alternatives: [], via: as.kind, words: as.words, matches: null }];
        dead = plan;
      }
    }
    for (var d = 0; d < dead.length; d++) {
      var p = dead[d];
      var found = p.words ? { kind: p.via, words: p.words } : this.soundsLike(p.text);
      if (found === null) return null;
      if (!found.words.length) continue;
      p.via = found.kind;
      p.alternatives = found.words.map(function (w) { return { text: w, tokens: Q.parse(w)[0].alternatives[0].tokens }; });
    }
    missing = this.missingShards(tokens());
    if (missing.length) { this.loadShards(missing); return null; }
    dead.forEach(function (p) {
      var m = self.termMatches(p.alternatives);
      p.matches = m.found;
      // Only the words that found something are named.
      p.alternatives = m.used;
    });
    return plan;
  };

  /** Documents that match the query, best first: every term matched (or,
   *  when none match them all, the nearest: all terms but one). */
  Finder.prototype.queryHits = function () {
    var q = this.state.q.trim();
    var all = [];
    for (var i = 0; i < this.docs.length; i++) all.push(i);
    if (!q) return { ids: all, scores: null };
    var terms = Q.parse(q, this.synonyms);
    if (!terms.length) return { ids: all, scores: null };
    if (!this.index) return null; // still loading
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
    used.forEach(function (p) { p.alternatives.forEach(function (a) { groups.push(a.tokens); }); });
    var ranked = score(this.index, this.boosts, groups, tiers);
    var scores = ranked.scores, fields = ranked.fields;
    var ids = Object.keys(tiers).map(Number).filter(function (i) { return i >= 0 && i < all.length; });
    ids.sort(function (a, b) {
      return tiers[a] - tiers[b] || (fields[b] || 0) - (fields[a] || 0) || (scores[b] || 0) - (scores[a] || 0) || a - b;
    });
    return { ids: ids, scores: scores, plan: plan, dropped: dropped };
  };

  // ---- Pinyin and sound-alike words (see src/search/pinyin.rs) ----
  /** The pinyin manifest, fetched once. */
  Finder.prototype.loadPinyin = function () {
    if (!this.pinyinPromise) {
      var self = this, path = this.root.getAttribute('data-pinyin');
      this.pinyinPromise = getJson(path).then(function (m) {
        m.base = path.replace(/[^/]*$/, '');
        self.pinyinData = m;
        return m;
      });
      this.pinyinPromise.catch(function () { self.pinyinPromise = null; });
    }
    return this.pinyinPromise;
  };

  /** Resolves with `keys`' entries of a sharded table (vocabulary or
   *  characters), fetching each shard once. */
  Finder.prototype.lookup = function (table, keys) {
    var m = this.pinyinData, spec = m[table], loads = this.tableLoads[table], store = this.tables[table];
    var shards = uniq(keys.map(function (k) { return String(shardOf(k, spec.count)); }));
    return loadOnce(loads, m.base + spec.path, shards, function (k, data) {
      for (var key in data) store[key] = data[key];
    }).then(function () {
      return keys.map(function (k) { return store[k] || []; });
    });
  };

  /** The words of the site that chain pairs from each position's keys
   *  (lists of lists of keys, tried in turn), at most five. */
  Finder.prototype.wordsFor = function (ways) {
    var self = this;
    var keys = uniq([].concat.apply([], [].concat.apply([], ways)));
    return this.lookup('vocabulary', keys).then(function () {
      var store = self.tables.vocabulary, words = [];
      ways.forEach(function (positions) {
        var lists = positions.map(function (ks) {
          return [].concat.apply([], ks.map(function (k) { return store[k] || []; }));
        });
        Q.chain(lists, 5).forEach(function (w) { if (words.indexOf(w) < 0) words.push(w); });
      });
      return words.slice(0, 5);
    });
  };

  /** What a term that matches nothing may have meant: the site's words its
   *  letters spell in pinyin or as initials, or that sound like its
   *  characters. null while the data is fetched (update() runs again). */
  Finder.prototype.soundsLike = function (text) {
    var known = this.sounds[text];
    if (known) return known.done ? known : null;
    var self = this, entry = this.sounds[text] = { done: false, kind: null, words: [] };
    var chars = Array.from(text);
    var han = chars.length >= 2 && chars.every(function (c) { return Q.isHan(c.codePointAt(0)); });
    var letters = /^[a-z]{2,}$/.test(text);
    var work;
    if (!han && !letters) {
      work = Promise.resolve({ kind: null, words: [] });
    } else {
      work = this.loadPinyin().then(function (m) {
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
        return self.lookup('chars', chars).then(function (readings) {
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
      self.update();
    }, function () {
      entry.done = true;
      self.update();
    });
    return null;
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
    this.needles = needlesOf(hits);
    this.hits = hits;
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
    for (var i = this.shown; i < end; i++) this.list.appendChild(this.item(this.docs[ids[i]], ids[i]));
    this.shown = end;
    if (window.peixunCompare) window.peixunCompare.refresh();
    var left = this.resultIds.length - end;
    this.more.hidden = left <= 0;
    this.more.textContent = '显示更多（还有 ' + left + ' 项）';
  };

  Finder.prototype.item = function (doc, ref) {
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
    var metaLine = el('p', 'card-meta');
    highlight(metaLine, meta.join(' · '), this.needles);
    li.appendChild(metaLine);
    var facts = el('p', 'result-facts');
    if (d.audience.length) {
      var who = el('span');
      highlight(who, '对象 ' + d.audience.join('、'), this.needles);
      facts.appendChild(who);
    }
    facts.appendChild(el('span', null, '线下 ' + figure(doc.offline_days, doc.offline_days_at_least, '天')));
    facts.appendChild(el('span', null, '网络 ' + figure(doc.online_hours, doc.online_hours_at_least, '学时')));
    li.appendChild(facts);
    var pick = el('button', 'pick', '加入对比');
    pick.type = 'button';
    pick.setAttribute('data-slug', d.slug);
    li.appendChild(pick);
    var shown = [d.title, meta.join(' '), d.audience.join(' ')];
    if (d.eligibility) {
      var p = el('p', 'result-eligibility');
      var text = Array.from(d.eligibility);
      var cut = text.length > 90 ? text.slice(0, 90).join('') + '…' : d.eligibility;
      highlight(p, cut, this.needles);
      li.appendChild(p);
      shown.push(cut);
    }
    var why = this.why(doc, ref, shown.join('\n').toLowerCase());
    if (why.length) {
      var line = el('p', 'result-why');
      highlight(line, why.join('；'), this.needles);
      li.appendChild(line);
    }
    return li;
  };

  /** Where the card does not show a term, where it was found: a facet
   *  value or tag that holds it (方式：名校访学), or the text (正文提到…). */
  Finder.prototype.why = function (doc, ref, shown) {
    var self = this, out = [], hits = this.hits;
    (hits && hits.plan || []).forEach(function (p) {
      if (p === hits.dropped) return;
      var words = p.alternatives.map(function (a) { return a.text; });
      var holds = function (text) { text = String(text).toLowerCase(); return words.some(function (w) { return text.indexOf(w) >= 0; }); };
      if (words.some(function (w) { return shown.indexOf(w) >= 0; })) return;
      var said = null;
      self.facetKeys.some(function (k) {
        var v = (doc.facets[k] || []).filter(holds)[0];
        var l = self.labels[k];
        if (v !== undefined) said = (l ? l.facet : k) + '：' + ((l && l.values[v]) || v);
        return said !== null;
      });
      if (said === null) {
        var tags = (doc.detail.tags || []).filter(holds);
        if (tags.length) said = '标签：' + tags.join('、');
      }
      if (said === null) {
        var inBody = p.alternatives.filter(function (a) {
          return a.tokens.every(function (t) { var n = postings(self.index, 'body', t); return n && ref in n.docs; });
        });
        if (inBody.length) said = '正文提到' + quoted([inBody[0].text]);
      }
      if (said !== null && out.indexOf(said) < 0) out.push(said);
    });
    return out;
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

  /** The words a result's text is highlighted with. */
  function needlesOf(hits) {
    var out = [];
    (hits.plan || []).forEach(function (p) {
      if (p === hits.dropped) return;
      p.alternatives.forEach(function (a) { out.push(a.text); });
    });
    return out;
  }

  function quoted(words) {
    return words.map(function (w) { return '“' + w + '”'; }).join('');
  }

  Finder.prototype.writeStatus = function (n, hits) {
    var q = this.state.q.trim(), active = activeFilters(this.state), self = this;
    var heading = document.getElementById('all-heading');
    var suggest = document.getElementById('suggest');
    var browse = document.getElementById('browse');
    suggest.textContent = '';
    suggest.hidden = true;
    var title = q || active.length ? '搜索结果' : '全部项目';
    var notes = [], plan = hits.plan || [];
    plan.forEach(function (p) {
      if (p === hits.dropped) return;
      var words = p.alternatives.map(function (a) { return a.text; });
      if (p.via === 'pinyin' && words.length) notes.push('按拼音“' + p.text + '”搜索了' + quoted(words) + '。');
      else if (p.via === 'initials' && words.length) notes.push('按拼音首字母“' + p.text + '”搜索了' + quoted(words) + '。');
      else if (p.via === 'sound' && words.length) {
        notes.push('没有项目包含“' + p.text + '”。');
        self.suggest(words);
        title = '您是不是要找：' + words.join('、');
      } else if (!p.via && words.length > 1) notes.push('“' + p.text + '”也搜索了' + quoted(words.slice(1)) + '。');
    });
    var text;
    if (hits.dropped && n > 0) {
      title = '相近的结果';
      text = '没有同时包含' + quoted(plan.map(function (p) { return p.text; })) + '的项目。下面是不含“' + hits.dropped.text + '”的 ' + n + ' 个项目。';
    } else if (n > 0) {
      // After a note on what was searched, the query is not repeated.
      text = (q && !notes.length ? '“' + q + '”：' : '') + '找到 ' + n + ' 个项目' + (active.length ? '（已按 ' + active.length + ' 个条件筛选）' : '') + '。';
    } else if (hits.ids.length === 0) {
      text = '没有项目包含“' + q + '”。请换一个词，或按下面的分类浏览。';
    } else {
      // Which single filter to drop gives the most results?
      var best = null;
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
    if (heading) heading.textContent = title;
    this.status.textContent = notes.join('') + text;
    // Never a page without a way on: with no result, the facet pages.
    if (browse) browse.hidden = n > 0;
  };

  /** 您是不是要找: the words, each a link that searches it. */
  Finder.prototype.suggest = function (words) {
    var self = this, p = document.getElementById('suggest');
    p.textContent = '您是不是要找';
    words.forEach(function (w, i) {
      var a = el('a', null, w);
      a.href = '?q=' + encodeURIComponent(w);
      a.addEventListener('click', function (e) {
        e.preventDefault();
        self.state.q = w;
        self.input.value = w;
        self.changed();
      });
      p.appendChild(document.createTextNode(i ? '、' : ' '));
      p.appendChild(a);
    });
    p.appendChild(document.createTextNode('？'));
    p.hidden = false;
  };

  window.peixun = { tokenize: Q.tokenize, parse: Q.parse, stateFromUrl: stateFromUrl, shardOf: shardOf, indexShardOf: indexShardOf };

  function init() {
    var root = document.getElementById('finder');
    if (!root || !window.fetch || !window.URLSearchParams || !history.replaceState) return;
    window.peixun.finder = new Finder(root);
    window.peixun.finder.start();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
