/* peixun: what the finder shows, as a state that lives in the URL
 * (/?q=班主任&stages=小学&offline_days=15-), and which projects it lets
 * through. No DOM: the page's URL is passed in. */

export var RANGES = ['offline_days', 'online_hours', 'cycle_years'];

/** The value of a facet a project leaves unstated (src/config/facet.rs). */
export var UNSTATED = '未注明';

/** A state: the query, each facet's chosen values, each range, and the
 *  ranges whose unstated projects are let through (`unstated`). */
export function emptyState(facetKeys) {
  var s = { q: '', facets: {}, ranges: {}, unstated: [] };
  facetKeys.forEach(function (k) { s.facets[k] = []; });
  RANGES.forEach(function (k) { s.ranges[k] = [null, null]; });
  return s;
}

/** `min-max` with either end open, or one number; [null, null] if neither. */
export function parseRange(v) {
  var m = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(v || '');
  if (!m) {
    var one = /^\s*(\d+)\s*$/.exec(v || '');
    return one ? [+one[1], +one[1]] : [null, null];
  }
  return [m[1] === '' ? null : +m[1], m[2] === '' ? null : +m[2]];
}

export function stateFromUrl(search, facetKeys) {
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
  (p.get('unstated') || '').split(',').forEach(function (k) {
    if (RANGES.indexOf(k) >= 0 && s.unstated.indexOf(k) < 0) s.unstated.push(k);
  });
  return s;
}

/** The query string of a state (without `?`). */
export function queryString(s) {
  var p = new URLSearchParams();
  if (s.q.trim()) p.set('q', s.q.trim());
  Object.keys(s.facets).forEach(function (k) {
    s.facets[k].forEach(function (v) { p.append(k, v); });
  });
  RANGES.forEach(function (k) {
    var r = s.ranges[k];
    if (r[0] !== null || r[1] !== null) p.set(k, (r[0] === null ? '' : r[0]) + '-' + (r[1] === null ? '' : r[1]));
  });
  var unstated = s.unstated.filter(function (k) { var r = s.ranges[k]; return r[0] !== null || r[1] !== null; });
  if (unstated.length) p.set('unstated', unstated.join(','));
  return p.toString();
}

function inRange(value, r, unstated) {
  if (r[0] === null && r[1] === null) return true;
  if (value === null || value === undefined) return unstated;
  return (r[0] === null || value >= r[0]) && (r[1] === null || value <= r[1]);
}

/** The state's filters as a test of one document: which facets (and
 *  ranges) it fails. Made once per update, it looks only at the filters
 *  chosen: a national catalog's update tests tens of thousands of
 *  documents, most often under no filter at all. */
export function failuresUnder(s) {
  var facets = Object.keys(s.facets).filter(function (k) { return s.facets[k].length; });
  var ranges = RANGES.filter(function (k) { var r = s.ranges[k]; return r[0] !== null || r[1] !== null; });
  if (!facets.length && !ranges.length) return function () { return NONE_FAILED; };
  return function (doc) {
    var failed = [];
    for (var f = 0; f < facets.length; f++) {
      var k = facets[f], want = s.facets[k], have = doc.facets[k] || [], any = false;
      for (var i = 0; i < have.length && !any; i++) any = want.indexOf(have[i]) >= 0;
      if (!any) failed.push(k);
    }
    for (var r = 0; r < ranges.length; r++) {
      var key = ranges[r];
      if (!inRange(doc[key], s.ranges[key], s.unstated.indexOf(key) >= 0)) failed.push(key);
    }
    return failed;
  };
}

/** What a document under no filter fails: nothing (shared, never changed). */
var NONE_FAILED = Object.freeze([]);

/** Whether `doc` fails filter `k` only for leaving it unstated: a project
 *  naming no stage is not a project for no stage. */
export function leavesUnstated(doc, k) {
  if (RANGES.indexOf(k) >= 0) return doc[k] === null || doc[k] === undefined;
  var have = doc.facets[k] || [];
  return have.length === 1 && have[0] === UNSTATED;
}

/** `s` with the projects that leave `keys` unstated let through. */
export function withUnstated(s, keys) {
  var t = JSON.parse(JSON.stringify(s));
  keys.forEach(function (k) {
    if (RANGES.indexOf(k) >= 0) { if (t.unstated.indexOf(k) < 0) t.unstated.push(k); }
    else if (t.facets[k].indexOf(UNSTATED) < 0) t.facets[k].push(UNSTATED);
  });
  return t;
}

/** The state's filters, one entry per chosen value or range. */
export function activeFilters(s) {
  var out = [];
  for (var k in s.facets) s.facets[k].forEach(function (v) { out.push({ key: k, value: v }); });
  RANGES.forEach(function (k) {
    var r = s.ranges[k];
    if (r[0] !== null || r[1] !== null) out.push({ key: k, range: r, unstated: s.unstated.indexOf(k) >= 0 });
  });
  return out;
}

/** A copy of `s` without filter `f` (an entry of activeFilters). */
export function without(s, f) {
  var t = JSON.parse(JSON.stringify(s));
  if (f.range) { t.ranges[f.key] = [null, null]; t.unstated = t.unstated.filter(function (k) { return k !== f.key; }); }
  else t.facets[f.key] = t.facets[f.key].filter(function (v) { return v !== f.value; });
  return t;
}
