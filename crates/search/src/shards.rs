//! The index split by token into shards: which shard holds a token (the
//! 32-bit FNV-1a that shards.js computes too), and the partition of every
//! posting into its shard, sorted for the trie writer.

use super::postings::{doc_terms, Corpus, Counts, Dictionary, DocTerms, Entry, Order, Tokens};
use super::reference::{empty_index, empty_index_json};
use super::{SearchDoc, SearchIndex, INDEX_FIELDS};

/// FNV-1a (32 bit) of the token's UTF-8 bytes: which shard holds a token.
/// shards.js computes the same function (tested with shared cases).
pub fn shard_of(token: &str, shards: usize) -> usize {
    (fnv1a(token) as usize) % shards.max(1)
}

/// Which index shard holds a token. Single characters, which only a
/// one-character query needs, are in the first `singles` of the `count`
/// shards, every other token in the rest: a query of pairs and words then
/// never downloads the postings of its characters (at 10,000 projects 长
/// alone is 360 KB of a shard). shards.js computes the same.
pub fn index_shard_of(token: &str, singles: usize, count: usize) -> usize {
    let mut chars = token.chars();
    if chars.next().is_some() && chars.next().is_none() {
        shard_of(token, singles)
    } else {
        singles + shard_of(token, count.saturating_sub(singles))
    }
}

pub(super) fn fnv1a(token: &str) -> u32 {
    fnv1a_bytes(token.as_bytes())
}

pub(super) fn fnv1a_bytes(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// `hash % count` for a fixed count without a division per posting (a
/// division costs ~25 cycles, twice for every posting): Lemire,
/// Kaser and Kurz, "Faster remainder by direct computation" (2019), exact
/// for every 32-bit hash and count (test: `shard_of_is_the_remainder`).
#[derive(Clone, Copy)]
pub(super) struct ShardOf {
    pub(super) count: u64,
    pub(super) magic: u64,
}

impl ShardOf {
    pub(super) fn new(count: usize) -> ShardOf {
        let count = count.clamp(1, u32::MAX as usize) as u64;
        ShardOf {
            count,
            magic: (u64::MAX / count).wrapping_add(1),
        }
    }
    pub(super) fn of(&self, hash: u32) -> usize {
        let low = self.magic.wrapping_mul(u64::from(hash));
        ((u128::from(low) * u128::from(self.count)) >> 64) as usize
    }
}

/// Postings placed in their shards: the documents' terms (their long
/// tokens and lengths), the order of fields and documents, and one bucket
/// of postings per shard, in the `Order`'s document order (for every
/// shard, or for a run of them, [`partition_in_runs`]).
pub(super) struct Partition {
    pub(super) order: Order,
    pub(super) terms: Vec<DocTerms>,
    pub(super) tokens: Tokens,
    /// The postings of shards `first..first + buckets.len()`.
    pub(super) buckets: Vec<Vec<Entry>>,
    pub(super) first: usize,
    /// Shards in all, the first `singles` of them single characters.
    pub(super) count: usize,
    pub(super) singles: usize,
}

/// Documents tokenized together, in the `Order`'s document order: their
/// postings in one allocation, which goes back to the system as soon as
/// they are placed.
struct Chunk {
    entries: Vec<Entry>,
    /// Its tokens, numbered as first met in it, until numbered for all.
    dictionary: Dictionary,
    /// Per document: how many of its postings, and how many of those (in
    /// front) are single characters.
    spans: Vec<(usize, usize)>,
    /// Its postings, and those of single characters, kept or not.
    postings: usize,
    single_postings: usize,
}

impl Chunk {
    /// Keeps the postings `keep` says (their tokens still numbered as met
    /// in the chunk), counting them all first.
    fn keep(&mut self, keep: &Keep) {
        self.postings = self.entries.len();
        self.single_postings = self.spans.iter().map(|&(_, ones)| ones).sum();
        match keep {
            Keep::All => {}
            Keep::Nothing => {
                self.entries = Vec::new();
                self.spans.iter_mut().for_each(|s| *s = (0, 0));
            }
            Keep::Shards(layout, shards) => {
                let hashes: Vec<u32> = self
                    .dictionary
                    .tokens
                    .iter()
                    .map(|t| fnv1a_bytes(&t.bytes()))
                    .collect();
                let hash = |e: &Entry| hashes.get(e.id() as usize).copied().unwrap_or(0);
                let mut kept = Vec::new();
                let mut at = 0;
                for span in &mut self.spans {
                    let (len, ones) = *span;
                    let before = kept.len();
                    let mut kept_ones = 0;
                    for (i, e) in self.entries[at..at + len].iter().enumerate() {
                        if shards.contains(&layout.shard(hash(e), i < ones)) {
                            kept.push(*e);
                            kept_ones += usize::from(i < ones);
                        }
                    }
                    *span = (kept.len() - before, kept_ones);
                    at += len;
                }
                kept.shrink_to_fit();
                self.entries = kept;
            }
        }
    }

    /// Calls `each(shard, entry)` for every posting: single characters
    /// among the first shards, the rest after. Plain loops: an iterator
    /// chain here cost a third of the partition's time.
    fn place(&self, tokens: &Tokens, layout: &Layout, each: &mut dyn FnMut(usize, &Entry)) {
        let mut at = 0;
        for &(len, ones) in &self.spans {
            let (front, rest) = self.entries[at..at + len].split_at(ones.min(len));
            for e in front {
                each(layout.shard(tokens.hash(e.id()), true), e);
            }
            for e in rest {
                each(layout.shard(tokens.hash(e.id()), false), e);
            }
            at += len;
        }
    }
}

/// Documents a chunk holds: at about a thousand postings a document, some
/// 60 MB of postings, large enough that the allocator maps each chunk on
/// its own and unmaps it when it is freed (glibc's threshold is at most
/// 32 MB), so the postings placed are not held twice.
const CHUNK_DOCS: usize = 4096;

/// Documents of a chunk after which its postings' room is reserved.
const ESTIMATE_FROM: usize = 64;

/// How many shards of each kind: single characters first, about
/// `postings_per_shard` postings a shard.
struct Layout {
    singles: usize,
    count: usize,
    of_single: ShardOf,
    of_other: ShardOf,
}

impl Layout {
    fn new(postings: usize, single_postings: usize, postings_per_shard: usize) -> Layout {
        let per_shard = postings_per_shard.max(1);
        let singles = single_postings.div_ceil(per_shard).max(1);
        let count = singles + (postings - single_postings).div_ceil(per_shard).max(1);
        Layout {
            singles,
            count,
            of_single: ShardOf::new(singles),
            of_other: ShardOf::new(count - singles),
        }
    }
    #[inline]
    fn shard(&self, hash: u32, single: bool) -> usize {
        if single {
            self.of_single.of(hash)
        } else {
            self.singles + self.of_other.of(hash)
        }
    }
}

/// Which postings a tokenizing pass keeps.
enum Keep<'a> {
    All,
    /// None: a pass that counts them.
    Nothing,
    /// Those of a run of shards.
    Shards(&'a Layout, std::ops::Range<usize>),
}

/// Every document tokenized: the terms, the postings kept, every token.
struct Tokenized {
    terms: Vec<DocTerms>,
    chunks: Vec<Chunk>,
    tokens: Tokens,
    /// Postings, and those of single characters, kept or not.
    postings: usize,
    single_postings: usize,
}

fn tokenize(docs: &[SearchDoc], order: &Order, keep: &Keep) -> Tokenized {
    use rayon::prelude::*;
    let (mut postings, mut single_postings) = (0, 0);
    let (terms, chunks, tokens) = crate::timing::phase("index: tokenize", || {
        let mut tokenized: Vec<(Vec<(usize, DocTerms)>, Chunk)> = order
            .by_rank
            .par_chunks(CHUNK_DOCS)
            .map_init(Counts::default, |counts, run| {
                let mut chunk = Chunk {
                    entries: Vec::new(),
                    dictionary: Dictionary::default(),
                    spans: Vec::with_capacity(run.len()),
                    postings: 0,
                    single_postings: 0,
                };
                let terms = run
                    .iter()
                    .enumerate()
                    .filter_map(|(i, &d)| {
                        let mut t =
                            doc_terms(d, docs.get(d)?, order, counts, &mut chunk.dictionary);
                        chunk.spans.push((t.entries.len(), t.singles));
                        if i == ESTIMATE_FROM {
                            // The chunk's tens of megabytes reserved once, as
                            // its first documents foretell, not grown by
                            // copying as they come.
                            let each = chunk.entries.len().div_ceil(i.max(1));
                            chunk.entries.reserve(each * (run.len() - i) * 9 / 8);
                        }
                        chunk.entries.append(&mut t.entries);
                        t.entries = Vec::new();
                        Some((d, t))
                    })
                    .collect();
                chunk.keep(keep);
                (terms, chunk)
            })
            .collect();
        for (_, chunk) in &tokenized {
            postings += chunk.postings;
            single_postings += chunk.single_postings;
        }
        // Every chunk's tokens numbered once for all, in the order the
        // writer wants them; each chunk's postings renumbered.
        let mut all = Dictionary::default();
        let local: Vec<Vec<u32>> = tokenized
            .iter_mut()
            .map(|(_, chunk)| {
                let dictionary = std::mem::take(&mut chunk.dictionary);
                dictionary.tokens.iter().map(|t| all.id_of(t)).collect()
            })
            .collect();
        let (tokens, renumber) = Tokens::sorted(all);
        tokenized
            .par_iter_mut()
            .zip(local.par_iter())
            .for_each(|((terms, chunk), local)| {
                let new = |e: &Entry| {
                    let id = local.get(e.id() as usize).copied().unwrap_or(0);
                    e.renumbered(renumber.get(id as usize).copied().unwrap_or(0))
                };
                for e in &mut chunk.entries {
                    *e = new(e);
                }
                for (_, t) in terms.iter_mut() {
                    for (e, _) in &mut t.large_counts {
                        *e = new(e);
                    }
                }
            });
        drop((local, renumber));
        let mut terms: Vec<Option<DocTerms>> = (0..docs.len()).map(|_| None).collect();
        let mut chunks = Vec::with_capacity(tokenized.len());
        for (of_chunk, chunk) in tokenized {
            for (d, t) in of_chunk {
                terms[d] = Some(t);
            }
            chunks.push(chunk);
        }
        let terms: Vec<DocTerms> = terms.into_iter().map(Option::unwrap_or_default).collect();
        (terms, chunks, tokens)
    });
    Tokenized {
        terms,
        chunks,
        tokens,
        postings,
        single_postings,
    }
}

/// Places the postings of `chunks` in their shards, those of `shards`
/// only (the first bucket is shard `shards.start`).
fn place(
    chunks: Vec<Chunk>,
    tokens: &Tokens,
    layout: &Layout,
    shards: std::ops::Range<usize>,
) -> Vec<Vec<Entry>> {
    use rayon::prelude::*;
    let (first, count) = (shards.start, shards.len());
    // One bucket per shard, its exact size reserved (and not touched until
    // written). Chunks are placed in document order, so every bucket comes
    // out in that order: sorting it by field and token, keeping that order,
    // gives the writer's order. Each thread fills its own run of buckets from
    // every chunk; a chunk is freed once placed.
    crate::timing::phase("index: partition", || {
        let sizes: Vec<usize> = chunks
            .par_iter()
            .map(|c| {
                let mut n = vec![0usize; count];
                c.place(tokens, layout, &mut |k, _| {
                    if let Some(n) = k.checked_sub(first).and_then(|k| n.get_mut(k)) {
                        *n += 1;
                    }
                });
                n
            })
            .reduce(
                || vec![0usize; count],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                    a
                },
            );
        let mut buckets: Vec<Vec<Entry>> = sizes.iter().map(|&n| Vec::with_capacity(n)).collect();
        let per_thread = count.div_ceil(rayon::current_num_threads().max(1)).max(1);
        for chunk in chunks {
            buckets
                .par_chunks_mut(per_thread)
                .enumerate()
                .for_each(|(i, mine)| {
                    let mine_from = first + i * per_thread;
                    chunk.place(tokens, layout, &mut |k, &e| {
                        if let Some(bucket) = k.checked_sub(mine_from).and_then(|k| mine.get_mut(k))
                        {
                            bucket.push(e);
                        }
                    });
                });
        }
        buckets
    })
}

/// Tokenizes `docs` and places each posting in its shard, about
/// `postings_per_shard` a shard, each shard's postings in `order`.
pub(super) fn partition(docs: &[SearchDoc], order: Order, postings_per_shard: usize) -> Partition {
    let Tokenized {
        terms,
        chunks,
        tokens,
        postings,
        single_postings,
    } = tokenize(docs, &order, &Keep::All);
    let layout = Layout::new(postings, single_postings, postings_per_shard);
    let buckets = place(chunks, &tokens, &layout, 0..layout.count);
    Partition {
        order,
        terms,
        tokens,
        buckets,
        first: 0,
        count: layout.count,
        singles: layout.singles,
    }
}

/// [`partition`] a run of shards at a time, each run of at most about
/// `max_postings` postings, so that no more are ever held at once: `each`
/// gets every run's partition, run after run, and the last is returned
/// without its buckets (the terms and tokens are every run's).
/// Every document is tokenized once more for each run, and once to count.
pub(super) fn partition_in_runs(
    docs: &[SearchDoc],
    order: Order,
    postings_per_shard: usize,
    max_postings: usize,
    each: &mut dyn FnMut(&mut Partition),
) -> Partition {
    let counted = tokenize(docs, &order, &Keep::Nothing);
    let layout = Layout::new(
        counted.postings,
        counted.single_postings,
        postings_per_shard,
    );
    let runs = counted
        .postings
        .div_ceil(max_postings.max(1))
        .clamp(1, layout.count);
    drop(counted);
    let mut partition = Partition {
        order,
        terms: Vec::new(),
        tokens: Tokens::default(),
        buckets: Vec::new(),
        first: 0,
        count: layout.count,
        singles: layout.singles,
    };
    for run in 0..runs {
        let shards = run * layout.count / runs..(run + 1) * layout.count / runs;
        let Tokenized {
            terms,
            chunks,
            tokens,
            ..
        } = tokenize(
            docs,
            &partition.order,
            &Keep::Shards(&layout, shards.clone()),
        );
        partition.first = shards.start;
        partition.buckets = place(chunks, &tokens, &layout, shards);
        partition.terms = terms;
        partition.tokens = tokens;
        each(&mut partition);
    }
    partition
}
pub(super) fn build_index_by(
    docs: &[SearchDoc],
    postings_per_shard: usize,
    tries: impl Fn(&Corpus, &mut [Entry], &mut String) + Sync,
) -> SearchIndex {
    use rayon::prelude::*;
    let Partition {
        order,
        terms,
        tokens,
        buckets,
        singles,
        ..
    } = partition(docs, Order::new(docs), postings_per_shard);
    let count = buckets.len();
    let empty = empty_index();
    let (head, tail) = empty_index_json(&empty);
    let corpus = Corpus::new(docs, &terms, &order, &tokens);
    let shards: Vec<String> = crate::timing::phase("index: shards", || {
        buckets
            .into_par_iter()
            .map_init(Vec::new, |scratch, mut entries| {
                sort_by_field_and_token(&mut entries, scratch, tokens.len());
                // About 18 bytes of JSON a posting: written in place, not
                // copied again between the head and tail.
                let mut out = String::with_capacity(head.len() + entries.len() * 20 + tail.len());
                out.push_str(&head);
                tries(&corpus, &mut entries, &mut out);
                out.push_str(&tail);
                out
            })
            .collect()
    });
    let mut manifest = serde_json::to_value(&empty).unwrap_or_default();
    manifest["documentStore"] = serde_json::json!({
        "save": false, "docs": {}, "docInfo": {}, "length": docs.len()
    });
    // Field lengths as one column per field, indexed by ref: a third the
    // size of elasticlunr's docInfo object per document.
    let lengths: serde_json::Map<String, serde_json::Value> = INDEX_FIELDS
        .iter()
        .enumerate()
        .map(|(f, name)| {
            let column: Vec<usize> = terms.iter().map(|t| t.lengths[f]).collect();
            (name.to_string(), serde_json::json!(column))
        })
        .collect();
    manifest["lengths"] = serde_json::Value::Object(lengths);
    manifest["shards"] = serde_json::json!({
        "count": count,
        "singles": singles,
        "path": "search_index/",
        "hash": "fnv1a-32 of the token's UTF-8 bytes: a one-character token's modulo singles, another's singles + modulo (count - singles)",
    });
    SearchIndex {
        manifest: manifest.to_string(),
        shards,
    }
}

/// Sorts `entries` by `Entry::field_and_id`, keeping the order of equal
/// keys: a least-significant-digit radix sort over the field's 3 bits
/// above the bits the `tokens` numbers take (13 for the generated
/// catalogs' 4,497 tokens; a million tokens of real text would take 20),
/// in as few passes of at most 11 bits as that takes (a pass whose digit
/// is the same throughout is skipped). Twice as fast as a comparison
/// sort on a shard's thousands of postings, and stable, which lets the
/// document order the partition leaves stand.
pub(super) fn sort_by_field_and_token(
    entries: &mut Vec<Entry>,
    scratch: &mut Vec<Entry>,
    tokens: usize,
) {
    const MAX_BITS: u32 = 11;
    let id_bits = usize::BITS - tokens.leading_zeros();
    let key_bits = 3 + id_bits;
    let passes = key_bits.div_ceil(MAX_BITS).max(1);
    let bits = key_bits.div_ceil(passes);
    let digits = 1usize << bits;
    let key = |e: &Entry| u64::from(e.slot() as u32) << id_bits | u64::from(e.id());
    let digit = |k: u64, pass: u32| (k >> (pass * bits)) as usize & (digits - 1);
    let mut counts = vec![0usize; digits * passes as usize];
    for e in entries.iter() {
        let k = key(e);
        for pass in 0..passes {
            counts[pass as usize * digits + digit(k, pass)] += 1;
        }
    }
    scratch.clear();
    scratch.resize(entries.len(), Entry::ZERO);
    let mut at = vec![0usize; digits];
    for pass in 0..passes {
        let count = &counts[pass as usize * digits..(pass as usize + 1) * digits];
        if count.contains(&entries.len()) {
            continue;
        }
        let mut sum = 0;
        for (a, n) in at.iter_mut().zip(count) {
            *a = sum;
            sum += n;
        }
        for e in entries.iter() {
            let d = digit(key(e), pass);
            scratch[at[d]] = *e;
            at[d] += 1;
        }
        std::mem::swap(entries, scratch);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shard_of_is_the_remainder() {
        let mut seed = 1u64;
        for count in (1..2000).chain([4093, 65_536, 1 << 20, u32::MAX as usize]) {
            let by = super::ShardOf::new(count);
            for hash in [0, 1, count as u32 - 1, count as u32, u32::MAX - 1, u32::MAX] {
                assert_eq!(by.of(hash), hash as usize % count, "{hash} % {count}");
            }
            for _ in 0..200 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let hash = (seed >> 32) as u32;
                assert_eq!(by.of(hash), hash as usize % count, "{hash} % {count}");
            }
        }
    }

    #[test]
    fn postings_sort_by_field_and_token_keeping_their_order() {
        use crate::postings::Entry;
        let mut seed = 7u64;
        let mut next = |below: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % below.max(1)
        };
        let mut scratch = Vec::new();
        for tokens in [1usize, 2, 300, 5_000, 3_000_000, u32::MAX as usize] {
            for len in [0usize, 1, 17, 4_000] {
                let mut entries: Vec<Entry> = (0..len)
                    .map(|_| {
                        let (slot, id) = (next(5), next(tokens as u64));
                        // The rest of the posting: its place in the input.
                        let rest = next(1 << super::super::postings::RANK_AND_COUNT_BITS);
                        Entry {
                            order: slot << 61
                                | id << super::super::postings::RANK_AND_COUNT_BITS
                                | rest,
                        }
                    })
                    .collect();
                let mut expected = entries.clone();
                expected.sort_by_key(Entry::field_and_id);
                super::sort_by_field_and_token(&mut entries, &mut scratch, tokens);
                assert!(entries == expected, "{tokens} tokens, {len} postings");
            }
        }
    }

    #[test]
    fn shard_of_is_fnv1a() {
        // Reference values of FNV-1a 32 ("" and "a" are the published test vectors).
        assert_eq!(super::shard_of("", usize::MAX), 0x811c9dc5);
        assert_eq!(super::shard_of("a", usize::MAX), 0xe40c292c);
        assert_eq!(super::shard_of("教师", 1), 0);
    }
}
