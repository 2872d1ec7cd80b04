// The browser's reader of the compact search files (data.js) run under
// Node: prints, as JSON, what it reads from each file named on stdin, for
// tests/it/contract.rs to compare with what Rust wrote and elasticlunr-rs
// computes.
// Usage: node tests/js/index.mjs STATIC_DIR < {"fields": [...],
// "shards": [path...], "sets": [path...], "figures": [{"path", "count"}]}
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [staticDir] = process.argv.slice(2);
const D = await import(pathToFileURL(join(staticDir, 'data.js')).href);
const input = JSON.parse(readFileSync(0, 'utf8'));
const bytes = (path) => new Uint8Array(readFileSync(path));
// A file the reader refuses is reported, not thrown: a test names it.
const attempt = (read) => { try { return read(); } catch (e) { return { error: String(e.message || e) }; } };

const out = {
  shards: input.shards.map((path) => attempt(() => {
    const byField = D.decodeShard(bytes(path), input.fields);
    const postings = [];
    input.fields.forEach((field, f) => {
      for (const token of Object.keys(byField[field]).sort()) {
        const n = byField[field][token];
        const p = { field: f, token, df: n.df, ids: Array.from(n.ids), w: Array.from(n.w) };
        if (n.tf) { p.tf = Array.from(n.tf); p.len = Array.from(n.len); }
        postings.push(p);
      }
    });
    return postings;
  })),
  sets: input.sets.map((path) => attempt(() => D.decodeFacet(bytes(path)))),
  figures: input.figures.map((f) => attempt(() => D.decodeFigures(bytes(f.path), f.count))),
};
process.stdout.write(JSON.stringify(out));
