// The results' order as search.js makes it (match.js topFirst, then
// orderUpTo as pages are shown), under Node: for each list of keys on
// stdin, the order of the first page and of the whole list, for
// tests/it/contract.rs to compare with a full sort.
// Usage: node tests/js/order.mjs STATIC_DIR < [{"keys": [...], "page": k}, ...]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [staticDir] = process.argv.slice(2);
const { topFirst, orderUpTo } = await import(pathToFileURL(join(staticDir, 'match.js')).href);
const cases = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map(({ keys, page }) => {
  // Documents are positions; equal keys keep the lower position first.
  const compare = (a, b) => keys[a] - keys[b] || a - b;
  let list = keys.map((_, i) => i);
  list = topFirst(list, compare, page);
  const first = list.slice(0, page);
  const shown = [];
  for (let upTo = page; shown.length < list.length; upTo += page) {
    list = orderUpTo(list, compare, upTo);
    shown.push(...list.slice(shown.length, upTo));
  }
  return { first, all: shown };
})));
