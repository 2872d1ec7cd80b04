//! Word 97-2003 documents (.doc) and WPS's .wps, which is the same format:
//! a compound file ([`cfb`]) whose `WordDocument` stream holds the text in
//! pieces (the piece table of the `0Table`/`1Table` stream, [MS-DOC] 2.9.177)
//! and whose paragraph properties say which paragraphs are table cells and
//! which end a table row (sprmPFInTable, sprmPFTtp), with the row's cell
//! boundaries and vertical merges (sprmTDefTable). Automatic numbering is
//! put back in front of its paragraphs from the lists (PlfLst, PlfLfo), as
//! Word prints it.
//!
//! Every offset read from the file is checked: a damaged or hostile file
//! gives an error or less text, never a panic, and what is read is bounded
//! by the file's own size.

use super::numbering::{Level, Numbering};
use super::Unreadable;
use crate::document::{Block, Cell, Document, Row, Unit};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Streams larger than the file's limit cannot be real; stop reading there.
const MAX_STREAM_BYTES: u64 = super::MAX_SOURCE_BYTES;

fn damaged(what: &str) -> Unreadable {
    Unreadable::DamagedCompound(what.to_string())
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn i16_at(b: &[u8], at: usize) -> Option<i16> {
    u16_at(b, at).map(|v| v as i16)
}

/// A stream of the compound file, whole (within the limit).
fn stream<F: Read + std::io::Seek>(file: &mut cfb::CompoundFile<F>, name: &str) -> Option<Vec<u8>> {
    let s = file.open_stream(name).ok()?;
    let mut out = Vec::new();
    s.take(MAX_STREAM_BYTES).read_to_end(&mut out).ok()?;
    Some(out)
}

/// The file information block: where the parts of the document are.
struct Fib {
    ccp_text: usize,
    table_stream: &'static str,
    /// (fc, lcb) pairs of FibRgFcLcb, by index.
    pairs: Vec<(usize, usize)>,
}

impl Fib {
    fn read(word: &[u8]) -> Result<Fib, Unreadable> {
        if u16_at(word, 0) != Some(0xA5EC) {
            return Err(damaged("WordDocument: no FIB"));
        }
        let n_fib = u16_at(word, 2).unwrap_or(0);
        if n_fib < 101 {
            return Err(Unreadable::Word95);
        }
        let flags = u16_at(word, 0x0A).unwrap_or(0);
        if flags & 0x0100 != 0 {
            return Err(Unreadable::Encrypted);
        }
        let table_stream = if flags & 0x0200 != 0 {
            "1Table"
        } else {
            "0Table"
        };
        let csw = u16_at(word, 32).ok_or_else(|| damaged("FIB"))? as usize;
        let lw_at = 34 + csw * 2;
        let cslw = u16_at(word, lw_at).ok_or_else(|| damaged("FIB"))? as usize;
        let rg_lw = lw_at + 2;
        let ccp_text = u32_at(word, rg_lw + 3 * 4).ok_or_else(|| damaged("FIB"))? as usize;
        let fc_at = rg_lw + cslw * 4;
        let cb = u16_at(word, fc_at).ok_or_else(|| damaged("FIB"))? as usize;
        let pairs = (0..cb)
            .map(|i| {
                let at = fc_at + 2 + i * 8;
                (
                    u32_at(word, at).unwrap_or(0) as usize,
                    u32_at(word, at + 4).unwrap_or(0) as usize,
                )
            })
            .collect();
        Ok(Fib {
            ccp_text,
            table_stream,
            pairs,
        })
    }

    /// The bytes of part `index` (fcClx = 33, fcPlcfBtePapx = 13, …) in the table stream.
    fn part<'t>(&self, table: &'t [u8], index: usize) -> Option<&'t [u8]> {
        let (fc, lcb) = *self.pairs.get(index)?;
        (lcb > 0)
            .then(|| table.get(fc..fc.checked_add(lcb)?))
            .flatten()
    }
}

const CLX: usize = 33;
const PLCF_BTE_PAPX: usize = 13;
const PLF_LST: usize = 73;
const PLF_LFO: usize = 74;

/// One piece of text: character positions `cp..cp_end`, at byte `fc` of
/// the WordDocument stream, one byte a character (compressed, CP1252) or two.
struct Piece {
    cp: usize,
    cp_end: usize,
    fc: usize,
    compressed: bool,
}

fn pieces(clx: &[u8]) -> Result<Vec<Piece>, Unreadable> {
    let mut at = 0;
    // Prc entries (property modifiers) come first; skip them.
    while clx.get(at) == Some(&1) {
        let cb = i16_at(clx, at + 1).ok_or_else(|| damaged("CLX"))?;
        at += 3 + usize::try_from(cb).map_err(|_| damaged("CLX"))?;
    }
    if clx.get(at) != Some(&2) {
        return Err(damaged("CLX: no piece table"));
    }
    let lcb = u32_at(clx, at + 1).ok_or_else(|| damaged("CLX"))? as usize;
    let plc = clx
        .get(at + 5..at + 5 + lcb)
        .ok_or_else(|| damaged("CLX"))?;
    if lcb < 4 {
        return Ok(Vec::new());
    }
    let n = (lcb - 4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let cp = u32_at(plc, i * 4).ok_or_else(|| damaged("PlcPcd"))? as usize;
        let cp_end = u32_at(plc, (i + 1) * 4).ok_or_else(|| damaged("PlcPcd"))? as usize;
        let pcd = (n + 1) * 4 + i * 8;
        let fc_raw = u32_at(plc, pcd + 2).ok_or_else(|| damaged("PlcPcd"))?;
        let compressed = fc_raw & 0x4000_0000 != 0;
        let fc = (fc_raw & 0x3FFF_FFFF) as usize;
        out.push(Piece {
            cp,
            cp_end: cp_end.max(cp),
            fc: if compressed { fc / 2 } else { fc },
            compressed,
        });
    }
    Ok(out)
}

/// The main document's characters, each with the byte it stands at in the
/// WordDocument stream (to find its paragraph's properties).
fn characters(word: &[u8], pieces: &[Piece], ccp_text: usize) -> Vec<(char, usize)> {
    let mut out = Vec::new();
    for p in pieces {
        let end = p.cp_end.min(ccp_text);
        if p.cp >= end {
            continue;
        }
        let count = end - p.cp;
        if p.compressed {
            let Some(bytes) = word.get(p.fc..p.fc.saturating_add(count)) else {
                continue;
            };
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            for (i, c) in text.chars().enumerate() {
                out.push((c, p.fc + i));
            }
        } else {
            let Some(bytes) = word.get(p.fc..p.fc.saturating_add(count * 2)) else {
                continue;
            };
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]))
                .collect();
            for (i, c) in char::decode_utf16(units.iter().copied()).enumerate() {
                out.push((c.unwrap_or('\u{FFFD}'), p.fc + i * 2));
            }
        }
    }
    out
}

/// What a paragraph's properties say of it.
#[derive(Debug, Clone, Default)]
struct Para {
    in_table: bool,
    /// Ends a table row (its mark is the row's end, not a cell's).
    row_end: bool,
    depth: i32,
    /// The row's cell boundaries and each cell's vertical merge (0 none,
    /// 1 continues the cell above, 3 starts a merge), for a row end.
    cells: Option<(Vec<i16>, Vec<u8>)>,
    /// (ilfo, ilvl): the list a paragraph is numbered in.
    list: Option<(u16, u8)>,
    /// sprmPHugePapx: the rest of the properties, too long for the page,
    /// at this offset of the Data stream.
    huge: Option<usize>,
}

/// Paragraph properties by the byte ranges of the text they cover.
fn paragraph_runs(word: &[u8], table: &[u8], data: &[u8], fib: &Fib) -> Vec<(usize, usize, Para)> {
    let mut out = Vec::new();
    let Some(plc) = fib.part(table, PLCF_BTE_PAPX) else {
        return out;
    };
    let n = plc.len().saturating_sub(4) / 8;
    for i in 0..n {
        let Some(pn) = u32_at(plc, (n + 1) * 4 + i * 4) else {
            break;
        };
        let page_at = (pn & 0x3F_FFFF) as usize * 512;
        let Some(page) = word.get(page_at..page_at + 512) else {
            continue;
        };
        let crun = page[511] as usize;
        for r in 0..crun {
            let (Some(fc), Some(fc_end)) = (u32_at(page, r * 4), u32_at(page, (r + 1) * 4)) else {
                break;
            };
            let bx = (crun + 1) * 4 + r * 13;
            let Some(&offset) = page.get(bx) else { break };
            let papx_at = offset as usize * 2;
            let mut props = if offset == 0 {
                Para::default()
            } else {
                papx(page, papx_at).unwrap_or_default()
            };
            if let Some(at) = props.huge.take() {
                // A table row's definition is often too long for the page.
                if let Some(cb) = u16_at(data, at) {
                    if let Some(grpprl) = data.get(at + 2..at + 2 + cb as usize) {
                        props = sprms_onto(props, grpprl);
                    }
                }
            }
            out.push((fc as usize, fc_end as usize, props));
        }
    }
    out.sort_by_key(|(fc, _, _)| *fc);
    out
}

/// One PapxInFkp: its grpprl after the style index.
fn papx(page: &[u8], at: usize) -> Option<Para> {
    let cb = *page.get(at)? as usize;
    let (start, len) = if cb == 0 {
        (at + 2, *page.get(at + 1)? as usize * 2)
    } else {
        (at + 1, cb * 2 - 1)
    };
    let grpprl = page.get(start..(start + len).min(page.len()))?;
    // The style index (istd) comes first.
    Some(sprms(grpprl.get(2..)?))
}

/// The properties a list of sprms sets, of those this reader uses.
fn sprms(b: &[u8]) -> Para {
    sprms_onto(Para::default(), b)
}

fn sprms_onto(mut p: Para, mut b: &[u8]) -> Para {
    let mut ilfo = p.list.map(|(i, _)| i);
    let mut ilvl = p.list.map_or(0, |(_, l)| l);
    while b.len() >= 2 {
        let op = u16::from_le_bytes([b[0], b[1]]);
        let rest = &b[2..];
        let size = match op >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => {
                // Variable: a byte of length, or for sprmTDefTable two.
                if op == 0xD608 || op == 0xD606 {
                    match u16_at(rest, 0) {
                        Some(n) => 2 + (n as usize).saturating_sub(1),
                        None => break,
                    }
                } else {
                    match rest.first() {
                        Some(&n) => 1 + n as usize,
                        None => break,
                    }
                }
            }
        };
        let Some(operand) = rest.get(..size) else {
            break;
        };
        match op {
            0x2416 => p.in_table = operand[0] != 0,
            0x2417 => p.row_end = operand[0] != 0,
            0x244C => p.row_end = p.row_end || operand[0] != 0,
            0x6649 => p.depth = u32_at(operand, 0).map_or(0, |v| v as i32),
            0x460B => ilfo = u16_at(operand, 0),
            0x260A => ilvl = operand[0],
            0xD608 => p.cells = table_def(&operand[2..]),
            0x6646 => p.huge = u32_at(operand, 0).map(|v| v as usize),
            _ => {}
        }
        b = &rest[size..];
    }
    if p.depth > 0 {
        p.in_table = true;
    }
    p.list = ilfo.filter(|i| *i > 0 && *i < 0xF801).map(|i| (i, ilvl));
    p
}

/// sprmTDefTable: the cells' boundaries (twips) and their vertical merges.
fn table_def(b: &[u8]) -> Option<(Vec<i16>, Vec<u8>)> {
    let count = *b.first()? as usize;
    let centers: Vec<i16> = (0..=count).map_while(|i| i16_at(b, 1 + i * 2)).collect();
    let tc_at = 1 + (count + 1) * 2;
    let merges = (0..count)
        .map(|i| u16_at(b, tc_at + i * 20).map_or(0, |tcgc| ((tcgc >> 5) & 3) as u8))
        .collect();
    Some((centers, merges))
}

/// The lists: (ilfo → list id) and each list's levels, as the docx reader
/// keeps them, so both number alike.
fn lists(table: &[u8], fib: &Fib) -> Numbering {
    let mut levels: HashMap<(String, usize), Level> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    if let Some(lst) = fib.part(table, PLF_LST) {
        let count = u16_at(lst, 0).unwrap_or(0) as usize;
        // The LVLs follow the PlfLst, in the order of its LSTFs.
        let (fc, lcb) = fib.pairs[PLF_LST];
        let mut at = fc + lcb;
        for i in 0..count {
            let lstf = 2 + i * 28;
            let Some(id) = u32_at(lst, lstf) else { break };
            let simple = lst.get(lstf + 26).is_some_and(|f| f & 1 != 0);
            for level in 0..if simple { 1 } else { 9 } {
                let Some((lvl, next)) = list_level(table, at) else {
                    break;
                };
                levels.insert((id.to_string(), level), lvl);
                at = next;
            }
        }
    }
    if let Some(lfo) = fib.part(table, PLF_LFO) {
        let count = u32_at(lfo, 0).unwrap_or(0) as usize;
        for i in 0..count.min(lfo.len() / 16) {
            if let Some(id) = u32_at(lfo, 4 + i * 16) {
                nums.insert((i + 1).to_string(), id.to_string());
            }
        }
    }
    Numbering::from_lists(nums, levels)
}

/// One LVL at `at`: its number format and text, and where the next starts.
fn list_level(table: &[u8], at: usize) -> Option<(Level, usize)> {
    let start = u32_at(table, at)?;
    let nfc = *table.get(at + 4)?;
    let cb_chpx = *table.get(at + 24)? as usize;
    let cb_papx = *table.get(at + 25)? as usize;
    let xst = at + 28 + cb_papx + cb_chpx;
    let cch = u16_at(table, xst)? as usize;
    let units: Vec<u16> = (0..cch)
        .map_while(|i| u16_at(table, xst + 2 + i * 2))
        .collect();
    // Placeholders are the characters 0–8: the number of that level.
    let text: String = char::decode_utf16(units.iter().copied())
        .map(|c| match c {
            Ok(c) if (c as u32) < 9 => format!("%{}", c as u32 + 1),
            Ok(c) => c.to_string(),
            Err(_) => String::new(),
        })
        .collect();
    let format = match nfc {
        0 => "decimal",
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        10 | 37 | 38 | 39 => "chineseCounting",
        18 | 28 => "decimalEnclosedCircle",
        23 => "bullet",
        255 => "none",
        _ => "decimal",
    };
    Some((
        Level {
            format: format.to_string(),
            text,
            start,
        },
        xst + 2 + cch * 2,
    ))
}

pub fn read(bytes: &[u8]) -> Result<Document, Unreadable> {
    let mut file =
        cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| damaged(&e.to_string()))?;
    let word =
        stream(&mut file, "/WordDocument").ok_or_else(|| damaged("no WordDocument stream"))?;
    let fib = Fib::read(&word)?;
    let table = stream(&mut file, &format!("/{}", fib.table_stream))
        .ok_or_else(|| damaged("no table stream"))?;
    let clx = fib
        .part(&table, CLX)
        .ok_or_else(|| damaged("no piece table"))?;
    let pieces = pieces(clx)?;
    let chars = characters(&word, &pieces, fib.ccp_text);
    let data = stream(&mut file, "/Data").unwrap_or_default();
    let runs = paragraph_runs(&word, &table, &data, &fib);
    let mut numbering = lists(&table, &fib);
    Ok(Document {
        blocks: blocks(&chars, &runs, &mut numbering),
        unit: Unit::Paragraph,
        encoding: None,
        sheets: Vec::new(),
        format: "doc",
    })
}

/// The properties of the paragraph whose mark stands at byte `fc`.
fn props_at(runs: &[(usize, usize, Para)], fc: usize) -> Para {
    let i = runs.partition_point(|(start, _, _)| *start <= fc);
    i.checked_sub(1)
        .and_then(|i| runs.get(i))
        .filter(|(_, end, _)| fc < *end)
        .map(|(_, _, p)| p.clone())
        .unwrap_or_default()
}

/// A table being read: its rows, and each row's cell edges (twips) from
/// the row's definition, to work out spans once every row is in.
#[derive(Default)]
struct TableBuilder {
    at: usize,
    rows: Vec<Row>,
    edges: Vec<Vec<(i16, i16)>>,
}

impl TableBuilder {
    fn push(&mut self, line: usize, mut cells: Vec<Cell>, def: Option<&(Vec<i16>, Vec<u8>)>) {
        let mut edges = Vec::new();
        if let Some((centers, merges)) = def {
            for (i, cell) in cells.iter_mut().enumerate() {
                // 1: continues the merge of the cell above (3 starts one).
                if merges.get(i) == Some(&1) {
                    cell.merged = true;
                    cell.text.clear();
                }
                if let (Some(l), Some(r)) = (centers.get(i), centers.get(i + 1)) {
                    edges.push((*l, *r));
                }
            }
        }
        self.rows.push(Row { line, cells });
        self.edges.push(edges);
    }

    /// The table, each cell spanning the columns (every edge any row has)
    /// between its own edges: Word records a merge across as a wider cell.
    fn finish(&mut self, out: &mut Vec<Block>) {
        if self.rows.is_empty() {
            return;
        }
        let mut all: Vec<i16> = self
            .edges
            .iter()
            .flatten()
            .flat_map(|(l, r)| [*l, *r])
            .collect();
        all.sort_unstable();
        let mut columns: Vec<i16> = Vec::new();
        for e in all {
            // Edges a few twips apart are one (rounding between rows).
            if columns
                .last()
                .is_none_or(|last| i32::from(e) - i32::from(*last) > 20)
            {
                columns.push(e);
            }
        }
        for (row, edges) in self.rows.iter_mut().zip(&self.edges) {
            for (cell, (l, r)) in row.cells.iter_mut().zip(edges) {
                let (l, r) = (i32::from(*l), i32::from(*r));
                let inside = columns
                    .iter()
                    .filter(|c| i32::from(**c) > l + 20 && i32::from(**c) <= r + 20)
                    .count();
                cell.span = inside.max(1);
            }
        }
        out.push(Block::Table {
            line: self.at,
            rows: std::mem::take(&mut self.rows),
        });
        self.edges.clear();
    }
}

/// The text as paragraphs and tables.
fn blocks(
    chars: &[(char, usize)],
    runs: &[(usize, usize, Para)],
    numbering: &mut Numbering,
) -> Vec<Block> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut paragraph = 0usize;
    let mut cell_text = String::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut table = TableBuilder::default();
    // Fields: inside an instruction (before its separator) nothing shows.
    let mut fields: Vec<bool> = Vec::new();
    for &(c, fc) in chars {
        match c {
            '\u{13}' => {
                fields.push(true);
                continue;
            }
            '\u{14}' => {
                if let Some(f) = fields.last_mut() {
                    *f = false;
                }
                continue;
            }
            '\u{15}' => {
                fields.pop();
                continue;
            }
            _ if fields.last() == Some(&true) => continue,
            '\r' | '\u{7}' | '\u{C}' => {}
            '\u{B}' => {
                text.push('\n');
                continue;
            }
            '\u{1E}' => {
                text.push('-');
                continue;
            }
            '\u{A0}' => {
                text.push(' ');
                continue;
            }
            c if (c as u32) < 0x20 || c == '\u{FFFD}' => continue,
            c => {
                text.push(c);
                continue;
            }
        }
        // A paragraph, cell or row ends here. Positions count paragraphs
        // and table rows, as the .docx reader does.
        let p = props_at(runs, fc);
        if !p.in_table || (p.row_end && p.depth <= 1) {
            paragraph += 1;
        }
        let number = p
            .list
            .map(|(ilfo, ilvl)| numbering.next(&ilfo.to_string(), ilvl as usize))
            .unwrap_or_default();
        let para = format!("{number}{}", text.trim());
        text.clear();
        if !p.in_table {
            table.finish(&mut out);
            if !para.is_empty() {
                out.push(Block::Para {
                    line: paragraph,
                    text: para,
                });
            }
            continue;
        }
        if table.rows.is_empty() && cells.is_empty() && cell_text.is_empty() && !p.row_end {
            // A table counts as a place of its own before its rows.
            paragraph += 1;
            table.at = paragraph;
        }
        if p.row_end && p.depth <= 1 {
            table.push(paragraph, std::mem::take(&mut cells), p.cells.as_ref());
            cell_text.clear();
            continue;
        }
        if !para.is_empty() {
            // A paragraph of a cell, or a nested table's: the outer cell's text.
            if !cell_text.is_empty() {
                cell_text.push('\n');
            }
            cell_text.push_str(&para);
        }
        if c == '\u{7}' && p.depth <= 1 {
            cells.push(Cell {
                text: std::mem::take(&mut cell_text),
                merged: false,
                span: 1,
            });
        }
    }
    table.finish(&mut out);
    if !text.trim().is_empty() {
        out.push(Block::Para {
            line: paragraph + 1,
            text: text.trim().to_string(),
        });
    }
    out
}
