//! Strict TOML decoding with positions, every mistake of a file in one run.
//!
//! First the slips of a Chinese keyboard are looked for in the text itself
//! (“” for "", ，for `,`, ＝ or ： for `=`, a number with its unit `15天`, a
//! word without quotes), each named with its fix: the TOML parser would
//! stop at the first and misname it. Then the table is parsed; unknown keys
//! are found in a pass over it (the known keys are the fields of the type
//! decoded into, [`field_names`], so a schema is written once, as a
//! struct), each with a did-you-mean; then the typed decode runs, and each
//! value of the wrong type is reported and left out so the decode goes on
//! to the next. The caller checks the values decoded (vocabularies and so
//! on) and so reports those too: three mistakes in one file are three
//! messages in one run. Checks name the value they are about by its [`Key`]
//! path, and [`span_of`] finds where it is written.

use crate::tr;
use crate::util::diag::{suggest, Diagnostic};
use crate::util::i18n;
use serde::de::{DeserializeOwned, Visitor};
use std::ops::Range;
use std::path::Path;
use toml::de::{DeTable, DeValue, Deserializer};

/// What [`decode`] made of a text.
pub struct Decoded<T> {
    /// `None` when a slip or a syntax error stops the parse, or a value
    /// `T` cannot do without is wrong.
    pub value: Option<T>,
    /// Every problem found.
    pub problems: Vec<Diagnostic>,
    /// The fields left out for a value of the wrong type: checks of the
    /// decoded value that involve them would only repeat the mistake.
    pub wrong: Vec<String>,
}

/// `text` (which sits at byte `offset` of `file_source`) decoded into `T`
/// as far as it can be, with every problem found.
pub fn decode<T: DeserializeOwned>(
    path: &Path,
    file_source: &str,
    text: &str,
    offset: usize,
) -> Decoded<T> {
    let (value, problems, wrong) = decode_parts(path, file_source, text, offset);
    Decoded {
        value,
        problems,
        wrong,
    }
}

fn decode_parts<T: DeserializeOwned>(
    path: &Path,
    file_source: &str,
    text: &str,
    offset: usize,
) -> (Option<T>, Vec<Diagnostic>, Vec<String>) {
    let placed = |d: Diagnostic, span: Range<usize>| {
        d.in_file(path)
            .at_span(file_source, span.start + offset..span.end + offset)
    };
    // Every slip is a TOML syntax error, so a text that parses has none:
    // looking for them only then spares every valid file the scan.
    let syntax = match DeTable::parse(text) {
        Ok(table) => return decode_table(path, file_source, table, text, offset, &[]),
        Err(e) => e,
    };
    let slips = keyboard_slips(text);
    if !slips.is_empty() {
        // The lines with a slip are blanked (byte for byte, so positions
        // hold) and the rest decoded: the file's other mistakes are said in
        // the same run. Their keys are left out like values of the wrong type.
        let (blanked, slipped) = blank_lines_of(text, &slips);
        let mut problems: Vec<Diagnostic> = slips
            .into_iter()
            .map(|s| {
                let d = Diagnostic::error(s.message);
                let d = if s.help.is_empty() {
                    d
                } else {
                    d.with_help(s.help)
                };
                placed(d, s.span)
            })
            .collect();
        if DeTable::parse(&blanked).is_err() {
            // The slip broke more than its line (a list opened on it).
            return (None, problems, Vec::new());
        }
        let (value, rest, mut wrong) =
            decode_text::<T>(path, file_source, &blanked, offset, &slipped);
        problems.extend(rest);
        wrong.extend(slipped);
        return (value, problems, wrong);
    }
    syntax_error(path, file_source, syntax, offset)
}

/// `text` with every line that holds a slip made spaces, and the keys of
/// those lines.
fn blank_lines_of(text: &str, slips: &[Slip]) -> (String, Vec<String>) {
    let mut bytes = text.as_bytes().to_vec();
    let mut keys = Vec::new();
    for s in slips {
        let start = text[..s.span.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[s.span.start..]
            .find('\n')
            .map_or(text.len(), |i| s.span.start + i);
        let line = &text[start..end];
        let key = line
            .split(['=', '＝', '：'])
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'', '“', '”']);
        if !key.is_empty() && !keys.iter().any(|k| k == key) {
            keys.push(key.to_string());
        }
        bytes[start..end].fill(b' ');
    }
    // Whole lines of whole characters became spaces: still UTF-8.
    (String::from_utf8(bytes).unwrap_or_default(), keys)
}

fn decode_text<T: DeserializeOwned>(
    path: &Path,
    file_source: &str,
    text: &str,
    offset: usize,
    slipped: &[String],
) -> (Option<T>, Vec<Diagnostic>, Vec<String>) {
    match DeTable::parse(text) {
        Ok(table) => decode_table(path, file_source, table, text, offset, slipped),
        Err(e) => syntax_error(path, file_source, e, offset),
    }
}

/// toml's syntax error, placed and in the editor's language.
fn syntax_error<T>(
    path: &Path,
    file_source: &str,
    e: toml::de::Error,
    offset: usize,
) -> (Option<T>, Vec<Diagnostic>, Vec<String>) {
    let span = e.span().unwrap_or(0..0);
    let d = Diagnostic::error(tr!("toml-syntax", detail = syntax_detail(e.message())));
    let d = d
        .in_file(path)
        .at_span(file_source, span.start + offset..span.end + offset);
    (None, vec![d], Vec::new())
}

/// `table` (parsed from `text`) decoded into `T`, every unknown key and
/// value of the wrong type reported; `slipped` are keys whose line had a
/// slip and was blanked.
fn decode_table<'t, T: DeserializeOwned>(
    path: &Path,
    file_source: &str,
    mut table: toml::Spanned<DeTable<'t>>,
    text: &str,
    offset: usize,
    slipped: &[String],
) -> (Option<T>, Vec<Diagnostic>, Vec<String>) {
    let placed = |d: Diagnostic, span: Range<usize>| {
        d.in_file(path)
            .at_span(file_source, span.start + offset..span.end + offset)
    };
    let known = field_names::<T>();
    let mut problems = Vec::new();
    // The fields a misspelt key was suggested for, or whose line had a
    // slip: their absence is that same mistake, not another.
    let mut meant: Vec<&str> = slipped.iter().map(String::as_str).collect();
    for key in table.get_ref().keys() {
        let name: &str = key.get_ref();
        if !known.contains(&name) {
            meant.extend(suggest(name, known.iter().copied()));
            let d = Diagnostic::error(tr!("field-unknown", name = name))
                .with_help(unknown_help(name, known));
            problems.push(placed(d, key.span()));
        }
    }
    keep_only(&mut table, |name| known.contains(&name));
    // Each value of the wrong type is reported and taken out, and the
    // decode tried again, until it succeeds or cannot do without one.
    let mut removed: Vec<String> = Vec::new();
    loop {
        let error = match T::deserialize(Deserializer::from(table.clone())) {
            Ok(value) => return (Some(value), problems, removed),
            Err(e) => e,
        };
        let message = error.message().trim().to_string();
        let whole = table.span();
        let span = error.span().unwrap_or(whole);
        // The top-level key whose value the error is in.
        let key = table
            .get_ref()
            .iter()
            .find(|(k, v)| {
                (v.span().start <= span.start && span.start < v.span().end.max(v.span().start + 1))
                    || k.span() == span
            })
            .map(|(k, _)| k.get_ref().to_string());
        let said_already = message.starts_with("missing field")
            && removed
                .iter()
                .map(String::as_str)
                .chain(meant.iter().copied())
                .any(|r| message.contains(&format!("`{r}`")));
        if said_already {
            // Its wrong value, or the misspelt key meant for it, is reported.
            return (None, problems, removed);
        }
        problems.push(placed(
            type_problem(&message, key.as_deref(), text, span.clone()),
            span,
        ));
        match key {
            Some(k) if !removed.contains(&k) => {
                keep_only(&mut table, |name| name != k);
                removed.push(k);
            }
            _ => return (None, problems, removed),
        }
    }
}

/// `table` with only the keys `keep` says yes to.
fn keep_only(table: &mut toml::Spanned<DeTable>, keep: impl Fn(&str) -> bool) {
    let kept: DeTable = std::mem::take(table.get_mut())
        .into_iter()
        .filter(|(k, _)| keep(k.get_ref()))
        .collect();
    *table.get_mut() = kept;
}

/// The help for an unknown field: the nearest known one, or all of them.
fn unknown_help(name: &str, known: &[&str]) -> String {
    match suggest(name, known.iter().copied()) {
        Some(s) => tr!("did-you-mean", suggestion = s),
        None => tr!("field-list", fields = known.join(", ")),
    }
}

/// A mistake of a Chinese keyboard in TOML, found in the text.
struct Slip {
    span: Range<usize>,
    message: String,
    help: String,
}

/// Full-width quotes, commas, equals signs, colons and brackets outside
/// quoted strings, full-width spaces, numbers written with their unit, and
/// words written without quotes, each at its place. Lines inside a
/// multi-line string are left alone.
fn keyboard_slips(text: &str) -> Vec<Slip> {
    let mut slips = Vec::new();
    let mut line_start = 0;
    let mut in_multiline: Option<&'static str> = None;
    for line in text.split_inclusive('\n') {
        let mut here = line_start;
        line_start += line.len();
        let mut body = line.trim_end_matches(['\n', '\r']);
        if let Some(delim) = in_multiline {
            // What follows the string's end on this line is read as TOML.
            let Some(end) = string_end(body, delim) else {
                continue;
            };
            body = &body[end..];
            here += end;
        }
        let (outside, open) = scan_line(body);
        in_multiline = open;
        let fixed = fix_line(body);
        let help = if fixed != body.trim() {
            tr!("slip-fix", line = fixed.as_str())
        } else {
            String::new()
        };
        let before = slips.len();
        // Characters outside the line's strings.
        for (i, c) in outside {
            let message = match c {
                '“' | '”' | '‘' | '’' => tr!("slip-quote"),
                '，' => tr!("slip-comma"),
                '＝' => tr!("slip-equals"),
                '：' => tr!("slip-colon"),
                '［' | '］' | '【' | '】' => tr!("slip-bracket"),
                '\u{3000}' => tr!("slip-space"),
                _ => continue,
            };
            // One message for each kind of slip on a line: a pair of
            // Chinese quotes is one mistake.
            if slips[before..].iter().any(|s: &Slip| s.message == message) {
                continue;
            }
            slips.push(Slip {
                span: here + i..here + i + c.len_utf8(),
                message,
                help: help.clone(),
            });
        }
        if slips.len() > before {
            continue;
        }
        // `key = 15天` and `key = 小学`, on their own or in an inline table
        // (`{ amount = 400元, … }`): a value that is no TOML value.
        for (key, value, start) in bare_pairs(body) {
            let span = here + start..here + start + value.len();
            let digits: String = value
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let unit = value[digits.len()..].trim();
            if !digits.is_empty() && unit.chars().next().is_some_and(|c| !c.is_ascii()) {
                slips.push(Slip {
                    span,
                    message: tr!("slip-unit", key = key, unit = unit),
                    help: tr!("slip-unit-help", key = key, number = digits.as_str()),
                });
            } else if value
                .chars()
                .next()
                .is_some_and(|c| !c.is_ascii() && c.is_alphanumeric())
            {
                slips.push(Slip {
                    span,
                    message: tr!("slip-unquoted", key = key),
                    help: tr!("slip-fix", line = format!("{key} = \"{value}\"")),
                });
            }
        }
    }
    slips
}

/// The `key = value` pairs of a line whose value is not quoted, not a
/// list or table, and not a number, boolean or date as TOML writes them:
/// each key, its value and the value's byte offset in the line.
fn bare_pairs(line: &str) -> Vec<(&str, &str, usize)> {
    let mut pairs = Vec::new();
    for (i, c) in outside_strings(line) {
        if c != '=' {
            continue;
        }
        let before = line[..i].trim_end();
        let key_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || "_-.".contains(*c)))
            .map_or(0, |(k, c)| k + c.len_utf8());
        let key = before[key_start..].trim();
        let ahead = &line[i + 1..];
        let value_start = i + 1 + (ahead.len() - ahead.trim_start().len());
        let rest = &line[value_start..];
        // A list, a table or a quoted value is TOML's own.
        if key.is_empty() || rest.starts_with(['[', '{', '"', '\'']) {
            continue;
        }
        let end = rest.find([',', '}', ']', '#']).unwrap_or(rest.len());
        let value = rest[..end].trim_end();
        if !value.is_empty() {
            pairs.push((key, value, value_start));
        }
    }
    pairs
}

/// The characters of a line outside its TOML strings (`"…"`, `'…'`, and
/// `"""…"""`, `'''…'''` that close on the line), up to a comment: each
/// with its byte offset.
fn outside_strings(line: &str) -> Vec<(usize, char)> {
    scan_line(line).0
}

const MULTI_LINE_DELIMITERS: [&str; 2] = ["\"\"\"", "'''"];

/// The characters of a line outside its strings and comment, and the
/// delimiter of a multi-line string still open at its end.
fn scan_line(line: &str) -> (Vec<(usize, char)>, Option<&'static str>) {
    const DELIMITERS: [&str; 4] = ["\"\"\"", "'''", "\"", "'"];
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = line[i..].chars().next() {
        let rest = &line[i..];
        if c == '#' {
            break;
        }
        match DELIMITERS.iter().find(|d| rest.starts_with(**d)) {
            Some(d) => match string_end(&line[i + d.len()..], d) {
                Some(end) => i += d.len() + end,
                None => {
                    let multi = MULTI_LINE_DELIMITERS.iter().find(|m| *m == d).copied();
                    return (out, multi);
                }
            },
            None => {
                out.push((i, c));
                i += c.len_utf8();
            }
        }
    }
    (out, None)
}

/// The byte just past the delimiter `delim` that ends a string whose text
/// starts at the start of `text`, if it ends on this line.
fn string_end(text: &str, delim: &str) -> Option<usize> {
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if delim.starts_with('"') && c == '\\' {
            // An escape: the next character is part of the string.
            i += 1;
            i += text[i..].chars().next().map_or(0, char::len_utf8);
        } else if text[i..].starts_with(delim) {
            return Some(i + delim.len());
        } else {
            i += c.len_utf8();
        }
    }
    None
}

/// A line with the full-width marks of a Chinese keyboard put right, and
/// its spacing made plain: what the editor meant to write.
fn fix_line(line: &str) -> String {
    let ascii: String = line
        .chars()
        .map(|c| match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            '，' => ',',
            '＝' | '：' => '=',
            '［' | '【' => '[',
            '］' | '】' => ']',
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    match ascii.split_once('=') {
        Some((k, v)) => format!("{} = {}", k.trim(), v.trim()),
        None => ascii.trim().to_string(),
    }
}

/// toml's account of a syntax error, in the editor's language: its own
/// words ("string values must be quoted, expected literal string") name
/// what a programmer would look for.
fn syntax_detail(message: &str) -> String {
    let main = message.trim().split(", expected").next().unwrap_or("");
    let id = match main {
        "key with no value" => "syntax-key-without-value",
        "string values must be quoted" => "syntax-unquoted",
        "missing comma between array elements" => "syntax-missing-comma",
        "invalid basic string" | "invalid literal string" => "syntax-unclosed-string",
        "duplicate key" => "syntax-duplicate-key",
        "unclosed table" => "syntax-unclosed-table",
        "unclosed array" => "syntax-unclosed-array",
        "invalid float" | "invalid integer" | "invalid number" => "syntax-number",
        "invalid boolean" => "syntax-boolean",
        "unquoted keys cannot be empty" => "syntax-empty-key",
        "unexpected key or value" => "syntax-unexpected",
        _ => {
            let m = message.trim().replace('\n', " ");
            return tr!("syntax-other", message = m);
        }
    };
    i18n::message(id, &[])
}

/// A value of the wrong type, in words: what the field should hold, with
/// an example, and what is wrong with what is written.
fn type_problem(message: &str, key: Option<&str>, text: &str, span: Range<usize>) -> Diagnostic {
    let ticks: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if message.starts_with("unknown field") && !ticks.is_empty() {
        return Diagnostic::error(tr!("field-unknown", name = ticks[0]))
            .with_help(unknown_help(ticks[0], &ticks[1..]));
    }
    if message.starts_with("missing field") && !ticks.is_empty() {
        return Diagnostic::error(tr!("field-missing", name = ticks[0]))
            .with_help(tr!("field-missing-help", name = ticks[0]));
    }
    let start = span.start.min(text.len());
    let written = text.get(span.clone()).unwrap_or("").trim();
    // The innermost key of the value: a funding item's `amount`.
    let inner = text
        .get(..start)
        .unwrap_or("")
        .rsplit(['\n', ',', '{'])
        .next()
        .and_then(|s| s.split_once('='))
        .map(|(k, _)| k.trim())
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    let name = inner.or(key).unwrap_or("");
    let expected = message.rsplit("expected ").next().unwrap_or("");
    let (kind, example) = if expected.starts_with('u') || expected.starts_with('i') {
        ("kind-integer", example_of(name))
    } else if expected.starts_with('f') {
        ("kind-number", "400")
    } else if expected.contains("sequence") {
        ("kind-list", "[\"小学\", \"初中\"]")
    } else if expected.contains("string") || expected.contains("char") {
        ("kind-text", "\"…\"")
    } else if expected.contains("bool") {
        ("kind-bool", "true")
    } else {
        ("kind-table", "{ … }")
    };
    let found = if message.contains("invalid type: string") {
        tr!("found-text", written = written)
    } else if message.contains("invalid type: floating point") {
        tr!("found-decimal", written = written)
    } else if message.contains("invalid value: integer") {
        tr!("found-negative", written = written)
    } else {
        tr!("found-other", written = written)
    };
    let kind = i18n::message(kind, &[]);
    Diagnostic::error(tr!(
        "field-type",
        name = name,
        kind = kind,
        example = example
    ))
    .with_help(found)
}

/// A figure as a field of that name might hold it, for examples.
fn example_of(field: &str) -> &'static str {
    match field {
        "offline_days" | "days" => "30",
        "online_hours" => "60",
        "cycle_years" => "3",
        "trainees" => "100",
        "year" => "2026",
        _ => "10",
    }
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
    // A text with keyboard slips is read as `decode` read it: without
    // the lines that hold them.
    let blanked;
    let text = match keyboard_slips(text) {
        slips if slips.is_empty() => text,
        slips => {
            blanked = blank_lines_of(text, &slips).0;
            &blanked
        }
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A list of multi-line strings, one closing and the next opening on
    /// the same line, holds Chinese text that is no slip.
    #[test]
    fn text_inside_multi_line_strings_is_no_slip() {
        let text = "section = [\"\"\"\n类别：一\"\"\", \"\"\"\n培训对象：\n教师\"\"\"]\nlevel ＝ \"国家级\"\n";
        let slips = keyboard_slips(text);
        let lines: Vec<usize> = slips
            .iter()
            .map(|s| text[..s.span.start].matches('\n').count() + 1)
            .collect();
        assert_eq!(lines, [5]);
    }

    /// A literal string closing on the line where a basic one opens.
    #[test]
    fn a_string_of_the_other_kind_opening_on_a_closing_line_is_followed() {
        let text = "section = ['''\n一、\\\n培训对象：''', \"\"\"\n培训对象：8年\n申报单位要求：训\"\"\"]\ntitle = 集中\n";
        let slips = keyboard_slips(text);
        let lines: Vec<usize> = slips
            .iter()
            .map(|s| text[..s.span.start].matches('\n').count() + 1)
            .collect();
        assert_eq!(lines, [6]);
    }
}
