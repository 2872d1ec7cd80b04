//! PDF with a text layer, through poppler (Debian's poppler-utils): its
//! words and lines with their positions (`pdftotext -bbox-layout`), and the
//! lines a page draws (`pdftocairo -svg`), which are a table's rules. Poppler
//! reads the fonts without a ToUnicode map that Chinese government PDFs
//! often use, which pure-Rust extractors garble.
//!
//! - A table is rebuilt from its rules: the cell grid they draw, a cell
//!   merged down or across where a rule is missing, each cell's text the
//!   lines inside it (a cell that wraps is one cell); a table that goes on
//!   over a page break is one table.
//! - Text outside tables is lines in reading order, joined into paragraphs
//!   where a line runs to the right margin and the next starts flush left.
//! - The spaces extraction puts between Chinese and digits (“2025 年”) go.
//! - Headers, footers and page numbers are dropped.
//!
//! Positions are lines counted through the document (第12行). A PDF
//! without text (a scan) is named: it needs text recognition first.

use super::Unreadable;
use crate::document::{Block, Cell, Document, Row, Unit};
use quick_xml::events::Event;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What poppler may take: a plan of a hundred pages takes under a second.
const POPPLER_TIME: Duration = Duration::from_secs(60);
/// Output read from poppler: the text layer of a long plan is a few MB.
const POPPLER_OUTPUT: u64 = 256 * 1024 * 1024;

/// One line of text as poppler places it (points, top-left origin), with
/// its words: a line poppler runs across two table cells is split by them.
#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
    words: Vec<Word>,
}

#[derive(Debug, Clone)]
struct Word {
    x0: f64,
    x1: f64,
    text: String,
}

impl Line {
    fn center(&self) -> (f64, f64) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }
}

#[derive(Debug, Default)]
struct Page {
    height: f64,
    lines: Vec<Line>,
    /// Ruled segments: (x0, y0, x1, y1), horizontal or vertical.
    rules: Vec<(f64, f64, f64, f64)>,
}

/// Runs a poppler tool on the bytes, with a time limit and a bound on what
/// it writes.
fn poppler(tool: &str, args: &[&str], bytes: &[u8]) -> Result<Vec<u8>, Unreadable> {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Unreadable::NeedsPoppler
            } else {
                Unreadable::Io(e)
            }
        })?;
    let mut stdin = child.stdin.take();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(&input);
        }
    });
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.take(POPPLER_OUTPUT).read_to_end(&mut out);
        }
        out
    });
    let mut stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut out = String::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.take(64 * 1024).read_to_string(&mut out);
        }
        out
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait().map_err(Unreadable::Io)? {
            Some(status) => break Some(status),
            None if started.elapsed() > POPPLER_TIME => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let errors = errors.join().unwrap_or_default();
    match status {
        None => Err(Unreadable::PdfTooSlow),
        Some(s) if s.success() => Ok(out),
        Some(_) if errors.contains("assword") => Err(Unreadable::Encrypted),
        // Poppler's last word is the one that stopped it.
        Some(_) => Err(Unreadable::DamagedPdf(
            errors
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string(),
        )),
    }
}

pub fn read(bytes: &[u8]) -> Result<Document, Unreadable> {
    let words = poppler("pdftotext", &["-bbox-layout", "-", "-"], bytes)?;
    let mut pages = text_pages(&String::from_utf8_lossy(&words));
    let chars: usize = pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.text.chars().count())
        .sum();
    if chars < 20 {
        return Err(Unreadable::Scan);
    }
    // The rules are only needed where there is a table; a PDF that cannot
    // be drawn still gives its text.
    if let Ok(svg) = poppler("pdftocairo", &["-q", "-svg", "-", "-"], bytes) {
        for (page, rules) in pages
            .iter_mut()
            .zip(rule_pages(&String::from_utf8_lossy(&svg)))
        {
            page.rules = rules;
        }
    }
    // Tables first: a number in a table's last row is no page number.
    let mut laid: Vec<(Vec<Table>, Page)> = pages
        .into_iter()
        .map(|mut page| {
            let tables = tables(&page.rules, &mut page.lines);
            (tables, page)
        })
        .collect();
    {
        let mut rest: Vec<&mut Page> = laid.iter_mut().map(|(_, p)| p).collect();
        drop_headers_and_footers(&mut rest);
    }
    Ok(Document {
        blocks: blocks(laid),
        unit: Unit::Line,
        encoding: None,
        sheets: Vec::new(),
        format: "pdf",
    })
}

fn number(e: &quick_xml::events::BytesStart, name: &str) -> f64 {
    super::xml::attr(e, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

/// Words joined into a line's text: a space only between two words of
/// Latin letters or digits; none around Chinese (“2025 年” → “2025年”).
fn join_words(words: &[String]) -> String {
    let mut out = String::new();
    for w in words {
        let latin_before = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let latin_after = w.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if latin_before && latin_after {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `pdftotext -bbox-layout`: pages of lines.
fn text_pages(xhtml: &str) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xhtml);
    let mut page: Option<Page> = None;
    let mut line: Option<Line> = None;
    let mut words: Vec<String> = Vec::new();
    let mut places: Vec<(f64, f64)> = Vec::new();
    let mut in_word = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "page" => {
                    page = Some(Page {
                        height: number(&e, "height"),
                        ..Page::default()
                    })
                }
                "line" => {
                    line = Some(Line {
                        x0: number(&e, "xMin"),
                        y0: number(&e, "yMin"),
                        x1: number(&e, "xMax"),
                        y1: number(&e, "yMax"),
                        text: String::new(),
                        words: Vec::new(),
                    });
                    words.clear();
                    places.clear();
                }
                "word" => {
                    in_word = true;
                    words.push(String::new());
                    places.push((number(&e, "xMin"), number(&e, "xMax")));
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_word => {
                if let Some(w) = words.last_mut() {
                    w.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) if in_word => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r)
                        .unwrap_or("")
                        .to_string(),
                };
                if let Some(w) = words.last_mut() {
                    w.push_str(&text);
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "word" => in_word = false,
                "line" => {
                    if let (Some(mut l), Some(p)) = (line.take(), page.as_mut()) {
                        l.text = join_words(&words);
                        l.words = words
                            .iter()
                            .zip(&places)
                            .map(|(t, (x0, x1))| Word {
                                x0: *x0,
                                x1: *x1,
                                text: t.clone(),
                            })
                            .collect();
                        if !l.text.trim().is_empty() {
                            p.lines.push(l);
                        }
                    }
                }
                "page" => pages.extend(page.take()),
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    pages
}

/// An SVG transform: matrix(a,b,c,d,e,f) (translate and scale too).
#[derive(Clone, Copy)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn parse(text: &str) -> Matrix {
        let numbers = |s: &str| -> Vec<f64> {
            s.split(|c: char| c == ',' || c.is_whitespace())
                .filter_map(|n| n.parse().ok())
                .collect()
        };
        let inner = |name: &str| {
            text.find(name).and_then(|i| {
                let rest = &text[i + name.len()..];
                let rest = rest.strip_prefix('(')?;
                Some(numbers(&rest[..rest.find(')')?]))
            })
        };
        if let Some(m) = inner("matrix").filter(|m| m.len() == 6) {
            return Matrix([m[0], m[1], m[2], m[3], m[4], m[5]]);
        }
        if let Some(t) = inner("translate") {
            return Matrix([
                1.0,
                0.0,
                0.0,
                1.0,
                t.first().copied().unwrap_or(0.0),
                t.get(1).copied().unwrap_or(0.0),
            ]);
        }
        if let Some(s) = inner("scale") {
            let x = s.first().copied().unwrap_or(1.0);
            return Matrix([x, 0.0, 0.0, s.get(1).copied().unwrap_or(x), 0.0, 0.0]);
        }
        Matrix::IDENTITY
    }

    /// `self` applied after `inner`.
    fn then(self, inner: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = inner.0;
        Matrix([
            a * a2 + c * b2,
            b * a2 + d * b2,
            a * c2 + c * d2,
            b * c2 + d * d2,
            a * e2 + c * f2 + e,
            b * e2 + d * f2 + f,
        ])
    }

    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }
}

/// The straight segments of a path: M/L/H/V/Z, absolute (as cairo writes).
fn segments(d: &str) -> Vec<((f64, f64), (f64, f64))> {
    let mut out = Vec::new();
    let tokens: Vec<&str> = d.split_whitespace().collect();
    let (mut at, mut start) = ((0.0, 0.0), (0.0, 0.0));
    let mut i = 0;
    let num = |i: usize| tokens.get(i).and_then(|t| t.parse::<f64>().ok());
    while i < tokens.len() {
        match tokens[i] {
            "M" => {
                if let (Some(x), Some(y)) = (num(i + 1), num(i + 2)) {
                    at = (x, y);
                    start = at;
                }
                i += 3;
            }
            "L" => {
                if let (Some(x), Some(y)) = (num(i + 1), num(i + 2)) {
                    out.push((at, (x, y)));
                    at = (x, y);
                }
                i += 3;
            }
            "H" => {
                if let Some(x) = num(i + 1) {
                    out.push((at, (x, at.1)));
                    at.0 = x;
                }
                i += 2;
            }
            "V" => {
                if let Some(y) = num(i + 1) {
                    out.push((at, (at.0, y)));
                    at.1 = y;
                }
                i += 2;
            }
            "Z" | "z" => {
                out.push((at, start));
                at = start;
                i += 1;
            }
            // Curves are no table rules: skip their numbers.
            "C" => i += 7,
            "Q" => i += 5,
            _ => i += 1,
        }
    }
    out
}

/// `pdftocairo -svg`: each page's horizontal and vertical rules, in the
/// page's points from the top left. A thin filled rectangle is a rule too.
fn rule_pages(svg: &str) -> Vec<Vec<(f64, f64, f64, f64)>> {
    let mut pages = Vec::new();
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut rules: Option<Vec<(f64, f64, f64, f64)>> = None;
    let mut stack: Vec<Matrix> = Vec::new();
    let mut in_defs = 0usize;
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.local_name().as_ref() {
                    "page" => pages.extend(rules.take()),
                    "defs" => in_defs = in_defs.saturating_sub(1),
                    "g" => {
                        stack.pop();
                    }
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        let outer = stack.last().copied().unwrap_or(Matrix::IDENTITY);
        match e.local_name().as_ref() {
            "page" if !empty => rules = Some(Vec::new()),
            "defs" if !empty => in_defs += 1,
            "g" if !empty => {
                let m = super::xml::attr(&e, "transform")
                    .map_or(Matrix::IDENTITY, |t| Matrix::parse(&t));
                stack.push(outer.then(m));
            }
            "path" if in_defs == 0 => {
                let (Some(rules), Some(d)) = (rules.as_mut(), super::xml::attr(&e, "d")) else {
                    continue;
                };
                let style = super::xml::attr(&e, "style").unwrap_or_default();
                let m = outer.then(
                    super::xml::attr(&e, "transform")
                        .map_or(Matrix::IDENTITY, |t| Matrix::parse(&t)),
                );
                let stroked = style.contains("stroke:") && !style.contains("stroke:none");
                let filled = !style.contains("fill:none");
                let segs: Vec<((f64, f64), (f64, f64))> = segments(&d)
                    .into_iter()
                    .map(|(a, b)| (m.apply(a.0, a.1), m.apply(b.0, b.1)))
                    .collect();
                if stroked {
                    rules.extend(segs.iter().filter_map(|&(a, b)| straight(a, b)));
                } else if filled {
                    // A filled thin rectangle drawn as a rule.
                    let xs = segs.iter().flat_map(|(a, b)| [a.0, b.0]);
                    let ys = segs.iter().flat_map(|(a, b)| [a.1, b.1]);
                    let (x0, x1) =
                        xs.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
                    let (y0, y1) =
                        ys.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
                    if segs.len() >= 3 && x1 > x0 && y1 > y0 {
                        if y1 - y0 < 2.0 && x1 - x0 > 4.0 {
                            rules.push((x0, (y0 + y1) / 2.0, x1, (y0 + y1) / 2.0));
                        } else if x1 - x0 < 2.0 && y1 - y0 > 4.0 {
                            rules.push(((x0 + x1) / 2.0, y0, (x0 + x1) / 2.0, y1));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    pages
}

/// A segment as a rule, when it is horizontal or vertical and not a dot.
fn straight(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64, f64, f64)> {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    if (y1 - y0) < 0.5 && (x1 - x0) > 2.0 {
        Some((x0, y0, x1, y0))
    } else if (x1 - x0) < 0.5 && (y1 - y0) > 2.0 {
        Some((x0, y0, x0, y1))
    } else {
        None
    }
}

/// Page numbers (3, - 3 -, 第3页, 3/10) and lines that repeat at the top
/// or bottom of most pages are no part of the document.
fn drop_headers_and_footers(pages: &mut [&mut Page]) {
    let is_page_number = |t: &str| {
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        let core =
            t.trim_matches(|c| matches!(c, '-' | '—' | '－' | '第' | '页' | '/' | '共' | '·'));
        !core.is_empty()
            && core
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '/' | '页' | '共' | '第'))
    };
    let at_edge = |height: f64, l: &Line| l.y1 < height * 0.07 || l.y0 > height * 0.93;
    // The same words (digits aside) at the edge of over half the pages.
    let key = |l: &Line| {
        l.text
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    let mut repeated: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for p in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for l in p.lines.iter().filter(|l| at_edge(p.height, l)) {
            if seen.insert(key(l)) {
                *repeated.entry(key(l)).or_default() += 1;
            }
        }
    }
    let count = pages.len();
    for p in pages.iter_mut() {
        let height = p.height;
        p.lines.retain(|l| {
            !at_edge(height, l)
                || !(is_page_number(&l.text)
                    || (count >= 3 && repeated.get(&key(l)).is_some_and(|n| n * 2 > count)))
        });
    }
}

/// A ruled segment: (x0, y0, x1, y1), horizontal or vertical.
type Rule = (f64, f64, f64, f64);

/// A table found on a page: its grid and the cells' text.
struct Table {
    top: f64,
    bottom: f64,
    /// Column edges, sorted.
    xs: Vec<f64>,
    rows: Vec<Row>,
}

/// Close values as one (rules drawn twice, rounding).
fn cluster(mut values: Vec<f64>, tolerance: f64) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for v in values {
        match out.last() {
            Some(last) if v - last <= tolerance => {}
            _ => out.push(v),
        }
    }
    out
}

/// The tables a page's rules draw, with their text; the lines they hold
/// are taken out of `lines`.
fn tables(rules: &[(f64, f64, f64, f64)], lines: &mut Vec<Line>) -> Vec<Table> {
    let horizontal: Vec<_> = rules
        .iter()
        .copied()
        .filter(|r| (r.1 - r.3).abs() < 0.5)
        .collect();
    let vertical: Vec<_> = rules
        .iter()
        .copied()
        .filter(|r| (r.0 - r.2).abs() < 0.5)
        .collect();
    // Rules that touch belong to one table: group by overlapping extents.
    let mut groups: Vec<(f64, f64, f64, f64, Vec<Rule>)> = Vec::new();
    for r in horizontal.iter().chain(&vertical) {
        let (x0, y0, x1, y1) = (r.0 - 2.0, r.1 - 2.0, r.2 + 2.0, r.3 + 2.0);
        let hits: Vec<usize> = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| x0 <= g.2 && g.0 <= x1 && y0 <= g.3 && g.1 <= y1)
            .map(|(i, _)| i)
            .collect();
        let mut merged = (x0, y0, x1, y1, vec![*r]);
        for &i in hits.iter().rev() {
            let g = groups.remove(i);
            merged = (
                merged.0.min(g.0),
                merged.1.min(g.1),
                merged.2.max(g.2),
                merged.3.max(g.3),
                [merged.4, g.4].concat(),
            );
        }
        groups.push(merged);
    }
    groups.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut out = Vec::new();
    for (_, _, _, _, rules) in groups {
        let hs: Vec<_> = rules
            .iter()
            .copied()
            .filter(|r| (r.1 - r.3).abs() < 0.5)
            .collect();
        let vs: Vec<_> = rules
            .iter()
            .copied()
            .filter(|r| (r.0 - r.2).abs() < 0.5)
            .collect();
        let xs = cluster(vs.iter().map(|r| r.0).collect(), 1.5);
        let ys = cluster(hs.iter().map(|r| r.1).collect(), 1.5);
        if xs.len() < 3 || ys.len() < 2 {
            continue; // an underline or a box, not a table of columns
        }
        let (cols, rows_n) = (xs.len() - 1, ys.len() - 1);
        // Whether a rule runs along x = xs[c] over row band r, or along
        // y = ys[r] over column band c.
        let v_rule = |c: usize, r: usize| {
            let (y0, y1) = (ys[r], ys[r + 1]);
            vs.iter()
                .any(|v| (v.0 - xs[c]).abs() <= 1.5 && v.1 <= y0 + 1.5 && v.3 >= y1 - 1.5)
        };
        let h_rule = |r: usize, c: usize| {
            let (x0, x1) = (xs[c], xs[c + 1]);
            hs.iter()
                .any(|h| (h.1 - ys[r]).abs() <= 1.5 && h.0 <= x0 + 1.5 && h.2 >= x1 - 1.5)
        };
        // Slots joined where no rule parts them: each slot's cell is its
        // top-left slot.
        let mut owner: Vec<Vec<(usize, usize)>> = vec![vec![(0, 0); cols]; rows_n];
        for r in 0..rows_n {
            for c in 0..cols {
                owner[r][c] = if c > 0 && !v_rule(c, r) {
                    owner[r][c - 1]
                } else if r > 0 && !h_rule(r, c) {
                    owner[r - 1][c]
                } else {
                    (r, c)
                };
            }
        }
        // Each cell's text: the words whose middle is inside it, as lines.
        let mut texts: std::collections::HashMap<(usize, usize), Vec<Line>> =
            std::collections::HashMap::new();
        let (left, right, top, bottom) = (xs[0], xs[cols], ys[0], ys[rows_n]);
        lines.retain(|l| {
            let (x, y) = l.center();
            if x < left || x > right || y < top || y > bottom {
                return true;
            }
            let r = ys
                .partition_point(|e| *e < y)
                .saturating_sub(1)
                .min(rows_n - 1);
            let mut pieces: Vec<((usize, usize), Line)> = Vec::new();
            for w in &l.words {
                let c = xs
                    .partition_point(|e| *e < (w.x0 + w.x1) / 2.0)
                    .saturating_sub(1)
                    .min(cols - 1);
                let cell = owner[r][c];
                match pieces.last_mut() {
                    Some((at, piece)) if *at == cell => {
                        piece.text = join_words(&[std::mem::take(&mut piece.text), w.text.clone()]);
                        piece.x1 = w.x1;
                    }
                    _ => pieces.push((
                        cell,
                        Line {
                            x0: w.x0,
                            x1: w.x1,
                            text: w.text.clone(),
                            words: Vec::new(),
                            ..*l
                        },
                    )),
                }
            }
            for (cell, piece) in pieces {
                texts.entry(cell).or_default().push(piece);
            }
            false
        });
        let mut rows = Vec::new();
        for (r, owners) in owner.iter().enumerate() {
            let mut cells = Vec::new();
            let mut c = 0;
            while c < cols {
                let own = owners[c];
                let mut span = 1;
                while c + span < cols && owners[c + span] == own {
                    span += 1;
                }
                let merged = own.0 < r;
                let text = if merged {
                    String::new()
                } else {
                    cell_text(
                        texts.get(&own).map(Vec::as_slice).unwrap_or(&[]),
                        xs[own.1 + span] - xs[own.1],
                    )
                };
                cells.push(Cell { text, merged, span });
                c += span;
            }
            // Numbered in reading order by `blocks`.
            rows.push(Row { line: 0, cells });
        }
        out.push(Table {
            top,
            bottom,
            xs,
            rows,
        });
    }
    out
}

/// A cell's lines as its text: a line that runs to the cell's edge goes on
/// in the next; one that stops short ends a paragraph of the cell.
fn cell_text(lines: &[Line], width: f64) -> String {
    let mut lines = lines.to_vec();
    lines.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let left = lines.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
    let mut out = String::new();
    let mut previous: Option<&Line> = None;
    for l in &lines {
        if let Some(p) = previous {
            let same_row = (l.y0 - p.y0).abs() < (p.y1 - p.y0) * 0.5;
            let char_width = (p.y1 - p.y0).max(1.0);
            let ran_on = p.x1 - left > width - 2.5 * char_width - 8.0;
            if same_row {
                out.push(' ');
            } else if !ran_on || p.text.ends_with(['。', '；', '：']) {
                out.push('\n');
            }
        }
        out.push_str(l.text.trim());
        previous = Some(l);
    }
    out
}

/// Text lines becoming paragraphs: a line that reaches the right margin
/// goes on in the next line when that starts flush left and is no
/// numbered item, over a page break too.
#[derive(Default)]
struct Paragraphs {
    text: String,
    start: usize,
    /// The last line, with the margins of its page.
    previous: Option<(Line, f64, f64)>,
}

impl Paragraphs {
    /// One page's lines outside tables (or a band of them), in order.
    fn push(
        &mut self,
        lines: &[Line],
        left: f64,
        right: f64,
        line_number: &mut usize,
        out: &mut Vec<Block>,
    ) {
        // Visual lines: poppler may split one line into pieces (a gap
        // between words); rejoin pieces that share a baseline.
        let mut rows: Vec<Line> = Vec::new();
        let mut sorted = lines.to_vec();
        sorted.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
        for l in sorted {
            match rows.last_mut() {
                Some(r) if (l.y0 - r.y0).abs() < (r.y1 - r.y0) * 0.4 => {
                    if l.x0 - r.x1 > (r.y1 - r.y0) * 1.5 {
                        r.text.push(' ');
                    }
                    r.text = join_words(&[std::mem::take(&mut r.text), l.text.clone()]);
                    r.x1 = r.x1.max(l.x1);
                }
                _ => rows.push(l),
            }
        }
        for l in rows {
            *line_number += 1;
            let char_width = (l.y1 - l.y0).max(1.0);
            let continues = self.previous.as_ref().is_some_and(|(p, _, p_right)| {
                let ran_on = p.x1 > p_right - 2.5 * char_width;
                let flush = (l.x0 - left).abs() < char_width * 0.8;
                ran_on
                    && flush
                    && !p.text.ends_with(['。', '：', '；'])
                    && crate::lines::numbering(&l.text).is_none()
            });
            if continues {
                self.text =
                    join_words(&[std::mem::take(&mut self.text), l.text.trim().to_string()]);
            } else {
                self.flush(out);
                self.text = l.text.trim().to_string();
                self.start = *line_number;
            }
            self.previous = Some((l, left, right));
        }
    }

    fn flush(&mut self, out: &mut Vec<Block>) {
        let text = std::mem::take(&mut self.text);
        if !text.trim().is_empty() {
            out.push(Block::Para {
                line: self.start,
                text: text.trim().to_string(),
            });
        }
        self.previous = None;
    }
}

/// The pages' blocks in reading order; a table that goes on over a page
/// break is one, and so is a paragraph.
fn blocks(pages: Vec<(Vec<Table>, Page)>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut line = 0usize;
    let mut paragraphs = Paragraphs::default();
    // The column edges of the last block when it is a table: a table on the
    // next page with the same edges goes on with it.
    let mut open_table: Option<Vec<f64>> = None;
    for (found, page) in pages {
        let lines = page.lines;
        // The text's margins: where its lines start and end.
        let left = lines.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
        let right = lines.iter().map(|l| l.x1).fold(f64::MIN, f64::max);
        let mut found: Vec<Table> = found;
        found.sort_by(|a, b| a.top.total_cmp(&b.top));
        let mut cursor = f64::MIN;
        let mut rest = found.into_iter();
        loop {
            let next = rest.next();
            let next_top = next.as_ref().map_or(f64::MAX, |t| t.top);
            let above: Vec<Line> = lines
                .iter()
                .filter(|l| (cursor..next_top).contains(&l.center().1))
                .cloned()
                .collect();
            if !above.is_empty() {
                open_table = None;
                paragraphs.push(&above, left, right, &mut line, &mut out);
            }
            let Some(table) = next else { break };
            paragraphs.flush(&mut out);
            cursor = table.bottom;
            // A table at the top of a page, right after one that ended the
            // page before, goes on with it.
            let same_columns = open_table.as_ref().is_some_and(|xs| {
                let (a, b) = (xs.first().zip(xs.last()), table.xs.first().zip(table.xs.last()));
                matches!((a, b), (Some((l0, r0)), Some((l1, r1))) if (l0 - l1).abs() < 2.0 && (r0 - r1).abs() < 2.0)
            });
            let mut rows = table.rows;
            for row in rows.iter_mut() {
                line += 1;
                row.line = line;
            }
            match out.last_mut() {
                Some(Block::Table { rows: previous, .. }) if same_columns => {
                    let mut rows = rows.into_iter();
                    if let (Some(first), Some(last)) = (rows.next(), previous.last_mut()) {
                        if rest_of_row(last, &first) {
                            // A row the page break cut: its cells' text goes on.
                            for (cell, more) in last.cells.iter_mut().zip(first.cells) {
                                if !more.text.is_empty() {
                                    cell.text =
                                        join_words(&[std::mem::take(&mut cell.text), more.text]);
                                }
                            }
                        } else {
                            // A cell left empty at the top of the page goes
                            // on from the cell above it on the page before.
                            let mut first = first;
                            for cell in first.cells.iter_mut().filter(|c| c.text.is_empty()) {
                                cell.merged = true;
                            }
                            previous.push(first);
                        }
                    }
                    previous.extend(rows);
                }
                _ => {
                    if !rows.is_empty() {
                        out.push(Block::Table {
                            line: rows[0].line,
                            rows,
                        });
                    }
                }
            }
            open_table = Some(table.xs);
        }
    }
    paragraphs.flush(&mut out);
    out
}

/// Whether the first row of a table going on over a page break is the rest
/// of the row the break cut: cells laid out alike, and text only in
/// columns where the row above has some (a new row would fill its own).
fn rest_of_row(last: &Row, first: &Row) -> bool {
    let spans = |r: &Row| r.cells.iter().map(|c| c.span).collect::<Vec<_>>();
    spans(last) == spans(first)
        && first.cells.iter().any(|c| !c.text.is_empty())
        && last
            .cells
            .iter()
            .zip(&first.cells)
            .all(|(above, more)| more.text.is_empty() || (!above.text.is_empty() && !above.merged))
}
