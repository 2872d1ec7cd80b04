/* peixun search and filters: the theme's own code, no framework, no build
 * step. This module wires the page: the state in the URL (state.js), the
 * data files (data.js), what a query matches (match.js, reading it with
 * query.js), the filter form (filters.js) and the results (view.js). */

import * as Q from './query.js';
import { shardOf, indexShardOf, indexFileOf } from './shards.js';
import { UNSTATED, emptyState, stateFromUrl, queryString, failuresUnder, activeFilters, without, leavesUnstated, withUnstated } from './state.js';
import { Store } from './data.js';
import { Matcher, topFirst, orderUpTo } from './match.js';
import { Filters } from './filters.js';
import { prefetchReadings } from './pinyin.js';
import { el, needlesOf, resultCard, whyFound, queryNotes, quoted } from './view.js';

function Finder(root) {
  this.root = root;
  this.input = document.getElementById('q');
  this.results = document.getElementById('results');
  this.status = document.getElementById('status');
  this.filters = new Filters(document.getElementById('filters'));
  this.state = stateFromUrl(location.search, this.filters.keys);
  this.store = new Store({
    docs: root.getAttribute('data-docs'),
    index: root.getAttribute('data-index'),
    shards: root.getAttribute('data-shards'),
    details: root.getAttribute('data-details'),
    pinyin: root.getAttribute('data-pinyin'),
    words: root.getAttribute('data-words')
  });
  this.matcher = null;
  this.shown = 0;
}

Finder.prototype.start = function () {
  var self = this;
  this.root.hidden = false;
  document.getElementById('filter-panel').hidden = false;
  // On a phone the filters start folded so the results are in view.
  var toggle = document.getElementById('filters-toggle');
  if (window.matchMedia && window.matchMedia('(max-width: 47.99rem)').matches) toggle.open = false;
  // Opened, the panel's counts need every facet's projects.
  toggle.addEventListener('toggle', function () { if (toggle.open) self.update(); });
  var browse = document.getElementById('browse');
  if (browse) browse.hidden = true;
  this.filters.write(this.state);
  this.input.value = this.state.q;
  this.input.addEventListener('focus', function () { self.loadIndex(); });
  this.input.addEventListener('input', function (e) {
    self.typedAt = Date.now();
    // What the page lists for browsing gives way at the first key, not
    // when the results come: clearing a national catalog's 2,500 documents
    // took 60 ms of a slow phone's wait for them.
    if (!self.list && self.input.value.trim()) self.results.textContent = '';
    if (self.matcher) self.matcher.typedAt = self.typedAt;
    self.state.q = self.input.value;
    // A query may be pinyin or a sound-alike: the small pinyin manifest,
    // and the readings of what is typed in Chinese and the words they
    // start, come while the rest is typed, not round trips after it.
    if (self.input.value && self.store.paths.pinyin) prefetchReadings(self.store, self.input.value);
    self.changed();
    // Keystroke to updated results, read by the benchmark (docs/performance.md).
    window.peixun.lastLatencyMs = performance.now() - e.timeStamp;
  });
  document.getElementById('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    self.state.q = self.input.value;
    self.changed();
  });
  var form = this.filters.form;
  form.addEventListener('change', function () { self.filters.read(self.state); self.changed(); });
  form.addEventListener('input', function (e) {
    if (e.target.type === 'number') { self.filters.read(self.state); self.changed(); }
  });
  // The filter panel's own button: fold it and show the results.
  document.getElementById('show-results').addEventListener('click', function () {
    toggle.open = false;
    // From the chosen filters down: what was chosen, then what it found.
    var heading = document.getElementById('all-heading'), chips = document.getElementById('chips');
    (chips.hidden ? heading : chips).scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  });
  document.getElementById('clear').addEventListener('click', function () {
    self.state = emptyState(self.filters.keys);
    self.filters.write(self.state);
    self.input.value = '';
    self.changed();
    self.input.focus();
  });
  window.addEventListener('popstate', function () {
    self.state = stateFromUrl(location.search, self.filters.keys);
    self.filters.write(self.state);
    self.input.value = self.state.q;
    self.update();
  });
  this.status.textContent = '正在加载项目数据…';
  this.store.loadDocs()
    .then(function (data) {
      self.matcher = new Matcher(self.store, data, function (error) {
        if (error) self.status.textContent = '搜索索引加载失败，请稍后重试。';
        else self.refresh();
      });
      self.matcher.typedAt = self.typedAt || 0;
      // A national catalog shows 6 at a time: each result's card comes
      // from its own small file, and a browser fetches 6 files at a time
      // from a host over HTTP/1.1, so a seventh waits a round trip on a
      // slow connection; a phone's screen holds four.
      self.page = self.store.docs.length > 500 ? 6 : 100;
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
  return this.store.loadIndex().then(function () {
    window.peixun.indexLoadMs = self.store.indexLoadMs;
    if (self.matcher) self.update();
  });
};

/** update() once for every file that arrives meanwhile: each update
 *  that waited for a file asked to be called when it comes, and a national
 *  catalog's update takes tens of milliseconds. */
Finder.prototype.refresh = function () {
  var self = this;
  if (this.refreshing) return;
  this.refreshing = true;
  setTimeout(function () { self.refreshing = false; self.update(); }, 0);
};

Finder.prototype.changed = function () {
  var qs = queryString(this.state);
  history.replaceState(null, '', location.pathname + (qs ? '?' + qs : '') + location.hash);
  this.update();
};

/** Whether the filter panel, and so its counts, is in view. */
Finder.prototype.countsShown = function () {
  return document.getElementById('filters-toggle').open;
};

/** Fetches the facet and figure files the filters need: those of the
 *  chosen filters, and every facet's while the panel shows their counts.
 *  True when they are all in. */
Finder.prototype.haveFilterData = function () {
  var self = this, store = this.store, active = activeFilters(this.state), loads = [];
  if (this.countsShown()) {
    var facets = store.missingFacets(this.filters.keys);
    if (facets.length) loads.push(store.loadFacets(facets));
  } else {
    // A filter needs its chosen values' projects, and the unstated ones'
    // to offer them.
    var chosen = {};
    active.forEach(function (f) { if (!f.range) (chosen[f.key] = chosen[f.key] || [UNSTATED]).push(f.value); });
    Object.keys(chosen).forEach(function (k) {
      var values = store.missingValues(k, chosen[k]);
      if (values.length) loads.push(store.loadValues(k, values));
    });
  }
  if (!store.figuresLoaded && active.some(function (f) { return f.range; })) loads.push(store.loadFigures());
  if (!loads.length) return true;
  Promise.all(loads).then(function () { self.refresh(); }, function () {
    self.status.textContent = '筛选数据加载失败，请稍后重试。';
  });
  return false;
};

Finder.prototype.update = function () {
  if (!this.matcher) return;
  var docs = this.store.docs;
  var ready = this.haveFilterData();
  var hits = this.matcher.hits(this.state.q, docs.length);
  if (!hits || !ready) { this.status.textContent = hits ? '正在加载筛选数据…' : '正在加载搜索索引…'; return; }
  var s = this.state, store = this.store;
  // Counts only of the facets in: the rest are fetched when the panel opens.
  var keys = this.filters.keys.filter(function (k) { return store.facetLoaded[k]; });
  var counts = {}, results = [], offered = {};
  keys.forEach(function (k) { counts[k] = {}; });
  var failures = failuresUnder(s);
  hits.ids.forEach(function (i) {
    var d = docs[i], failed = failures(d);
    if (!failed.length) results.push(i);
    // Left out by one filter only, for not stating it: offered, not hidden.
    if (failed.length === 1 && leavesUnstated(d, failed[0])) offered[failed[0]] = (offered[failed[0]] || 0) + 1;
    // A value's count: results if this facet's own choice were that value.
    keys.forEach(function (k) {
      if (failed.length === 0 || (failed.length === 1 && failed[0] === k)) {
        (d.facets[k] || []).forEach(function (v) { counts[k][v] = (counts[k][v] || 0) + 1; });
      }
    });
  });
  // The other facets' counts are unknown until the panel opens.
  this.filters.countsPending(this.filters.keys.filter(function (k) { return !store.facetLoaded[k]; }), s.q.trim() || activeFilters(s).length);
  var active = activeFilters(this.state).length;
  document.getElementById('active-count').textContent = active ? '（已选 ' + active + ' 项）' : '';
  this.filters.writeCounts(counts);
  this.writeChips();
  document.getElementById('show-results').textContent = results.length ? '查看 ' + results.length + ' 个结果' : '没有符合条件的结果';
  results = topFirst(results, hits.compare, this.page);
  var missing = this.store.missingDetails(results.slice(0, this.page));
  if (missing.length) {
    var self = this, asked = queryString(this.state);
    this.status.textContent = '正在加载结果…';
    this.store.loadDetails(missing).then(function () {
      // The same question: what was found holds, only the cards were missing.
      if (queryString(self.state) === asked) self.show(results, hits, offered);
      else self.refresh();
    }, function () {
      self.status.textContent = '搜索结果加载失败，请稍后重试。';
    });
    return;
  }
  this.show(results, hits, offered);
};

/** The results, the status line and the unstated offer. */
Finder.prototype.show = function (results, hits, offered) {
  this.render(results, hits);
  this.writeStatus(results.length, hits);
  this.offerUnstated(offered);
};

/** The chosen filters, each a chip that removes itself when tapped. */
Finder.prototype.writeChips = function () {
  var self = this, box = document.getElementById('chips'), active = activeFilters(this.state);
  box.textContent = '';
  box.hidden = !active.length;
  active.forEach(function (f) {
    var said = self.filters.describe(f);
    var chip = el('button', 'chip', said);
    chip.type = 'button';
    chip.setAttribute('aria-label', '去掉条件：' + said);
    chip.addEventListener('click', function () {
      self.state = without(self.state, f);
      self.filters.write(self.state);
      self.changed();
      // The chip is gone: keep the focus near where it was.
      var next = box.querySelector('.chip');
      (next || document.getElementById('all-heading')).focus();
    });
    box.appendChild(chip);
  });
  if (active.length > 1) {
    var clear = el('button', 'chip chip-clear', '清除全部筛选');
    clear.type = 'button';
    clear.addEventListener('click', function () {
      var q = self.state.q;
      self.state = emptyState(self.filters.keys);
      self.state.q = q;
      self.filters.write(self.state);
      self.changed();
      document.getElementById('all-heading').focus();
    });
    box.appendChild(clear);
  }
};

/** 另有 5 个项目未注明学段: the projects a filter leaves out only for not
 *  stating it, with one tap to include them (kept in the URL). */
Finder.prototype.offerUnstated = function (offered) {
  var self = this, p = document.getElementById('unstated'), keys = Object.keys(offered);
  p.textContent = '';
  p.hidden = !keys.length;
  if (!keys.length) return;
  var parts = keys.map(function (k) { return offered[k] + ' 个项目未注明' + self.filters.facetLabel(k); });
  p.appendChild(document.createTextNode('另有 ' + parts.join('、') + '，可能也适合您。'));
  var include = el('button', 'include-unstated', '一并显示');
  include.type = 'button';
  include.addEventListener('click', function () {
    self.state = withUnstated(self.state, keys);
    self.filters.write(self.state);
    self.changed();
  });
  p.appendChild(include);
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
  var self = this, list = this.list, docs = this.store.docs;
  var ids = this.resultIds = orderUpTo(this.resultIds, this.hits.compare, this.shown + this.page);
  var end = Math.min(ids.length, this.shown + this.page);
  var missing = this.store.missingDetails(ids.slice(this.shown, end));
  if (missing.length) {
    this.more.disabled = true;
    this.store.loadDetails(missing).then(function () {
      // Unless the results changed meanwhile.
      if (self.list === list) { self.more.disabled = false; self.showMore(); }
    }, function () { self.more.disabled = false; });
    return;
  }
  for (var i = this.shown; i < end; i++) {
    var ref = ids[i], doc = docs[ref];
    this.list.appendChild(resultCard(doc, this.needles, function (shown) {
      return whyFound(doc, ref, self.hits, shown, self.filters, self.matcher);
    }));
  }
  this.shown = end;
  if (window.peixunCompare) window.peixunCompare.refresh();
  var left = this.resultIds.length - end;
  this.more.hidden = left <= 0;
  this.more.textContent = '显示更多（还有 ' + left + ' 项）';
};

Finder.prototype.writeStatus = function (n, hits) {
  var q = this.state.q.trim(), active = activeFilters(this.state), self = this;
  var heading = document.getElementById('all-heading');
  var suggest = document.getElementById('suggest');
  var browse = document.getElementById('browse');
  suggest.textContent = '';
  suggest.hidden = true;
  var title = q || active.length ? '搜索结果' : '全部项目';
  var read = queryNotes(hits), notes = read.notes, plan = hits.plan || [];
  if (read.sound) {
    this.suggest(read.sound);
    title = '您是不是要找：' + read.sound.join('、');
  }
  var text;
  if (hits.dropped && n > 0) {
    title = '相近的结果';
    text = '没有同时包含' + quoted(plan.map(function (p) { return p.text; })) + '的项目。下面是不含' + quoted([hits.dropped.text]) + '的 ' + n + ' 个项目。';
  } else if (n > 0) {
    // After a note on what was searched, the query is not repeated.
    text = (q && !notes.length ? quoted([q]) + '：' : '') + '找到 ' + n + ' 个项目' + (active.length ? '（已按 ' + active.length + ' 个条件筛选）' : '') + '。';
  } else if (hits.ids.length === 0) {
    text = '没有项目包含' + quoted([q]) + '。请换一个词，或按下面的分类浏览。';
  } else {
    // Which single filter to drop gives the most results?
    var best = null;
    active.forEach(function (f) {
      var trial = without(self.state, f);
      var fails = failuresUnder(trial);
      var count = hits.ids.filter(function (i) { return !fails(self.store.docs[i]).length; }).length;
      if (!best || count > best.count) best = { f: f, count: count };
    });
    text = '没有同时符合这些条件的项目。';
    if (best && best.count > 0) text += '去掉' + quoted([this.filters.describe(best.f)]) + '可找到 ' + best.count + ' 个。';
    else text += '请减少筛选条件。';
  }
  if (heading) heading.textContent = title;
  this.status.textContent = notes.join('') + text;
  // Never a page without a way on: with no result, the facet pages, below
  // the message that says so.
  if (browse) {
    if (n === 0 && browse.parentNode !== this.results.parentNode) this.results.parentNode.insertBefore(browse, this.results);
    browse.hidden = n > 0;
  }
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

// What tests and the benchmark read: the tokenizer, the query reader and
// the shard functions the page really runs, and the finder.
window.peixun = { query: Q, tokenize: Q.tokenize, parse: Q.parse, stateFromUrl: stateFromUrl, shardOf: shardOf, indexShardOf: indexShardOf, indexFileOf: indexFileOf };

function init() {
  var root = document.getElementById('finder');
  if (!root || !window.fetch || !window.URLSearchParams || !history.replaceState) return;
  window.peixun.finder = new Finder(root);
  window.peixun.finder.start();
}
// Modules run after the document is parsed.
init();
