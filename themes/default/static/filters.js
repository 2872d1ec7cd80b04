/* peixun: the filter form: reading it into the state, writing the state and
 * the live counts into it. */

import { RANGES } from './state.js';

function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

/** The filter form `form`: its facets, their labels and values' labels. */
export function Filters(form) {
  var self = this;
  this.form = form;
  var sets = form.querySelectorAll('fieldset[data-facet]');
  this.keys = Array.prototype.map.call(sets, function (f) { return f.getAttribute('data-facet'); });
  this.labels = {};
  Array.prototype.forEach.call(sets, function (f) {
    var key = f.getAttribute('data-facet');
    self.labels[key] = { facet: f.querySelector('legend').textContent, values: {} };
    Array.prototype.forEach.call(f.querySelectorAll('label.option'), function (l) {
      self.labels[key].values[l.querySelector('input').value] = l.querySelector('.option-label').textContent;
    });
  });
  this.rangeLabels = {};
  Array.prototype.forEach.call(form.querySelectorAll('fieldset[data-range]'), function (f) {
    self.rangeLabels[f.getAttribute('data-range')] = f.querySelector('legend').textContent;
  });
}

/** The chosen values and ranges, into `state`. */
Filters.prototype.read = function (state) {
  var form = this.form;
  this.keys.forEach(function (k) {
    state.facets[k] = Array.prototype.filter.call(
      form.querySelectorAll('fieldset[data-facet="' + k + '"] input[type=checkbox]'),
      function (i) { return i.checked; }).map(function (i) { return i.value; });
  });
  RANGES.forEach(function (k) {
    var f = form.querySelector('fieldset[data-range="' + k + '"]');
    var get = function (b) { var v = f.querySelector('[data-bound=' + b + ']').value; return v === '' ? null : Math.max(0, Math.floor(+v)); };
    state.ranges[k] = [get('min'), get('max')];
  });
};

/** Puts `state` into the form; a value from the URL with no checkbox gets one. */
Filters.prototype.write = function (state) {
  var self = this, form = this.form;
  this.keys.forEach(function (k) {
    var fs = form.querySelector('fieldset[data-facet="' + k + '"]');
    var want = state.facets[k];
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
    var f = form.querySelector('fieldset[data-range="' + k + '"]');
    var r = state.ranges[k];
    f.querySelector('[data-bound=min]').value = r[0] === null ? '' : r[0];
    f.querySelector('[data-bound=max]').value = r[1] === null ? '' : r[1];
  });
};

/** Each value's count: the results if its facet's choice were that value.
 *  A group (the districts of a region) or a facet whose values would all
 *  find nothing is marked `empty`: a phone hides it, as it hides the values. */
Filters.prototype.writeCounts = function (counts) {
  var form = this.form;
  this.keys.forEach(function (k) {
    // A facet not fetched yet keeps the counts it has.
    if (!counts[k]) return;
    var fieldset = form.querySelector('fieldset[data-facet="' + k + '"]');
    var group = null, groupLive = false, live = false;
    var closeGroup = function () { if (group) group.classList.toggle('empty', !groupLive); };
    Array.prototype.forEach.call(fieldset.children, function (child) {
      if (child.classList.contains('option-group')) {
        closeGroup();
        group = child;
        groupLive = false;
        return;
      }
      if (!child.classList.contains('option')) return;
      var box = child.querySelector('input'), n = counts[k][box.value] || 0;
      child.querySelector('.n').textContent = n;
      var zero = n === 0 && !box.checked;
      child.classList.toggle('zero', zero);
      if (!zero) { groupLive = true; live = true; }
    });
    closeGroup();
    fieldset.classList.toggle('empty', !live);
  });
};

/** The counts of facets `keys` are not known (`pending`, while a query or
 *  filter narrows the results) or are the page's own, of all projects. */
Filters.prototype.countsPending = function (keys, pending) {
  var form = this.form;
  keys.forEach(function (k) {
    form.querySelectorAll('fieldset[data-facet="' + k + '"] .n').forEach(function (n) {
      if (!n.hasAttribute('data-all')) n.setAttribute('data-all', n.textContent);
      n.textContent = pending ? '…' : n.getAttribute('data-all');
    });
  });
};

/** A facet's or range's name: 学段, 线下集中天数. */
Filters.prototype.facetLabel = function (k) {
  return this.labels[k] ? this.labels[k].facet : this.rangeLabels[k] || k;
};

/** A filter in words: 学段：小学, 线下集中天数：≥15天（含未注明）. */
Filters.prototype.describe = function (f) {
  if (f.range) {
    var unit = { offline_days: '天', online_hours: '学时', cycle_years: '年' }[f.key], r = f.range;
    var text = r[0] !== null && r[1] !== null ? r[0] + '–' + r[1] + unit : r[0] !== null ? '≥' + r[0] + unit : '≤' + r[1] + unit;
    return this.rangeLabels[f.key] + '：' + text + (f.unstated ? '（含未注明）' : '');
  }
  var l = this.labels[f.key];
  return (l ? l.facet : f.key) + '：' + ((l && l.values[f.value]) || f.value);
};
