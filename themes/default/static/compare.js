/* peixun comparison: sortable tables and "pick and compare" (two to six
 * projects side by side, state in the URL: /compare/?ids=a,b,c).
 * Text from the data is inserted with textContent only. */
(function () {
  'use strict';
  var script = document.currentScript;
  var BASE = (script && script.getAttribute('data-base')) || '/';
  var KEY = 'peixun.compare', MAX = 6;
  var SLUG = /^[a-z0-9-]+$/;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // ---- Sortable tables: click a header (or press Enter/Space on it). ----
  function makeSortable(table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = el('button', 'sort');
      button.type = 'button';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        sortBy(table, col, th.getAttribute('data-numeric') === 'true', dir === 'ascending' ? 1 : -1);
      });
    });
  }

  function sortBy(table, col, numeric, sign) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var key = function (row) {
      var cell = row.cells[col];
      if (numeric) {
        // What it sorts by where its text does not begin with it
        // (不少于10天); else the text's leading figure (26 of 26天).
        var v = cell.getAttribute('data-sort');
        if (v !== null) return v === '' ? null : parseFloat(v);
        if (cell.classList.contains('missing')) return null;
        var n = parseFloat(cell.textContent);
        return isNaN(n) ? null : n;
      }
      return cell.classList.contains('missing') ? null : cell.textContent.trim();
    };
    var keyed = rows.map(function (r, i) { return { row: r, key: key(r), i: i }; });
    keyed.sort(function (a, b) {
      // Missing values always go last, whatever the direction.
      if (a.key === null || b.key === null) return (a.key === null) - (b.key === null) || a.i - b.i;
      var d = numeric ? a.key - b.key : a.key.localeCompare(b.key, 'zh-Hans-CN');
      return d * sign || a.i - b.i;
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
  }

  // ---- Picking ----
  function picked() {
    try {
      var list = JSON.parse(localStorage.getItem(KEY) || '[]');
      return Array.isArray(list) ? list.filter(function (s) { return SLUG.test(s); }).slice(0, MAX) : [];
    } catch (e) { return []; }
  }
  function save(list) { try { localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { /* private mode */ } }

  function toggle(slug) {
    var list = picked(), at = list.indexOf(slug);
    if (at >= 0) list.splice(at, 1);
    else if (list.length < MAX) list.push(slug);
    else return false;
    save(list);
    refresh();
    return true;
  }

  function compareUrl(list) { return BASE + 'compare/?ids=' + list.join(','); }

  function refresh() {
    var list = picked();
    Array.prototype.forEach.call(document.querySelectorAll('button.pick'), function (b) {
      var on = list.indexOf(b.getAttribute('data-slug')) >= 0;
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
      b.textContent = on ? '已加入对比' : '加入对比';
    });
    var bar = document.getElementById('pick-bar');
    if (!bar) {
      bar = el('div', 'pick-bar');
      bar.id = 'pick-bar';
      bar.setAttribute('role', 'region');
      bar.setAttribute('aria-label', '对比栏');
      document.body.appendChild(bar);
    }
    bar.textContent = '';
    bar.hidden = list.length === 0;
    if (!list.length) { document.body.style.paddingBottom = ''; return; }
    bar.appendChild(el('span', null, '已选 ' + list.length + ' 个项目（最多 ' + MAX + ' 个）'));
    var go = el('a', 'go', list.length >= 2 ? '并排对比 →' : '再选一个即可对比');
    if (list.length >= 2) go.href = compareUrl(list);
    bar.appendChild(go);
    var clear = el('button', 'clear-picks', '清空');
    clear.type = 'button';
    clear.addEventListener('click', function () { save([]); refresh(); });
    bar.appendChild(clear);
    // The bar is fixed at the bottom: the page ends above it, so it never
    // covers the footer or the last result, however many lines it takes.
    document.body.style.paddingBottom = bar.offsetHeight + 'px';
  }

  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('button.pick');
    if (!b) return;
    if (!toggle(b.getAttribute('data-slug'))) {
      var bar = document.getElementById('pick-bar');
      if (bar) bar.firstChild.textContent = '最多对比 ' + MAX + ' 个项目，请先移除一个';
    }
  });

  // ---- /compare/?ids=a,b: the picked projects side by side ----
  function idsFromUrl() {
    var ids = (new URLSearchParams(location.search).get('ids') || '').split(',')
      .map(function (s) { return s.trim(); }).filter(function (s) { return SLUG.test(s); });
    return ids.filter(function (s, i) { return ids.indexOf(s) === i; }).slice(0, MAX);
  }

  /** Drops one project from the comparison: from the URL and the picks. */
  function drop(section, slug) {
    var ids = idsFromUrl().filter(function (s) { return s !== slug; });
    var p = new URLSearchParams(location.search);
    if (ids.length) p.set('ids', ids.join(',')); else p.delete('ids');
    var qs = p.toString();
    history.replaceState(null, '', location.pathname + (qs ? '?' + qs : '') + location.hash);
    save(picked().filter(function (s) { return s !== slug; }));
    refresh();
    if (ids.length) showPicked(section);
    else section.hidden = true;
  }

  // The rows of a side-by-side comparison, in this order, as the project
  // pages' facts name them; a fact a page leaves out is 未注明.
  var ROWS = ['地区', '年度', '计划与级别', '项目类别', '培训对象', '学段', '参训条件',
    '培训方式', '线下集中', '网络研修', '项目周期', '实施时间', '计划人数', '经费标准', '申报承办'];

  /** A project as its page shows it: its title and facts; null for a page
   *  that offers no comparison (guidance, work items). The page itself is
   *  the data, so no copy of it rides on every project page. */
  function fromPage(doc, id) {
    if (!doc.querySelector('button.pick')) return null;
    var facts = {};
    Array.prototype.forEach.call(doc.querySelectorAll('dl.facts > div'), function (fact) {
      var dt = fact.querySelector('dt'), dd = fact.querySelector('dd');
      if (!dt || !dd) return;
      var lines = dd.querySelectorAll('li');
      facts[dt.textContent] = lines.length
        ? Array.prototype.map.call(lines, function (li) { return li.textContent; }).join('；')
        : dd.textContent;
    });
    var h1 = doc.querySelector('h1');
    var number = h1 && h1.querySelector('.number');
    var title = h1 ? h1.textContent : id;
    if (number) title = title.slice(number.textContent.length).trim();
    return {
      slug: id,
      title: title,
      url: BASE + 'projects/' + id + '/',
      rows: ROWS.map(function (label) { return [label, facts[label] || '未注明']; })
    };
  }

  function showPicked(section) {
    var ids = idsFromUrl();
    if (!ids.length) return;
    section.hidden = false;
    var status = document.getElementById('picked-status');
    status.textContent = '正在加载…';
    Promise.all(ids.map(function (id) {
      return fetch(BASE + 'projects/' + id + '/')
        .then(function (r) { if (!r.ok) throw new Error(id); return r.text(); })
        .then(function (html) {
          return fromPage(new DOMParser().parseFromString(html, 'text/html'), id);
        })
        .catch(function () { return null; });
    })).then(function (projects) {
      var found = projects.filter(Boolean);
      var missing = ids.filter(function (id, i) { return !projects[i]; });
      status.textContent = '并排对比 ' + found.length + ' 个项目' +
        (missing.length ? '；找不到：' + missing.join('、') : '') + '。';
      var table = document.getElementById('picked-table');
      table.textContent = '';
      if (!found.length) return;
      var head = table.createTHead().insertRow();
      head.appendChild(el('th', 'sticky', '项目'));
      found.forEach(function (p) {
        var th = el('th');
        th.scope = 'col';
        var a = el('a', null, p.title);
        a.href = p.url;
        th.appendChild(a);
        var remove = el('button', 'drop', '移除');
        remove.type = 'button';
        remove.setAttribute('aria-label', '从对比中移除：' + p.title);
        remove.addEventListener('click', function () { drop(section, p.slug); });
        th.appendChild(remove);
        head.appendChild(th);
      });
      var body = table.createTBody();
      found[0].rows.forEach(function (row, r) {
        var tr = body.insertRow();
        var th = el('th', 'sticky', row[0]);
        th.scope = 'row';
        tr.appendChild(th);
        found.forEach(function (p) {
          var text = p.rows[r] ? p.rows[r][1] : '';
          tr.appendChild(el('td', text === '未注明' ? 'missing' : null, text));
        });
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), makeSortable);
    var section = document.getElementById('picked');
    if (section) showPicked(section);
    Array.prototype.forEach.call(document.querySelectorAll('button.pick[hidden]'), function (b) { b.hidden = false; });
    refresh();
  }
  window.peixunCompare = { refresh: refresh, picked: picked };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
