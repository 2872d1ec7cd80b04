//! Text saved from Word: one paragraph per line, a table one cell per line.

use crate::document::{Block, Cell, Row};

/// Text saved from Word: one paragraph per line; a table arrives one cell per
/// line, each starting with a tab, rows ending at a blank line, and a cell's
/// own further lines without the tab.
pub fn blocks(text: &str) -> Vec<Block> {
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
        let blocks = blocks(text);
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
}
