//! Files made to hurt a reader: each gives a plain error (or drafts), in
//! bounded time and memory, and nothing is written. The bounds are the
//! readers' own: a file of at most 64 MB, zip parts of at most 64 MB
//! unpacked, 20,000 rows a sheet, 5,000 nested elements a page, and a
//! minute of poppler for a PDF.

use crate::support::*;

const HELP: &str = "  = 提示：peixun 读得了 .docx、.doc、.wps、有文字层的 PDF、.xlsx、.xls、.et、.ods、网页（.html、.mht）和从 Word 另存的文本（.txt）；损坏的文件请重新下载或另存一份，扫描件要先做文字识别（OCR）\n";

/// Imports `bytes` as `name` and returns what the editor reads; asserts
/// the exit code and that nothing was written.
fn refused(name: &str, bytes: &[u8]) -> String {
    let site = TestSite::with_repo_config();
    site.write(name, bytes);
    let before = site.tree();
    let file = site.root().join(name);
    let run = site.import(&file, "x-2025", &[]);
    assert_eq!(run.code, 1, "{name}: {}", run.stderr);
    assert_eq!(site.tree(), before, "{name}: something was written");
    run.stderr.replace(&format!("{} ", file.display()), "FILE ")
}

#[test]
fn a_zip_bomb_in_a_workbook_is_refused_before_it_is_unpacked() {
    let bomb = vec![b' '; 100 << 20];
    let mut parts = crate::support::WORKBOOK.to_vec();
    parts.push(("xl/worksheets/sheet1.xml", &bomb));
    let bytes = crate::support::zip_of(&parts);
    assert!(
        bytes.len() < 1 << 20,
        "the bomb is small packed: {}",
        bytes.len()
    );
    assert_eq!(
        refused("bomb.xlsx", &bytes),
        format!("错误：FILE 是一个解压后有 100 MB 的压缩文件（正常的计划解压后不到几 MB，这可能是“压缩炸弹”），peixun 读不了\n{HELP}")
    );
}

#[test]
fn a_sheet_of_a_million_rows_is_refused() {
    let mut sheet = String::from(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for r in 1..=1_000_000 {
        sheet.push_str(&format!(r#"<row r="{r}"><c r="A{r}"><v>1</v></c></row>"#));
    }
    sheet.push_str("</sheetData></worksheet>");
    let mut parts = crate::support::WORKBOOK.to_vec();
    parts.push(("xl/worksheets/sheet1.xml", sheet.as_bytes()));
    assert_eq!(
        refused("rows.xlsx", &crate::support::zip_of(&parts)),
        format!("错误：FILE 是一个电子表格，其中工作表“Sheet1”有 1000000 行，比项目一览表大得多（最多读 20000 行），peixun 读不了\n{HELP}")
    );
}

/// A Word 97-2003 document of the fixtures, made hostile.
fn doc_fixture() -> Vec<u8> {
    std::fs::read(fixtures().join("import/formats/004_0065970dc323421a.doc")).unwrap()
}

#[test]
fn a_doc_whose_sector_chain_loops_or_is_cut_is_named_as_damaged() {
    let mut cyclic = doc_fixture();
    // The directory's first sector made to point at itself in the FAT.
    let u32_at =
        |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap()) as usize;
    let (fat, directory) = (u32_at(&cyclic, 0x4C), u32_at(&cyclic, 0x30));
    let entry = (fat + 1) * 512 + directory * 4;
    cyclic[entry..entry + 4].copy_from_slice(&(directory as u32).to_le_bytes());
    assert_eq!(
        refused("cyclic.doc", &cyclic),
        format!("错误：FILE 是一个损坏的 Office 97-2003 文件（Directory chain includes duplicate sector index {directory}），peixun 读不了\n{HELP}")
    );
    let whole = doc_fixture();
    let cut = &whole[..whole.len() / 2];
    let said = refused("cut.doc", cut);
    assert!(
        said.starts_with("错误：FILE 是一个损坏的 Office 97-2003 文件（Malformed FAT"),
        "{said}"
    );
}

#[test]
fn a_pdf_of_a_million_objects_is_read_in_bounded_time() {
    let content =
        b"BT /F1 12 Tf 72 720 Td (Training plan 2025 for the teachers of a district) Tj ET";
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    objects.extend((0..1_000_000).map(|_| b"<<>>".to_vec()));
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend(body);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for o in &offsets {
        pdf.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    let started = std::time::Instant::now();
    // Its one line of text names no plan: the title is asked for.
    assert_eq!(
        refused("million.pdf", &pdf),
        "错误：文件中找不到标题（第一个标题前没有以“指南”“方案”“计划”等结尾的行）\n  = 提示：用 --title 写明\n"
    );
    // Not a timed assertion of speed: poppler's minute is the bound.
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn a_web_page_nested_a_hundred_thousand_deep_is_refused_at_once() {
    let page = format!(
        "<html><body>{}<p>重庆市某某区2025年教师培训项目申报指南</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    assert_eq!(
        refused("deep.html", page.as_bytes()),
        format!("错误：FILE 是一个嵌套了 100002 层的网页（真实的网页不超过几百层，最多读 5000 层），peixun 读不了\n{HELP}")
    );
}

#[test]
fn a_web_page_nested_as_deep_as_real_ones_reads() {
    let page = format!(
        "<html><body>{}<p>重庆市某某区教育委员会</p><p>2025年教师培训项目申报指南</p><p>一、骨干培训</p><p>1.班主任能力提升培训</p><p>培训对象：全区班主任，计划培训50人。</p>{}</body></html>",
        "<div>".repeat(1_000),
        "</div>".repeat(1_000)
    );
    let site = TestSite::with_repo_config();
    site.write("page.html", page.as_bytes());
    let run = site.import(&site.root().join("page.html"), "mouqu-2025", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.build_drafts_ok();
    let json = site.json("catalog.json");
    assert_eq!(json["projects"][0]["title"], "班主任能力提升培训");
    assert_eq!(json["projects"][0]["trainees"], 50);
}
