// The browser's Store (data.js) under Node, over a site's files on disk:
// loads the facet values named on stdin and prints, per document, the
// values it then holds and whether each facet is wholly loaded, for
// tests/it/contract.rs.
// Usage: node tests/js/store.mjs STATIC_DIR SITE_DIR < {"values": {facet: [value...]}, "whole": [facet...]}
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [staticDir, siteDir] = process.argv.slice(2);
const input = JSON.parse(readFileSync(0, 'utf8'));
const requested = [];
// The site's files by their URL path, as a static server would answer.
globalThis.fetch = async (url) => {
  requested.push(url);
  try {
    const bytes = readFileSync(join(siteDir, url));
    return { ok: true, json: async () => JSON.parse(bytes.toString('utf8')), arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) };
  } catch {
    return { ok: false, status: 404 };
  }
};
globalThis.performance = globalThis.performance || { now: () => 0 };
const { Store } = await import(pathToFileURL(join(staticDir, 'data.js')).href);
const store = new Store({ docs: '/search_docs.json', index: '/search_index.json', shards: '/search_index/', details: '/search_docs/' });
await store.loadDocs();
for (const [k, values] of Object.entries(input.values)) await store.loadValues(k, values);
await store.loadFacets(input.whole);
const keys = Object.keys(input.values).concat(input.whole);
process.stdout.write(JSON.stringify({
  docs: store.docs.map((d) => Object.fromEntries(keys.map((k) => [k, d.facets[k]]))),
  loaded: Object.fromEntries(keys.map((k) => [k, !!store.facetLoaded[k]])),
  requested,
}));
