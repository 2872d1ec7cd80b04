/* peixun: which file holds a token, the same function as crates/search/src/shards.rs
 * (tested against it with shared cases, under Node and in Chromium). */

var utf8 = new TextEncoder();

/** FNV-1a (32 bit) of the UTF-8 bytes, modulo `count`: `shard_of`. */
export function shardOf(token, count) {
  var bytes = utf8.encode(token), h = 0x811c9dc5;
  for (var i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % Math.max(1, count);
}

/** The index shard of a token: a single character's among the first
 *  `singles`, another token's among the rest (`index_shard_of`). */
export function indexShardOf(token, shards) {
  var singles = shards.singles || 0;
  return Array.from(token).length === 1 ? shardOf(token, singles) : singles + shardOf(token, shards.count - singles);
}
