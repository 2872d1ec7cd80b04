/* peixun: which file holds a token, the same functions as crates/search/src/shards.rs,
 * compact.rs `sub_of` and pinyin.rs `vocabulary_file_of`
 * (tested against it with shared cases, under Node and in Chromium). */

var utf8 = new TextEncoder();

/** FNV-1a (32 bit) of the UTF-8 bytes. */
function fnv1a(token) {
  var bytes = utf8.encode(token), h = 0x811c9dc5;
  for (var i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** FNV-1a modulo `count`: `shard_of`. */
export function shardOf(token, count) {
  return fnv1a(token) % Math.max(1, count);
}

/** The file of the pinyin vocabulary (of `count`) that holds `key`: its
 *  first syllable's (`f:ban` of `f:ban zhu`), `vocabulary_file_of`. */
export function vocabularyFileOf(key, count) {
  return shardOf(key.split(' ')[0], count);
}

/** Which of a split shard's `files` holds `token`, in a shard of a group
 *  of `group` shards: `compact::sub_of`. */
export function subOf(token, group, files) {
  return Math.floor(fnv1a(token) / Math.max(1, group)) % Math.max(1, files);
}

/** The index shard of a token: a single character's among the first
 *  `singles`, another token's among the rest (`index_shard_of`). */
export function indexShardOf(token, shards) {
  var singles = shards.singles || 0;
  return Array.from(token).length === 1 ? shardOf(token, singles) : singles + shardOf(token, shards.count - singles);
}

/** The name of the file that holds a token (`search_index/<name>.bin`):
 *  its shard, and in a shard split into several files (the manifest's
 *  `split`), the one of them that holds it: `3` or `3-1`. */
export function indexFileOf(token, shards) {
  var k = indexShardOf(token, shards), files = shards.split && shards.split[k];
  if (!files) return String(k);
  var singles = shards.singles || 0;
  return k + '-' + subOf(token, k < singles ? singles : shards.count - singles, files);
}
