//! What a published document holds once read, whatever its format:
//! paragraphs and tables, each with the place it starts at (a line of a
//! text, a paragraph of a Word document, a row of a sheet, a page's line of
//! a PDF). Every reader yields this one shape, and everything after reading
//! reads only it.

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
/// “第12行” for a text file, “第12段” for a Word document and “项目一览表
/// 第5行” for a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Line,
    Paragraph,
    /// A sheet's row: position `sheet * SHEET_ROWS + row`, the sheet named
    /// in [`Document::sheets`].
    SheetRow,
}

/// Rows of one sheet are numbered within it: a sheet's positions start at
/// its index times this.
pub const SHEET_ROWS: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub unit: Unit,
    /// The encoding a text file was in, when not UTF-8.
    pub encoding: Option<&'static str>,
    /// A workbook's sheet names, by index.
    pub sheets: Vec<String>,
    /// The format it was read as: docx, doc, pdf, xlsx, xls, ods, html,
    /// mht or txt.
    pub format: &'static str,
}

impl Document {
    /// How its positions are said.
    pub fn places(&self) -> Places<'_> {
        Places {
            unit: self.unit,
            sheets: &self.sheets,
        }
    }
}

/// How a document's positions are said in drafts and summaries.
#[derive(Debug, Clone, Copy)]
pub struct Places<'a> {
    unit: Unit,
    sheets: &'a [String],
}

impl Places<'_> {
    /// 第12行, 第12段, 项目一览表 第5行.
    pub fn at(self, position: usize) -> String {
        self.each(&[position])
    }

    /// Several positions at once: 第12、15行; 项目一览表 第5、7行.
    pub fn each(self, positions: &[usize]) -> String {
        let numbers = |ps: &[usize]| {
            ps.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join("、")
        };
        match self.unit {
            Unit::Line => format!("第{}行", numbers(positions)),
            Unit::Paragraph => format!("第{}段", numbers(positions)),
            Unit::SheetRow => {
                let mut out: Vec<String> = Vec::new();
                let mut sheets: Vec<usize> = positions.iter().map(|p| p / SHEET_ROWS).collect();
                sheets.dedup();
                for sheet in sheets {
                    let rows: Vec<usize> = positions
                        .iter()
                        .filter(|p| *p / SHEET_ROWS == sheet)
                        .map(|p| p % SHEET_ROWS)
                        .collect();
                    let name = self.sheets.get(sheet).map_or("", String::as_str);
                    let rows = format!("第{}行", numbers(&rows));
                    out.push(if name.is_empty() {
                        rows
                    } else {
                        format!("{name} {rows}")
                    });
                }
                out.join("，")
            }
        }
    }
}
