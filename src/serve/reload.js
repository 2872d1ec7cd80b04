/* peixun serve: reload the page when the site is rebuilt, keeping the scroll
 * position; show build errors over the page. Injected by the dev server only. */
(function () {
  'use strict';
  var script = document.currentScript;
  var version = script ? script.getAttribute('data-version') : null;
  var key = 'peixun-scroll:' + location.pathname + location.search;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) {
      sessionStorage.removeItem(key);
      window.addEventListener('load', function () { window.scrollTo(0, +saved); });
    }
  } catch (e) { /* storage disabled */ }
  function reload() {
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) { /* ignore */ }
    location.reload();
  }
  function show(text) {
    var box = document.getElementById('peixun-overlay');
    if (!box) {
      box = document.createElement('div');
      box.id = 'peixun-overlay';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,20,.94);color:#fff;padding:1.5rem;font:14px/1.5 ui-monospace,monospace';
      var title = document.createElement('p');
      title.style.cssText = 'font:600 16px system-ui,sans-serif;margin:0 0 1rem';
      title.textContent = (script && script.getAttribute('data-title')) || 'peixun';
      box.appendChild(title);
      box.appendChild(document.createElement('pre'));
      document.body.appendChild(box);
    }
    var pre = box.querySelector('pre');
    pre.style.cssText = 'white-space:pre-wrap;margin:0';
    pre.textContent = text;
  }
  if (!window.EventSource) return;
  var events = new EventSource('/__peixun/events');
  events.addEventListener('version', function (e) { if (version !== null && e.data !== version) reload(); });
  events.addEventListener('reload', reload);
  events.addEventListener('problem', function (e) { try { show(JSON.parse(e.data)); } catch (err) { show(e.data); } });
})();
