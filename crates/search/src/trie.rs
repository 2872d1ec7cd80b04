//! The shards' tries written straight from sorted postings, byte for byte
//! what elasticlunr-rs serializes for the same tokens.

use super::postings::{Corpus, Entry};

pub(super) fn rounded_tf(tf: f64) -> f64 {
    (tf * 1000.0).round() / 1000.0
}

/// (slot, token, postings) of each (field, token) of a shard's entries,
/// sorted by field and token number (the number orders tokens by hash,
/// then bytes): each run of one field and number is one token's postings,
/// in posting order. The elasticlunr tries and the compact shards are both
/// written from these.
pub(super) fn token_groups<'a>(
    corpus: &Corpus<'a>,
    entries: &'a [Entry],
) -> Vec<(usize, &'a str, &'a [Entry])> {
    let mut groups: Vec<(usize, &str, &[Entry])> = Vec::new();
    let mut rest = entries;
    while let Some(first) = rest.first() {
        let key = first.field_and_id();
        let len = rest.iter().take_while(|e| e.field_and_id() == key).count();
        let (run, tail) = rest.split_at(len);
        rest = tail;
        let token = corpus.token(first);
        if !token.is_empty() {
            groups.push((first.slot(), token, run));
        }
    }
    groups
}

/// The value of an elasticlunr index's `"index"` key for `entries` (sorted
/// by field, hash and rank), as serde writes elasticlunr-rs's
/// `BTreeMap<String, InvertedIndex>`: `{"body":{"root":NODE},…}` with the
/// fields in name order, where NODE is
/// `{"docs":{REF:{"tf":F},…},"df":N,CHAR:NODE,…}`, documents in ref order
/// and children in character order. Tokens sorted as strings come in
/// exactly that depth-first order, so the trie is written in one pass with
/// a stack of the open nodes' characters.
pub(super) fn write_tries(corpus: &Corpus, entries: &mut [Entry], out: &mut String) {
    let mut groups = token_groups(corpus, entries);
    groups.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut tf_json: Vec<String> = Vec::new();
    out.reserve(groups.len() * 16);
    let mut groups = groups.into_iter().peekable();
    let mut open: Vec<char> = Vec::new();
    out.push('{');
    for (slot, name) in corpus.order.names.iter().enumerate() {
        if slot > 0 {
            out.push(',');
        }
        push_json_str(out, name);
        out.push_str(":{\"root\":{\"docs\":{},\"df\":0");
        while let Some((_, token, postings)) = groups.next_if(|g| g.0 == slot) {
            let common = open
                .iter()
                .zip(token.chars())
                .take_while(|(a, b)| *a == b)
                .count();
            for _ in common..open.len() {
                out.push('}');
            }
            open.truncate(common);
            let mut rest = token.chars().skip(common).peekable();
            while let Some(c) = rest.next() {
                out.push(',');
                if c < ' ' || c == '"' || c == '\\' {
                    let mut buf = [0u8; 4];
                    push_json_str(out, c.encode_utf8(&mut buf));
                } else {
                    out.push('"');
                    out.push(c);
                    out.push('"');
                }
                out.push_str(":{\"docs\":{");
                if rest.peek().is_none() {
                    for (i, e) in postings.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        let (rank, count) = (corpus.rank(e), corpus.count(e));
                        if count == 1 {
                            out.push_str(&corpus.ref_ones[rank]);
                        } else {
                            out.push_str(&corpus.ref_keys[rank]);
                            push_tf(out, &mut tf_json, count);
                            out.push('}');
                        }
                    }
                    out.push_str("},\"df\":");
                    out.push_str(itoa::Buffer::new().format(postings.len()));
                } else {
                    out.push_str("},\"df\":0");
                }
                open.push(c);
            }
        }
        for _ in 0..open.len() {
            out.push('}');
        }
        open.clear();
        out.push_str("}}");
    }
    out.push('}');
}

/// Appends serde_json's text of `rounded_tf(sqrt(count))`; `memo` keeps it
/// for small counts, which make nearly all postings.
pub(super) fn push_tf(out: &mut String, memo: &mut Vec<String>, count: u32) {
    let text = |n: u32| serde_json::to_string(&rounded_tf(f64::from(n).sqrt())).unwrap_or_default();
    let at = count as usize;
    if at >= 256 {
        out.push_str(&text(count));
        return;
    }
    if memo.len() <= at {
        memo.extend((memo.len()..=at).map(|n| text(n as u32)));
    }
    out.push_str(&memo[at]);
}

/// `s` as a JSON string, escaped as serde_json escapes it.
pub(super) fn push_json_str(out: &mut String, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(s).unwrap_or_default());
    }
}
