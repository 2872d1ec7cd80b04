//! The tokenizer, which `themes/default/static/query.js` implements
//! identically (both are held to `tests/data/tokenizer_cases.json`, in Rust
//! and in headless Chromium): a run of Han characters gives every single
//! character and every adjacent pair (乡村教师 → 乡 村 教 师 乡村 村教 教师);
//! a run of letters and digits gives one lowercased token, with a dot
//! between digits kept (工程2.0 → 工 程 工程 2.0; STEM → stem).

use elasticlunr::pipeline::Pipeline;
use elasticlunr::Language;

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Punctuation and spaces of Chinese text (，。、“”《》（）：；…—·, the
/// ideographic space): separators, known without `char::is_alphanumeric`,
/// whose table search for non-ASCII characters is slow on Chinese text. Every
/// character here is not alphanumeric (test:
/// `chinese_punctuation_is_a_separator_as_is_alphanumeric_says`).
pub(super) fn is_cjk_separator(c: char) -> bool {
    matches!(c as u32,
        0xB7 | 0x2000..=0x206F | 0x3000..=0x3004 | 0x3008..=0x3020
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// Tokens of `text` as described in the module docs.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| out.push(t.to_string()));
    out
}

/// Calls `emit` with each token of `text`, in [`tokenize`]'s order, without
/// allocating one string per token: Han tokens are slices of `text`, only
/// lowercased words go through a reused buffer. The index builder counts
/// every token of every document this way.
pub fn for_each_token(text: &str, emit: impl FnMut(&str)) {
    tokens_into(text, &mut Emit(emit));
}

/// Where the tokenizer puts what it finds. Generic rather than `dyn`: the
/// index's count (a hash-map update per token) is then inlined instead of
/// called through a vtable.
pub(super) trait TokenSink {
    fn token(&mut self, token: &str);
    /// A run of Han characters starting at the byte offsets `bounds` (whose
    /// last item is the run's end): its characters, then its pairs.
    fn han_run(&mut self, text: &str, bounds: &[usize]) {
        han_run_tokens(self, text, bounds);
    }
}

/// A Han run's characters, then its pairs, one `token` call each: the
/// default [`TokenSink::han_run`], and what a sink that reads the run
/// faster falls back to.
pub(super) fn han_run_tokens(sink: &mut (impl TokenSink + ?Sized), text: &str, bounds: &[usize]) {
    for w in bounds.windows(2) {
        sink.token(&text[w[0]..w[1]]);
    }
    for w in bounds.windows(3) {
        sink.token(&text[w[0]..w[2]]);
    }
}

pub(super) struct Emit<F>(F);

impl<F: FnMut(&str)> TokenSink for Emit<F> {
    fn token(&mut self, token: &str) {
        (self.0)(token)
    }
}

pub(super) fn tokens_into(text: &str, sink: &mut impl TokenSink) {
    // Byte offsets of the current Han run's characters, plus its end.
    let mut han: Vec<usize> = Vec::new();
    let mut han_end = 0;
    let mut word = String::new();
    // Where the current word starts and ends in `text`: a word already in
    // lower case is emitted as that slice, so callers can keep offsets.
    let (mut word_start, mut word_end) = (0, 0);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_han(c) {
            flush_word(text, &mut word, (word_start, word_end), sink);
            han.push(i);
            han_end = i + c.len_utf8();
        } else if !is_cjk_separator(c) && c.is_alphanumeric() {
            flush_han(text, &mut han, han_end, sink);
            if word.is_empty() {
                word_start = i;
            }
            word.extend(c.to_lowercase());
            word_end = i + c.len_utf8();
        } else if c == '.'
            && word.chars().last().is_some_and(|p| p.is_ascii_digit())
            && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit())
        {
            word.push('.');
            word_end = i + 1;
        } else {
            flush_han(text, &mut han, han_end, sink);
            flush_word(text, &mut word, (word_start, word_end), sink);
        }
    }
    flush_han(text, &mut han, han_end, sink);
    flush_word(text, &mut word, (word_start, word_end), sink);
}

pub(super) fn flush_han(text: &str, han: &mut Vec<usize>, end: usize, sink: &mut impl TokenSink) {
    if han.is_empty() {
        return;
    }
    han.push(end);
    sink.han_run(text, han);
    han.clear();
}

pub(super) fn flush_word(
    text: &str,
    word: &mut String,
    range: (usize, usize),
    sink: &mut impl TokenSink,
) {
    if !word.is_empty() {
        match text.get(range.0..range.1) {
            Some(raw) if raw == word.as_str() => sink.token(raw),
            _ => sink.token(word),
        }
        word.clear();
    }
}

pub struct CjkLanguage;

impl Language for CjkLanguage {
    fn name(&self) -> String {
        "peixun-cjk".into()
    }
    fn code(&self) -> String {
        "zh".into()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        tokenize(text)
    }
    fn make_pipeline(&self) -> Pipeline {
        // No stop words or stemming: the client then needs no pipeline functions.
        Pipeline { queue: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn tokens_for_chinese_latin_and_digits() {
        assert_eq!(
            tokenize("乡村教师"),
            ["乡", "村", "教", "师", "乡村", "村教", "教师"]
        );
        assert_eq!(
            tokenize("工程2.0 STEM课程"),
            ["工", "程", "工程", "2.0", "stem", "课", "程", "课程"]
        );
        assert_eq!(tokenize("2026年。"), ["2026", "年"]);
    }

    #[test]
    fn chinese_punctuation_is_a_separator_as_is_alphanumeric_says() {
        let separators: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_cjk_separator(c))
            .collect();
        assert!(separators.len() > 150);
        for c in separators {
            assert!(
                !c.is_alphanumeric() && !is_han(c) && c != '.',
                "{c:?} U+{:04X}",
                c as u32
            );
        }
        for c in "，。、；：？！“”‘’（）《》【】—…·\u{3000}".chars() {
            assert!(is_cjk_separator(c), "{c:?}");
        }
        assert_eq!(
            tokenize("教师，培训。"),
            ["教", "师", "教师", "培", "训", "培训"]
        );
    }

    /// The table query.js is held to too (under Node and in Chromium): both sides
    /// must give these exact tokens.
    #[test]
    fn shared_tokenizer_cases() {
        let cases: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../../../tests/data/tokenizer_cases.json")).unwrap();
        assert!(cases.len() >= 20);
        for case in cases {
            let text = case["text"].as_str().unwrap();
            let want: Vec<String> = serde_json::from_value(case["tokens"].clone()).unwrap();
            assert_eq!(tokenize(text), want, "tokens of {text:?}");
        }
    }
}
