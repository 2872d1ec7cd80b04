// The browser's twins of crates/search/src/ run under Node on the shared cases:
// prints, as JSON, what query.js and shards.js make of every case, for
// tests/it/contract.rs to compare with Rust and with the expected values.
// Usage: node tests/js/contract.mjs STATIC_DIR < {"tokenizer": [...],
// "queries": {...}, "syllables": [...]} (the case files, and the syllables
// Rust cuts letters into).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [staticDir] = process.argv.slice(2);
const load = (name) => import(pathToFileURL(join(staticDir, name)).href);
const Q = await load('query.js');
const S = await load('shards.js');
const input = JSON.parse(readFileSync(0, 'utf8'));

const tokenizer = input.tokenizer;
const queries = input.queries;
const words = new Set(queries.words);
const isWord = (w) => words.has(w);
const SHARD_COUNTS = [1, 2, 97, 1000];
const INDEX_SHARDS = [[1, 2], [3, 10], [40, 97]];
const SUB_FILES = [[1, 2], [3, 7], [1000, 64]];
const VOCABULARY_FILES = [1, 8, 64, 256];

const out = {
  tokens: tokenizer.map((c) => {
    const tokens = Q.tokenize(c.text);
    return {
      text: c.text,
      tokens,
      shards: tokens.map((t) => SHARD_COUNTS.map((n) => S.shardOf(t, n))),
      index_shards: tokens.map((t) => INDEX_SHARDS.map(([singles, count]) => S.indexShardOf(t, { singles, count }))),
      sub_files: tokens.map((t) => SUB_FILES.map(([group, files]) => S.subOf(t, group, files))),
    };
  }),
  queries: queries.queries.map((c) => ({
    query: c.query,
    terms: Q.parse(c.query, queries.synonyms, isWord).map((t) => {
      const v = { text: t.text, alternatives: t.alternatives.map((a) => ({ text: a.text, tokens: a.tokens })) };
      if (t.pieces.length) v.split = t.pieces.map((p) => p.text);
      return v;
    }),
  })),
  pinyin: queries.pinyin.map((c) => {
    const ways = Q.segmentations(c.letters, input.syllables);
    const full = ways.map(Q.fullKeys), initials = Q.initialKeys(c.letters);
    const vocabularyFiles = full.flat().concat(initials).map((k) => VOCABULARY_FILES.map((n) => S.vocabularyFileOf(k, n)));
    return { letters: c.letters, segmentations: ways, full_keys: full, initial_keys: initials, vocabulary_files: vocabularyFiles };
  }),
};
process.stdout.write(JSON.stringify(out));
