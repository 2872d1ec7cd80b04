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

