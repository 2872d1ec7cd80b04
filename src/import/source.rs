//! What a published document holds once read: paragraphs and tables, each
//! with the line (text) or paragraph (.docx) it starts at. Word's own format
//! and its text export become the same blocks, so everything after this file
//! reads one shape.

use super::docx;
use super::ImportError;
use std::path::Path;

/// Word documents of several hundred pages are a few MB; anything much
/// larger is not a training plan.
const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// One cell of a table. `merged` is a cell Word merged with the one above
/// it (vMerge), or an empty cell of a flattened text table: it takes the
/// value above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub merged: bool,
    /// Grid columns it covers (gridSpan); 1 for most.
    pub span: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para { line: usize, text: String },
    Table { line: usize, rows: Vec<Row> },
}

/// What a position in the document counts: the comments a draft carries say
/// “第12行” for a text file and “第12段” for a Word document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Line,
    Paragraph,
}

impl Unit {
    pub fn name(self) -> &'static str {
        match self {
            Unit::Line => "行",
            Unit::Paragraph => "段",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub unit: Unit,
    /// The encoding a text file was in, when not UTF-8.
    pub encoding: Option<&'static str>,
}

/// Reads a .docx, or text saved from Word; refuses anything else with what
/// it is and what to do.
pub fn read(path: &Path) -> Result<Document, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ImportError::Unsupported {
            path: path.to_path_buf(),
            what: crate::tr!("kind-folder"),
        });
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(ImportError::Unsupported {
            path: path.to_path_buf(),
            what: crate::tr!("kind-too-large", mb = meta.len() >> 20),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    parse(path, &bytes)
}

/// The same as [`read`], from bytes already in memory.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Document, ImportError> {
    let unsupported = |what: &str| ImportError::Unsupported {
        path: path.to_path_buf(),
        what: what.to_string(),
    };
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return docx::read(path, bytes);
    }
    if let Some(what) = sniff_binary(bytes) {
        return Err(unsupported(&crate::util::i18n::message(what, &[])));
    }
    let (text, encoding) =
        decode_text(bytes).ok_or_else(|| unsupported(&crate::tr!("kind-not-text")))?;
    if text.contains('\0') {
        return Err(unsupported(&crate::tr!("kind-binary")));
    }
    Ok(Document {
        blocks: text_blocks(&text),
        unit: Unit::Line,
        encoding,
    })
}

/// Names the formats people send instead of a .docx (a message id).
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: &[(&[u8], &str)] = &[
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "kind-doc"),
        (b"%PDF", "kind-pdf"),
        (b"{\\rtf", "kind-rtf"),
        (b"\x89PNG", "kind-png"),
        (b"\xFF\xD8\xFF", "kind-jpeg"),
        (b"GIF8", "kind-gif"),
        (b"II*\0", "kind-tiff"),
        (b"MM\0*", "kind-tiff"),
        (b"BM", "kind-bmp"),
        (b"Rar!", "kind-rar"),
        (b"7z\xBC\xAF", "kind-7z"),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

/// The text, and its encoding when not UTF-8: UTF-8 or UTF-16 with a BOM
/// (Word's “Unicode” text), UTF-8, or else GBK, which Word writes for
/// “Chinese Simplified (GB2312)” plain text (read as GB18030, its superset).
/// Bytes that are none of them are not text.
fn decode_text(bytes: &[u8]) -> Option<(String, Option<&'static str>)> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let text = encoding.decode_without_bom_handling_and_without_replacement(&bytes[bom..])?;
        let name = (encoding != encoding_rs::UTF_8).then(|| encoding.name());
        return Some((text.into_owned(), name));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_string(), None));
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| (text.into_owned(), Some("GBK")))
}

/// Text saved from Word: one paragraph per line; a table arrives one cell per
/// line, each starting with a tab, rows ending at a blank line, and a cell's
/// own further lines without the tab.
pub fn text_blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.starts_with('\t') {
            let (rows, next) = text_table(&lines, i);
            blocks.push(Block::Table { line: i + 1, rows });
            i = next;
            continue;
        }
        let text = clean_line(line);
        if !text.is_empty() {
            blocks.push(Block::Para { line: i + 1, text });
        }
        i += 1;
    }
    blocks
}

/// Word's text export keeps bookmarks as `[bookmark: _Toc…]`; they are not
/// the document's words.
fn clean_line(line: &str) -> String {
    let mut s = line.trim();
    while let Some(rest) = s.strip_prefix("[bookmark: ") {
        match rest.find(']') {
            Some(end) => s = rest[end + 1..].trim_start(),
            None => break,
        }
    }
    s.trim().to_string()
}

fn cell_of(raw: &str) -> Cell {
    let text = clean_line(raw);
    Cell {
        merged: raw.trim_matches([' ', '\t']).is_empty(),
        // An ideographic space is a cell left blank on purpose, not merged.
        text: text.trim_matches('\u{3000}').trim().to_string(),
        span: 1,
    }
}

/// The table starting at `start`; returns its rows and the first line after it.
fn text_table(lines: &[&str], start: usize) -> (Vec<Row>, usize) {
    let mut rows: Vec<Row> = Vec::new();
    let mut row = Row {
        line: start + 1,
        cells: Vec::new(),
    };
    let mut i = start;
    let mut blank_before = false;
    while i < lines.len() {
        let line = lines[i];
        if let Some(cell) = line.strip_prefix('\t') {
            if blank_before && !row.cells.is_empty() {
                rows.push(std::mem::replace(
                    &mut row,
                    Row {
                        line: i + 1,
                        cells: Vec::new(),
                    },
                ));
            }
            row.cells.push(cell_of(cell));
            blank_before = false;
        } else if line.trim().is_empty() {
            blank_before = true;
        } else {
            // A cell's further line: directly after it, or (a short word of a
            // heading cell broken over lines) when the table goes on after it.
            let next_is_cell = lines
                .get(i + 1)
                .is_some_and(|l| l.starts_with('\t') || l.trim().is_empty())
                && lines[i + 1..]
                    .iter()
                    .find(|l| !l.trim().is_empty())
                    .is_some_and(|l| l.starts_with('\t'));
            let continues = !blank_before || (line.trim().chars().count() <= 12 && next_is_cell);
            match row.cells.last_mut() {
                Some(cell) if continues => {
                    let more = clean_line(line);
                    if !cell.text.is_empty() && !blank_before {
                        cell.text.push('\n');
                    }
                    cell.text.push_str(&more);
                    cell.merged = false;
                }
                _ => break,
            }
            blank_before = false;
        }
        i += 1;
    }
    if !row.cells.is_empty() {
        rows.push(row);
    }
    (rows, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Row]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| {
                        if c.merged {
                            "^".to_string()
                        } else {
                            c.text.clone()
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_flattened_table_is_rows_of_cells() {
        let text =
            "附件\n\n\t序号\n\t培训\n\n时间\n\n\t1\n\t3-12月\n\n\t\n\t5月\n额外\n\n发：各校\n";
        let blocks = text_blocks(text);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        let Block::Table { line, rows } = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!(*line, 3);
        assert_eq!(
            texts(rows),
            [
                vec!["序号", "培训时间"],
                vec!["1", "3-12月"],
                vec!["^", "5月\n额外"]
            ]
        );
        assert_eq!(
            blocks[2],
            Block::Para {
                line: 15,
                text: "发：各校".into()
            }
        );
    }

    #[test]
    fn formats_that_are_not_documents_are_named() {
        for (bytes, what) in [
            (&b"%PDF-1.7"[..], "PDF"),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1xx", ".doc"),
            (b"\x89PNG\r\n", "PNG"),
            (b"\xB9\xFA\xFF\xE0", "既不是 UTF-8 也不是 GBK"),
        ] {
            let err = parse(Path::new("x"), bytes).unwrap_err().to_string();
            assert!(err.contains(what), "{err}");
        }
    }

    #[test]
    fn gbk_text_is_read() {
        // 国培计划 in GBK, as Word saves “Chinese Simplified” plain text.
        let doc = parse(Path::new("x.txt"), b"\xB9\xFA\xC5\xE0\xBC\xC6\xBB\xAE").unwrap();
        assert_eq!(doc.encoding, Some("GBK"));
        assert_eq!(
            doc.blocks,
            [Block::Para {
                line: 1,
                text: "国培计划".into()
            }]
        );
    }

    #[test]
    fn utf16_text_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "一、总则\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let doc = parse(Path::new("x.txt"), &bytes).unwrap();
        assert_eq!(
            doc.blocks,
            [Block::Para {
                line: 1,
                text: "一、总则".into()
            }]
        );
    }
}
