/* peixun: the results as the page shows them: cards, highlights, what a
 * result was found by. All text from the data is inserted with
 * textContent, never as HTML. */

export function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

/** Appends `text` to `parent` with every needle wrapped in <mark>. */
export function highlight(parent, text, needles) {
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

/** Each of `words` in Chinese quotation marks, quotes inside made single
 *  so none are doubled (src/present quoted). */
export function quoted(words) {
  return words.map(function (w) { return '“' + String(w).replace(/“/g, '‘').replace(/”/g, '’') + '”'; }).join('');
}

/** The words a result's text is highlighted with: each term's phrase and
 *  synonyms, and the words a run-together term was split into. */
export function needlesOf(hits) {
  var out = [];
  (hits.plan || []).forEach(function (p) {
    if (p === hits.dropped) return;
    p.alternatives.forEach(function (a) { out.push(a.text); });
    // Not a lone character the term was not searched as (match.js).
    (p.pieces || []).filter(function (piece) { return Array.from(piece.text).length > 1; }).forEach(function (piece) {
      (piece.used || piece.alternatives).forEach(function (a) { out.push(a.text); });
    });
  });
  return out;
}

/** One result: `doc` with its `detail`; `why(shownText)` says where the
 *  terms the card does not show were found. */
export function resultCard(doc, needles, why) {
  var d = doc.detail;
  var li = el('li', 'card result' + (doc.work_item ? ' work' : '') + (doc.past ? ' past' : ''));
  var h = el('h3'), a = el('a');
  a.href = d.url;
  highlight(a, d.title, needles);
  h.appendChild(a);
  if (doc.work_item) { h.appendChild(document.createTextNode(' ')); h.appendChild(el('span', 'badge', '专项工作')); }
  if (doc.past) { h.appendChild(document.createTextNode(' ')); h.appendChild(el('span', 'badge past', '往年')); }
  li.appendChild(h);
  var meta = [doc.place];
  if (d.year) meta.push(d.year + '年');
  if (d.plan) meta.push(d.plan);
  meta.push(d.category);
  var metaLine = el('p', 'meta');
  highlight(metaLine, meta.join(' · '), needles);
  li.appendChild(metaLine);
  var facts = el('p', 'summary');
  if (d.audience.length) {
    var who = el('span');
    highlight(who, '对象 ' + d.audience.join('、'), needles);
    facts.appendChild(who);
  }
  facts.appendChild(el('span', null, '线下 ' + figure(doc.offline_days, doc.offline_days_at_least, '天')));
  facts.appendChild(el('span', null, '网络 ' + figure(doc.online_hours, doc.online_hours_at_least, '学时')));
  li.appendChild(facts);
  // Work items are no trainings: nothing to compare them with.
  if (!doc.work_item) {
    var pick = el('button', 'pick', '加入对比');
    pick.type = 'button';
    pick.setAttribute('data-slug', d.slug);
    li.appendChild(pick);
  }
  var shown = [d.title, meta.join(' '), d.audience.join(' ')];
  if (d.eligibility) {
    var p = el('p', 'result-eligibility');
    var text = Array.from(d.eligibility);
    var cut = text.length > 90 ? text.slice(0, 90).join('') + '…' : d.eligibility;
    highlight(p, cut, needles);
    li.appendChild(p);
    shown.push(cut);
  }
  var found = why(shown.join('\n').toLowerCase());
  if (found.length) {
    var line = el('p', 'result-why');
    highlight(line, found.join('；'), needles);
    li.appendChild(line);
  }
  return li;
}

/** Where the card does not show a term, where it was found: a facet value
 *  or tag that holds it (方式：名校访学), or the text (正文提到…). A term
 *  found by its words (小学班主任 as 小学 and 班主任) is said word by word. */
export function whyFound(doc, ref, hits, shown, filters, matcher) {
  var out = [];
  var units = [];
  (hits && hits.plan || []).forEach(function (p) {
    if (p === hits.dropped) return;
    if (p.byWords && p.byWords[ref]) p.pieces.forEach(function (piece) { units.push(piece.used || piece.alternatives); });
    else units.push(p.alternatives);
  });
  units.forEach(function (alternatives) {
    var words = alternatives.map(function (a) { return a.text; });
    var holds = function (text) { text = String(text).toLowerCase(); return words.some(function (w) { return text.indexOf(w) >= 0; }); };
    if (words.some(function (w) { return shown.indexOf(w) >= 0; })) return;
    var said = null;
    filters.keys.some(function (k) {
      var v = (doc.facets[k] || []).filter(holds)[0];
      var l = filters.labels[k];
      if (v !== undefined) said = (l ? l.facet : k) + '：' + ((l && l.values[v]) || v);
      return said !== null;
    });
    if (said === null) {
      var tags = (doc.detail.tags || []).filter(holds);
      if (tags.length) said = '标签：' + tags.join('、');
    }
    if (said === null) {
      var inBody = alternatives.filter(function (a) { return matcher.inBody(ref, a.tokens); });
      if (inBody.length) said = '正文提到' + quoted([inBody[0].text]);
    }
    if (said !== null && out.indexOf(said) < 0) out.push(said);
  });
  return out;
}

/** What the page says it searched: pinyin, initials, synonyms; sets
 *  `sound` to the words a sound-alike term may have meant. */
export function queryNotes(hits) {
  var notes = [], sound = null;
  (hits.plan || []).forEach(function (p) {
    if (p === hits.dropped) return;
    var words = p.alternatives.map(function (a) { return a.text; });
    if (p.via === 'pinyin' && words.length) notes.push('按拼音' + quoted([p.text]) + '搜索了' + quoted(words) + '。');
    else if (p.via === 'initials' && words.length) notes.push('按拼音首字母' + quoted([p.text]) + '搜索了' + quoted(words) + '。');
    else if (p.via === 'sound' && words.length) {
      notes.push('没有项目包含' + quoted([p.text]) + '。');
      sound = words;
    } else if (!p.via && words.length > 1) notes.push(quoted([p.text]) + '也搜索了' + quoted(words.slice(1)) + '。');
    // A term read as the words it runs together, where they found more.
    if (!p.via && p.split) {
      var pieces = p.pieces.map(function (piece) { return piece.text; });
      notes.push('按' + quoted(pieces) + '搜索' + (p.phrase ? '，完整包含' + quoted([p.text]) + '的排在前面' : '') + '。');
    }
  });
  return { notes: notes, sound: sound };
}
