//! Strict TOML decoding with positions.
//!
//! serde stops at the first error, so unknown keys are found in a separate
//! pass over the parsed table: every misspelt field in a file is reported in
//! one run, each with a did-you-mean. The known keys are the fields of the
//! type decoded into ([`field_names`]), so a schema is written once, as a
//! struct. The typed decode then reports the first type error (a string
//! where a number belongs, and so on). Checks of the decoded values name
//! the value they are about by its [`Key`] path, and [`span_of`] finds where
//! it is written only when there is something to report.

use crate::util::diag::{suggest, Diagnostic};
use serde::de::{DeserializeOwned, Visitor};
use std::ops::Range;
use std::path::Path;
use toml::de::{DeTable, DeValue, Deserializer};

/// Decodes `text` (which sits at byte `offset` of `file_source`) into `T`,
/// rejecting top-level keys that are not fields of `T`.
pub fn decode<T: DeserializeOwned>(
    path: &Path,
    file_source: &str,
    text: &str,
    offset: usize,
    what: &str,
) -> Result<T, Vec<Diagnostic>> {
    let known = field_names::<T>();
    let at = |span: std::ops::Range<usize>| (span.start + offset)..(span.end + offset);
    let table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            return Err(vec![Diagnostic::error(format!(
                "invalid TOML in {what}: {}",
                tidy(e.message())
            ))
            .in_file(path)
            .at_span(file_source, at(span))]);
        }
    };
    let mut problems = Vec::new();
    for key in table.get_ref().keys() {
        let name: &str = key.get_ref();
        if !known.contains(&name) {
            let mut d = Diagnostic::error(format!("unknown field `{name}` in {what}"))
                .in_file(path)
                .at_span(file_source, at(key.span()));
            d = match suggest(name, known.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!("the fields are: {}", known.join(", "))),
            };
            problems.push(d);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let whole = table.span();
    T::deserialize(Deserializer::from(table)).map_err(|e| {
        let span = e.span().unwrap_or(whole);
        let message = tidy(e.message());
        let mut d = Diagnostic::error(format!("{message} in {what}"))
            .in_file(path)
            .at_span(file_source, at(span));
        if let Some(help) = help_for(&message) {
            d = d.with_help(help);
        }
        vec![d]
    })
}

/// The fields of the struct `T` deserializes as, in declaration order
/// (those marked `skip_deserializing` are not among them); empty if `T` is
/// not a struct. Found by asking `T` to deserialize itself from a
/// deserializer that only records the field list it is handed.
pub fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut names = FieldNames(&[]);
    let _ = T::deserialize(&mut names);
    names.0
}

struct FieldNames(&'static [&'static str]);

impl<'de> serde::Deserializer<'de> for &mut FieldNames {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("only the field names are wanted"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = fields;
        self.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// One step of the path to a value in a TOML document: a key of a table
/// or a position in an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Name(&'static str),
    Index(usize),
}

/// Where the value at `path` is written in `text` (a TOML document), or,
/// if the document has no such value, the deepest part of the path it has;
/// `None` when it does not parse or has not even the first key.
pub fn span_of(text: &str, path: &[Key]) -> Option<Range<usize>> {
    let table = DeTable::parse(text).ok()?;
    let mut found = None;
    let mut here: Option<&DeValue> = None;
    for step in path {
        let next = match (step, here) {
            (Key::Name(name), None) => table
                .get_ref()
                .iter()
                .find(|(k, _)| k.get_ref() == name)
                .map(|(_, v)| v),
            (Key::Name(name), Some(DeValue::Table(t))) => {
                t.iter().find(|(k, _)| k.get_ref() == name).map(|(_, v)| v)
            }
            (Key::Index(i), Some(DeValue::Array(items))) => items.get(*i),
            _ => None,
        };
        let Some(value) = next else { break };
        found = Some(value.span());
        here = Some(value.get_ref());
    }
    found
}

/// serde's messages end with a newline and sometimes a period; keep one line.
fn tidy(message: &str) -> String {
    message.trim().trim_end_matches('.').replace('\n', " ")
}

/// Turns serde's "unknown field `x`, expected one of `a`, `b`" (from nested
/// tables such as funding items) and type mismatches into a plain hint.
fn help_for(message: &str) -> Option<String> {
    let ticks: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if message.starts_with("unknown field") && ticks.len() > 1 {
        return Some(match suggest(ticks[0], ticks[1..].iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the fields are: {}", ticks[1..].join(", ")),
        });
    }
    if message.contains("invalid type: string")
        && (message.contains("integer")
            || message.contains("u32")
            || message.contains("f64")
            || message.contains("float"))
    {
        return Some("write numbers without quotes, e.g. `offline_days = 30`".into());
    }
    None
}
