//! Word's own format: a zip archive whose `word/document.xml` holds the
//! body. Paragraphs (`w:p`) become lines; tables (`w:tbl`) keep their rows,
//! with horizontally merged cells (`w:gridSpan`) and vertically merged ones
//! (`w:vMerge`) marked, so a merged cell can take the value above it.
//! Numbers Word draws itself (automatic numbering) are put back in front of
//! their paragraphs ([`super::numbering`]).

use super::numbering::Numbering;
use super::xml::attr;
use super::Unreadable;
use crate::document::{Block, Cell, Document, Row, Unit};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::Read;

/// The body of even a long plan is a few MB of XML; a larger part is a zip
/// bomb or not a plan.
const MAX_BODY_BYTES: u64 = 256 * 1024 * 1024;

pub fn read(bytes: &[u8]) -> Result<Document, Unreadable> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Unreadable::DamagedZip(e.to_string()))?;
    if archive.index_for_name("word/document.xml").is_none() {
        let has = |name: &str| archive.index_for_name(name).is_some();
        return Err(if has("ppt/presentation.xml") {
            Unreadable::Pptx
        } else {
            Unreadable::Zip
        });
    }
    let mut part = |name: &str| -> Result<Option<String>, Unreadable> {
        let Ok(file) = archive.by_name(name) else {
            return Ok(None);
        };
        let mut xml = String::new();
        file.take(MAX_BODY_BYTES)
            .read_to_string(&mut xml)
            .map_err(|e| Unreadable::DamagedDocx(e.to_string()))?;
        Ok(Some(xml))
    };
    let xml = part("word/document.xml")?.unwrap_or_default();
    let numbering = part("word/numbering.xml")?
        .map(|x| Numbering::parse(&x))
        .unwrap_or_default();
    let styles = part("word/styles.xml")?
        .map(|x| styles(&x))
        .unwrap_or_default();
    let blocks =
        body_blocks(&xml, numbering, styles).map_err(|e| Unreadable::DamagedDocx(e.to_string()))?;
    Ok(Document {
        blocks,
        unit: Unit::Paragraph,
        encoding: None,
        sheets: Vec::new(),
        format: "docx",
    })
}

/// A paragraph being read: its text, and its list (numId, level) and
/// style when Word numbers it.
#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    level: Option<usize>,
    style: Option<String>,
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    /// Paragraphs and table rows counted so far: the “段” of a position.
    count: usize,
    /// Open paragraphs: a text box's paragraphs sit inside another's.
    paras: Vec<Para>,
    in_text: bool,
    /// Inside `mc:Fallback`: the copy of a text box Word keeps for old
    /// readers, not read twice.
    fallback: usize,
    /// Open tables, innermost last; a nested table's text goes to the cell
    /// that holds it.
    tables: Vec<(usize, Vec<Row>)>,
    row: Option<Row>,
    cell: Option<Cell>,
    numbering: Numbering,
    /// styleId → the list its paragraphs are numbered in (word/styles.xml).
    styles: HashMap<String, (String, usize)>,
}

impl Builder {
    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }

    fn start(&mut self, e: &BytesStart) {
        let para = self.paras.last_mut();
        match e.local_name().as_ref() {
            "p" => self.paras.push(Para::default()),
            "t" => self.in_text = true,
            "pStyle" => {
                if let Some(p) = para {
                    p.style = attr(e, "val");
                }
            }
            "numId" => {
                if let Some(p) = para {
                    p.num_id = attr(e, "val");
                }
            }
            "ilvl" => {
                if let Some(p) = para {
                    p.level = attr(e, "val").and_then(|v| v.parse().ok());
                }
            }
            "tab" => self.push_text("\t"),
            "br" | "cr" => self.push_text("\n"),
            "tbl" => {
                if self.tables.is_empty() {
                    self.count += 1;
                }
                self.tables.push((self.count, Vec::new()));
            }
            "tr" if self.tables.len() == 1 => {
                self.count += 1;
                self.row = Some(Row {
                    line: self.count,
                    cells: Vec::new(),
                });
            }
            "tc" if self.tables.len() == 1 => {
                self.cell = Some(Cell {
                    text: String::new(),
                    merged: false,
                    span: 1,
                })
            }
            "gridSpan" => {
                if let (Some(cell), Some(n)) = (self.cell.as_mut(), attr(e, "val")) {
                    cell.span = n.parse().unwrap_or(1).clamp(1, 64);
                }
            }
            "vMerge" if self.tables.len() == 1 => {
                if let Some(cell) = self.cell.as_mut() {
                    // No val, or "continue": merged with the cell above.
                    cell.merged = attr(e, "val").is_none_or(|v| v != "restart");
                }
            }
            _ => {}
        }
    }

    /// The number Word prints before a paragraph: its own list, or its style's.
    fn number_of(&mut self, p: &Para) -> String {
        let from_style = p.style.as_ref().and_then(|s| self.styles.get(s)).cloned();
        let list = match (&p.num_id, from_style) {
            (Some(id), _) if id == "0" => None,
            (Some(id), style) => Some((id.clone(), p.level.or(style.map(|s| s.1)).unwrap_or(0))),
            (None, Some((id, level))) => Some((id, p.level.unwrap_or(level))),
            (None, None) => None,
        };
        list.map(|(id, level)| self.numbering.next(&id, level))
            .unwrap_or_default()
    }

    fn end(&mut self, name: &str) {
        match name {
            "t" => self.in_text = false,
            "p" => {
                let Some(p) = self.paras.pop() else {
                    return;
                };
                let number = self.number_of(&p);
                let mut text = p.text;
                if !text.trim().is_empty() {
                    text.insert_str(0, &number);
                }
                match self.cell.as_mut() {
                    Some(cell) => {
                        let text = text.trim();
                        if !text.is_empty() {
                            if !cell.text.is_empty() {
                                cell.text.push('\n');
                            }
                            cell.text.push_str(text);
                        }
                    }
                    None => {
                        self.count += 1;
                        let line = self.count;
                        for part in text.split('\n') {
                            let part = part.trim();
                            if !part.is_empty() {
                                self.blocks.push(Block::Para {
                                    line,
                                    text: part.to_string(),
                                });
                            }
                        }
                    }
                }
            }
            "tc" if self.tables.len() == 1 => {
                if let (Some(row), Some(cell)) = (self.row.as_mut(), self.cell.take()) {
                    row.cells.push(cell);
                }
            }
            "tr" if self.tables.len() == 1 => {
                if let (Some(row), Some((_, rows))) = (self.row.take(), self.tables.last_mut()) {
                    rows.push(row);
                }
            }
            "tbl" => {
                if let Some((line, rows)) = self.tables.pop() {
                    if self.tables.is_empty() {
                        self.blocks.push(Block::Table { line, rows });
                    }
                }
            }
            _ => {}
        }
    }
}

/// The lists paragraph styles are numbered in (`word/styles.xml`): a
/// heading style linked to a list numbers every heading of that style. A
/// style without a list of its own takes its `basedOn` style's.
pub fn styles(xml: &str) -> HashMap<String, (String, usize)> {
    /// What one style says: its list, level and the style it is based on.
    #[derive(Default)]
    struct Own {
        num_id: Option<String>,
        level: Option<usize>,
        based_on: Option<String>,
    }
    let mut own: HashMap<String, Own> = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        let e = match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => e,
            Ok(Event::End(e)) => {
                if e.local_name().as_ref() == "style" {
                    current = None;
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        let name = e.local_name();
        if name.as_ref() == "style" {
            current = attr(&e, "styleId");
            continue;
        }
        let Some(id) = &current else { continue };
        let entry = own.entry(id.clone()).or_default();
        match name.as_ref() {
            "numId" => entry.num_id = attr(&e, "val"),
            "ilvl" => entry.level = attr(&e, "val").and_then(|v| v.parse().ok()),
            "basedOn" => entry.based_on = attr(&e, "val"),
            _ => {}
        }
    }
    let mut out = HashMap::new();
    for id in own.keys() {
        let mut at = Some(id.clone());
        // A chain of basedOn is short; a loop in a broken file is cut off.
        for _ in 0..16 {
            let Some(style) = at.as_ref().and_then(|s| own.get(s)) else {
                break;
            };
            if let Some(num) = &style.num_id {
                if num != "0" {
                    out.insert(id.clone(), (num.clone(), style.level.unwrap_or(0)));
                }
                break;
            }
            at = style.based_on.clone();
        }
    }
    out
}

/// The blocks of `word/document.xml`.
pub fn body_blocks(
    xml: &str,
    numbering: Numbering,
    styles: HashMap<String, (String, usize)>,
) -> Result<Vec<Block>, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut b = Builder {
        numbering,
        styles,
        ..Builder::default()
    };
    loop {
        let event = reader.read_event()?;
        if b.fallback > 0 {
            match &event {
                Event::Start(e) if e.local_name().as_ref() == "Fallback" => b.fallback += 1,
                Event::End(e) if e.local_name().as_ref() == "Fallback" => b.fallback -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) if e.local_name().as_ref() == "Fallback" => b.fallback = 1,
            Event::Start(e) => b.start(&e),
            Event::Empty(e) => {
                b.start(&e);
                // `<w:t/>` opens no text; `<w:p/>` is an empty paragraph.
                b.end(e.local_name().as_ref());
            }
            Event::End(e) => b.end(e.local_name().as_ref()),
            Event::Text(t) if b.in_text => b.push_text(&t.xml10_content()),
            Event::GeneralRef(r) if b.in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    b.push_text(c.encode_utf8(&mut [0; 4]));
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                    b.push_text(s);
                }
            }
            Event::CData(t) if b.in_text => b.push_text(&t.xml10_content()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(b.blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tables_and_merged_cells() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>一、总则</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">培训对象：</w:t></w:r><w:r><w:t>A&amp;B</w:t></w:r></w:p>
<w:tbl>
<w:tr><w:tc><w:p><w:r><w:t>类别</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>全员</w:t></w:r></w:p><w:p><w:r><w:t>培训</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
</w:tbl>
<w:p><w:r><w:t>完</w:t></w:r></w:p>
</w:body></w:document>"#;
        let blocks = body_blocks(xml, Numbering::default(), HashMap::new()).unwrap();
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert_eq!(
            blocks[1],
            Block::Para {
                line: 2,
                text: "培训对象：A&B".into()
            }
        );
        let Block::Table { line, rows } = &blocks[2] else {
            panic!()
        };
        assert_eq!(*line, 3);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].cells[1].span, 2);
        assert_eq!(rows[1].cells[0].text, "全员\n培训");
        assert!(!rows[1].cells[0].merged);
        assert!(rows[2].cells[0].merged);
        assert_eq!(
            blocks[3],
            Block::Para {
                line: 7,
                text: "完".into()
            }
        );
    }

    /// Each block's text, a table as “table”.
    fn texts(blocks: Vec<Block>) -> Vec<String> {
        blocks
            .into_iter()
            .map(|b| match b {
                Block::Para { text, .. } => text,
                Block::Table { .. } => "table".into(),
            })
            .collect()
    }

    #[test]
    fn a_text_box_is_read_once_as_its_own_paragraph() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>续</w:t></w:r></w:p>
</w:body></w:document>"#;
        let texts = texts(body_blocks(xml, Numbering::default(), HashMap::new()).unwrap());
        assert_eq!(texts, ["框中文字", "正文续"]);
    }

    #[test]
    fn a_heading_style_linked_to_a_list_numbers_its_headings() {
        let styles = styles(
            r#"<w:styles xmlns:w="w">
<w:style w:styleId="1"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
<w:style w:styleId="2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
<w:style w:styleId="loop"><w:basedOn w:val="loop"/></w:style>
</w:styles>"#,
        );
        let numbering = Numbering::parse(
            r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        );
        let p = |style: &str, own: &str, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{own}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body>{}{}{}{}{}</w:body></w:document>"#,
            p("1", "", "总则"),
            p("2", "", "目标"),
            p("2", r#"<w:numPr><w:numId w:val="0"/></w:numPr>"#, "不编号"),
            p("2", "", "要求"),
            p("loop", "", "正文"),
        );
        let texts = texts(body_blocks(&xml, numbering, styles).unwrap());
        assert_eq!(
            texts,
            ["一、总则", "（一）目标", "不编号", "（二）要求", "正文"]
        );
    }
}
