//! Messages in the editor's language: Chinese by default, English when the
//! locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), `PEIXUN_LANG` or the `--lang`
//! option asks for it. Every message an editor reads is a Project Fluent
//! message in `src/locales/zh-CN.ftl` and `src/locales/en.ftl`, looked up by
//! its id with [`tr!`](crate::tr); a test holds the two files to the same
//! ids and to every id the code uses.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

/// The languages peixun speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Chooses the language for the rest of the run (the `--lang` option).
/// The first choice holds: messages already made keep their language.
pub fn set_lang(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The language of this run: `--lang`, else `PEIXUN_LANG`, else the locale
/// when it names English, else Chinese.
pub fn lang() -> Lang {
    *CHOSEN.get_or_init(|| {
        // Unit tests read the messages as an editor would, whatever the
        // locale of the machine running them.
        if cfg!(test) {
            return Lang::Zh;
        }
        let asks = |var: &str| std::env::var(var).ok().filter(|v| !v.is_empty());
        if let Some(l) = asks("PEIXUN_LANG").and_then(|v| parse_lang(&v)) {
            return l;
        }
        // The first locale variable that is set decides, as in POSIX.
        match ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| asks(v))
        {
            Some(v) if v.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Zh,
        }
    })
}

/// `zh`, `zh-CN`, `en`, `en_US.UTF-8`, …; `None` for any other language.
pub fn parse_lang(value: &str) -> Option<Lang> {
    let v = value.to_ascii_lowercase();
    if v.starts_with("zh") {
        Some(Lang::Zh)
    } else if v.starts_with("en") {
        Some(Lang::En)
    } else {
        None
    }
}

const ZH: &str = include_str!("../locales/zh-CN.ftl");
const EN: &str = include_str!("../locales/en.ftl");

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    let [zh, en] = BUNDLES.get_or_init(|| [make(ZH, "zh-CN"), make(EN, "en")]);
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn make(source: &str, locale: &str) -> FluentBundle<FluentResource> {
    // The files are part of the program and tested; a broken entry is
    // skipped rather than stopping every message.
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    let id = locale.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068, U+2069) would show in a terminal.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

/// An argument of a message: text or a number.
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(n as i64)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Number(i64::from(n))
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Number(n as i64)
    }
}
impl From<u128> for Arg {
    fn from(n: u128) -> Arg {
        Arg::Number(n as i64)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}
impl From<u16> for Arg {
    fn from(n: u16) -> Arg {
        Arg::Number(i64::from(n))
    }
}

/// Message `id` in this run's language with `args`; the id itself if the
/// message is missing (a test keeps that from happening).
pub fn message(id: &str, args: &[(&str, Arg)]) -> String {
    message_in(lang(), id, args)
}

/// Message `id` in `lang`.
pub fn message_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// An I/O error as the editor reads it: the common kinds in words, the
/// rest as the system says them.
pub fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let id = match e.kind() {
        NotFound => "io-not-found",
        PermissionDenied => "io-permission-denied",
        AlreadyExists => "io-already-exists",
        StorageFull => "io-storage-full",
        ReadOnlyFilesystem => "io-read-only",
        IsADirectory => "io-is-a-directory",
        NotADirectory => "io-not-a-directory",
        _ => return e.to_string(),
    };
    message(id, &[])
}

/// Every message id of one language's file.
pub fn ids(lang: Lang) -> Vec<String> {
    let source = match lang {
        Lang::Zh => ZH,
        Lang::En => EN,
    };
    source
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
        .collect()
}

/// A message in the editor's language: `tr!("id")`, or with arguments
/// `tr!("id", name = value, …)` where each value is text or a number.
#[macro_export]
macro_rules! tr {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::util::i18n::message($id, &[$((stringify!($name), $crate::util::i18n::Arg::from($value))),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_messages_and_every_one_the_code_uses() {
        let zh = ids(Lang::Zh);
        let en = ids(Lang::En);
        let missing_en: Vec<&String> = zh.iter().filter(|i| !en.contains(i)).collect();
        let missing_zh: Vec<&String> = en.iter().filter(|i| !zh.contains(i)).collect();
        assert!(
            missing_en.is_empty() && missing_zh.is_empty(),
            "only in zh: {missing_en:?}; only in en: {missing_zh:?}"
        );
        for source in [ZH, EN] {
            assert!(
                FluentResource::try_new(source.to_string()).is_ok(),
                "a .ftl file does not parse"
            );
        }
        // Every tr!("id" …) in the source has a message.
        let mut used = Vec::new();
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                for (at, _) in text.match_indices("tr!(\"") {
                    // Not include_str!(…): the macro's own name only.
                    if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &text[at + 5..];
                    if let Some(id) = rest.split('"').next() {
                        used.push((id.to_string(), entry.path().display().to_string()));
                    }
                }
            }
        }
        let unknown: Vec<_> = used
            .iter()
            .filter(|(id, _)| !zh.contains(id) && id != "id")
            .collect();
        assert!(unknown.is_empty(), "{unknown:?}");
    }

    #[test]
    fn arguments_are_put_in_without_marks() {
        assert_eq!(
            message_in(
                Lang::Zh,
                "test-message",
                &[("name", "班主任".into()), ("n", 3usize.into())]
            ),
            "班主任：3"
        );
        assert_eq!(
            message_in(Lang::En, "no-such-message", &[]),
            "no-such-message"
        );
    }
}
