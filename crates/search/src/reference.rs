//! elasticlunr-rs itself: the frame of every index file (an empty index's
//! JSON around its tries), and the reference the fast writer is held to.

use super::shards::build_index_by;
use super::tokenizer::CjkLanguage;
use super::trie::rounded_tf;
use super::{SearchDoc, SearchIndex, INDEX_FIELDS};
use elasticlunr::inverted_index::InvertedIndex;
use elasticlunr::IndexBuilder;
use std::collections::BTreeMap;

/// [`build_index_with`] with the tries filled and serialized by
/// elasticlunr-rs itself: the reference the fast writer is tested against.
#[doc(hidden)]
pub fn build_index_by_elasticlunr(docs: &[SearchDoc], postings_per_shard: usize) -> SearchIndex {
    build_index_by(docs, postings_per_shard, |corpus, entries, out| {
        let mut fields: BTreeMap<String, InvertedIndex> = INDEX_FIELDS
            .iter()
            .map(|f| (f.to_string(), InvertedIndex::new()))
            .collect();
        let mut by_slot: Vec<&mut InvertedIndex> = fields.values_mut().collect();
        for e in entries.iter() {
            let tf = rounded_tf(f64::from(corpus.count(e)).sqrt());
            let doc = &corpus.docs[corpus.order.by_rank[corpus.rank(e)]];
            by_slot[e.slot()].add_token(&doc.id, corpus.token(e), tf);
        }
        drop(by_slot);
        out.push_str(&serde_json::to_string(&fields).unwrap_or_default());
    })
}

/// An elasticlunr-rs index with our fields, language and no stored documents.
pub(super) fn empty_index() -> elasticlunr::Index {
    IndexBuilder::with_language(Box::new(CjkLanguage))
        .save_docs(false)
        .add_fields(INDEX_FIELDS)
        .build()
}

/// The JSON of an empty index, cut around the value of `"index"`: a shard
/// is `head + its tries + tail`.
pub(super) fn empty_index_json(empty: &elasticlunr::Index) -> (String, String) {
    let empty = empty.to_json();
    const INDEX: &str = "\"index\":";
    const STORE: &str = ",\"documentStore\":";
    match (empty.find(INDEX), empty.find(STORE)) {
        (Some(a), Some(b)) if a < b => {
            (empty[..a + INDEX.len()].to_string(), empty[b..].to_string())
        }
        // elasticlunr-rs always writes both keys; keep a valid shard anyway.
        _ => ("{\"index\":".into(), "}".into()),
    }
}

/// The whole index in one elasticlunr JSON, as elasticlunr-rs builds it from
/// the text (what the shards add up to; used by tests and small exports).
pub fn build_single_index(docs: &[SearchDoc]) -> String {
    let mut index = empty_index();
    for d in docs {
        index.add_doc(&d.id, d.fields.iter().map(|f| f.as_ref()));
    }
    let mut json = serde_json::to_value(&index).unwrap_or_default();
    round_tf(&mut json);
    json.to_string()
}

/// elasticlunr writes sqrt(tf) at full f64 precision, about a third of the
/// file; 3 decimals change no ranking.
pub(super) fn round_tf(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if k == "tf" {
                    if let Some(f) = child.as_f64() {
                        *child = serde_json::json!((f * 1000.0).round() / 1000.0);
                    }
                } else {
                    round_tf(child);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(round_tf),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    /// 靉楈 and 檗碸 share an FNV-1a hash, so their postings share a sort
    /// key and interleave: the writer must still give each token its node.
    #[test]
    fn tokens_with_one_hash_are_written_as_elasticlunr_writes_them() {
        assert_eq!(crate::shards::fnv1a("靉楈"), crate::shards::fnv1a("檗碸"));
        let doc = |id: &str, body: &str| crate::SearchDoc {
            id: id.into(),
            fields: [
                String::new(),
                String::new(),
                body.into(),
                String::new(),
                String::new(),
            ]
            .map(Into::into),
        };
        let docs = [
            doc("0", "靉楈 檗碸 檗碸 Interdisciplinary"),
            doc("1", "檗碸 interdisciplinary INTERDISCIPLINARY"),
            doc("2", "靉楈 靉楈 靉楈 interdisciplinarity"),
            doc("10", "靉楈 檗碸"),
        ];
        let ours = crate::build_index_with(&docs, 1_000);
        let theirs = crate::build_index_by_elasticlunr(&docs, 1_000);
        assert_eq!(ours.shards, theirs.shards);
        // Shard 0 holds the single characters, shard 1 the rest.
        assert!(ours.shards[0]
            .contains(r#""楈":{"docs":{"0":{"tf":1.0},"10":{"tf":1.0},"2":{"tf":1.732}},"df":3"#));
        // Words too long to go inline: one node per word, counts merged.
        assert!(ours.shards[1].contains(r#""y":{"docs":{"0":{"tf":1.0},"1":{"tf":1.414}},"df":2"#));
    }

    /// Random documents of Han runs, words in mixed case (short, 8 to 11
    /// bytes, and longer), numbers with dots and punctuation, many refs
    /// (string order differs from number order past 10): the writer must
    /// match elasticlunr-rs byte for byte at every shard size.
    #[test]
    fn random_documents_are_written_as_elasticlunr_writes_them() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let han: Vec<char> = "教师培训乡村骨干班主任学校幼儿园小学初中高中研修网络国培计划"
            .chars()
            .collect();
        let words = [
            "STEM",
            "stem",
            "AI",
            "Ai",
            "ai",
            "2.0",
            "3.14",
            "2026",
            "Interdisciplinary",
            "INTERDISCIPLINARY",
            "classroom",
            "Classrooms",
            "abcdefghijk",
            "ABCDEFGHIJKL",
            "x",
            "Ünïcode",
            "naïve",
        ];
        let punct = ["，", "。", " ", "、", "（", "）", "-", "/", "\n"];
        let mut text = |len: usize| {
            let mut t = String::new();
            for _ in 0..len {
                match next(4) {
                    0 | 1 => (0..1 + next(6)).for_each(|_| t.push(han[next(han.len())])),
                    2 => t.push_str(words[next(words.len())]),
                    _ => t.push_str(punct[next(punct.len())]),
                }
            }
            t
        };
        let docs: Vec<crate::SearchDoc> = (0..60)
            .map(|i| crate::SearchDoc {
                id: i.to_string(),
                fields: [text(3), text(2), text(40), text(2), text(5)].map(Into::into),
            })
            .collect();
        for per_shard in [7, 50, 400, 1_000_000] {
            let ours = crate::build_index_with(&docs, per_shard);
            let theirs = crate::build_index_by_elasticlunr(&docs, per_shard);
            assert_eq!(ours.manifest, theirs.manifest);
            assert_eq!(ours.shards, theirs.shards, "{per_shard} postings per shard");
        }
    }
}
