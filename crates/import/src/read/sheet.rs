//! Spreadsheets (.xlsx, .xls, WPS's .et, .ods) through calamine: the
//! project list a department posts as a workbook. Every sheet is read; the
//! lines above a sheet's table (a title merged across the top, 附件2) are
//! paragraphs, and the table keeps its merged regions: a cell merged across
//! columns spans them, one merged down takes the value above. Numbers are
//! written as numbers (10, not 10.0). A position is a sheet's row, said as
//! “项目一览表 第5行”.

use super::Unreadable;
use crate::document::{Block, Cell, Document, Row, Unit, SHEET_ROWS};
use calamine::{Data, Dimensions, Reader};
use std::io::{Cursor, Read};

/// A project list is a few hundred rows; a sheet of more is not one (and a
/// million-row sheet would take gigabytes as cells).
pub const MAX_ROWS: usize = 20_000;
/// Columns read of each row: a plan's table has a dozen.
const MAX_COLUMNS: usize = 200;
/// The .ods content read for merged regions (the zip's parts are bounded
/// before any reader opens them).
const MAX_PART_BYTES: u64 = super::MAX_PART_BYTES;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    /// Excel 97-2003 (BIFF8); WPS's .et is the same format.
    Xls,
    Ods,
}

/// A sheet's name, cells and merged regions.
type Sheet = (String, calamine::Range<Data>, Vec<Dimensions>);

/// Workbooks that say which cells are merged: calamine gives each format
/// its own method, not a trait.
trait MergedCells {
    fn merged(&mut self, sheet: &str) -> Vec<Dimensions>;
}

impl<RS: Read + std::io::Seek> MergedCells for calamine::Xlsx<RS> {
    fn merged(&mut self, sheet: &str) -> Vec<Dimensions> {
        self.merge_cells_by_sheet_name(sheet).unwrap_or_default()
    }
}

impl<RS: Read + std::io::Seek> MergedCells for calamine::Xls<RS> {
    fn merged(&mut self, sheet: &str) -> Vec<Dimensions> {
        self.merge_cells_by_sheet_name(sheet).unwrap_or_default()
    }
}

/// Every sheet of an .xlsx or .xls workbook, with its merged regions.
fn sheets_of<'a, B>(cursor: Cursor<&'a [u8]>) -> Result<Vec<Sheet>, Unreadable>
where
    B: Reader<Cursor<&'a [u8]>> + MergedCells,
    B::Error: std::fmt::Display,
{
    let damaged = |e: B::Error| Unreadable::DamagedSheet(e.to_string());
    let mut book = calamine::open_workbook_from_rs::<B, _>(cursor).map_err(damaged)?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(damaged)?;
        let merges = book.merged(&name);
        out.push((name, range, merges));
    }
    Ok(out)
}

pub fn read(bytes: &[u8], kind: Kind) -> Result<Document, Unreadable> {
    let damaged = |e: String| Unreadable::DamagedSheet(e);
    let cursor = Cursor::new(bytes);
    let sheets: Vec<Sheet> = match kind {
        Kind::Xlsx => sheets_of::<calamine::Xlsx<_>>(cursor)?,
        Kind::Xls => sheets_of::<calamine::Xls<_>>(cursor)?,
        Kind::Ods => {
            let mut book = calamine::open_workbook_from_rs::<calamine::Ods<_>, _>(cursor)
                .map_err(|e| damaged(e.to_string()))?;
            let spans = ods_spans(bytes);
            let mut out = Vec::new();
            for name in book.sheet_names() {
                let range = book
                    .worksheet_range(&name)
                    .map_err(|e| damaged(e.to_string()))?;
                let merges: Vec<Dimensions> = spans
                    .iter()
                    .filter(|(s, _)| *s == name)
                    .map(|(_, d)| *d)
                    .collect();
                out.push((name, range, merges));
            }
            out
        }
    };
    let mut blocks = Vec::new();
    let mut names = Vec::new();
    for (index, (name, range, merges)) in sheets.into_iter().enumerate() {
        if range.height() > MAX_ROWS {
            return Err(Unreadable::SheetTooLarge {
                sheet: name,
                rows: range.height(),
            });
        }
        blocks.extend(sheet_blocks(index, &range, &merges));
        names.push(name);
    }
    Ok(Document {
        blocks,
        unit: Unit::SheetRow,
        encoding: None,
        sheets: names,
        format: match kind {
            Kind::Xlsx => "xlsx",
            Kind::Xls => "xls",
            Kind::Ods => "ods",
        },
    })
}

fn text_of(value: &Data) -> String {
    match value {
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y}年{m}月{day}日")
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// One sheet's paragraphs and tables.
fn sheet_blocks(index: usize, range: &calamine::Range<Data>, merges: &[Dimensions]) -> Vec<Block> {
    let Some((top, left)) = range.start() else {
        return Vec::new();
    };
    let (top, left) = (top as usize, left as usize);
    let width = range.width().min(MAX_COLUMNS);
    // The sheet as rows of cells, merged regions applied.
    let mut rows: Vec<Row> = Vec::new();
    for (r, values) in range.rows().enumerate() {
        let at = top + r;
        let mut cells = Vec::new();
        let mut c = 0;
        while c < width {
            let col = left + c;
            let region = merges.iter().find(|d| d.contains(at as u32, col as u32));
            match region {
                Some(d) if (d.start.1 as usize) < col => {
                    // Inside a region, right of its first column: covered.
                    c += 1;
                    continue;
                }
                Some(d) => {
                    let span = (d.end.1 as usize + 1)
                        .saturating_sub(col)
                        .clamp(1, width - c);
                    let below_top = at > d.start.0 as usize;
                    cells.push(Cell {
                        text: if below_top {
                            String::new()
                        } else {
                            values.get(c).map(text_of).unwrap_or_default()
                        },
                        merged: below_top,
                        span,
                    });
                    c += span;
                }
                None => {
                    cells.push(Cell {
                        text: values.get(c).map(text_of).unwrap_or_default(),
                        merged: false,
                        span: 1,
                    });
                    c += 1;
                }
            }
        }
        rows.push(Row {
            line: index * SHEET_ROWS + at + 1,
            cells,
        });
    }
    split(rows, width)
}

/// Rows with one cell of text (a title merged across, 附件2, a note) are
/// paragraphs; runs of rows with several are tables; empty rows end both.
fn split(rows: Vec<Row>, width: usize) -> Vec<Block> {
    let filled = |r: &Row| {
        r.cells
            .iter()
            .filter(|c| !c.text.is_empty() || c.merged)
            .count()
    };
    let mut blocks = Vec::new();
    let mut table: Vec<Row> = Vec::new();
    let flush = |table: &mut Vec<Row>, blocks: &mut Vec<Block>| {
        if table.len() >= 2 {
            blocks.push(Block::Table {
                line: table[0].line,
                rows: std::mem::take(table),
            });
        } else {
            for row in table.drain(..) {
                for cell in row.cells.into_iter().filter(|c| !c.text.is_empty()) {
                    blocks.push(Block::Para {
                        line: row.line,
                        text: cell.text,
                    });
                }
            }
        }
    };
    for row in rows {
        let n = filled(&row);
        if n == 0 {
            flush(&mut table, &mut blocks);
            continue;
        }
        // A lone cell spanning the table, above it, is the sheet's title
        // or a note; inside a table it is a row of its own (a group's name).
        let lone = n == 1
            && (table.is_empty()
                || row
                    .cells
                    .iter()
                    .any(|c| c.span * 2 >= width && !c.text.is_empty())
                    && table.len() < 2);
        if lone && table.is_empty() {
            let line = row.line;
            blocks.extend(
                row.cells
                    .into_iter()
                    .filter(|c| !c.text.is_empty())
                    .map(|c| Block::Para { line, text: c.text }),
            );
            continue;
        }
        table.push(row);
    }
    flush(&mut table, &mut blocks);
    blocks
}

/// The merged regions of every sheet of an .ods (calamine reads values
/// only): `table:number-rows-spanned` and `table:number-columns-spanned`,
/// with repeated rows and cells counted.
fn ods_spans(bytes: &[u8]) -> Vec<(String, Dimensions)> {
    use quick_xml::events::Event;
    let mut out = Vec::new();
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let mut xml = String::new();
    match archive.by_name("content.xml") {
        Ok(file) => {
            if file.take(MAX_PART_BYTES).read_to_string(&mut xml).is_err() {
                return out;
            }
        }
        Err(_) => return out,
    }
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut sheet, mut row, mut col) = (String::new(), 0u32, 0u32);
    let number = |e: &quick_xml::events::BytesStart, name: &str| {
        super::xml::attr(e, name).and_then(|v| v.parse::<u32>().ok())
    };
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                if e.local_name().as_ref() == "table-row" {
                    row += 1;
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match e.local_name().as_ref() {
            "table" => {
                sheet = super::xml::attr(&e, "name").unwrap_or_default();
                row = 0;
            }
            "table-row" => {
                col = 0;
                let repeated = number(&e, "number-rows-repeated")
                    .unwrap_or(1)
                    .min(MAX_ROWS as u32);
                if empty {
                    row += repeated;
                } else if repeated > 1 {
                    // A repeated row with cells: its others are copies.
                    row += repeated - 1;
                }
            }
            "table-cell" | "covered-table-cell" => {
                let rows = number(&e, "number-rows-spanned").unwrap_or(1);
                let cols = number(&e, "number-columns-spanned").unwrap_or(1);
                if rows > 1 || cols > 1 {
                    out.push((
                        sheet.clone(),
                        Dimensions::new((row, col), (row + rows - 1, col + cols - 1)),
                    ));
                }
                col += number(&e, "number-columns-repeated")
                    .unwrap_or(1)
                    .min(MAX_COLUMNS as u32 * 100);
            }
            _ => {}
        }
    }
    out
}
