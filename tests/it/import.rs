//! `peixun import` as an editor meets it: a Word document (built here, with
//! merged cells) becomes drafts that pass `check` and build; what it cannot
//! read is named, with what to do; it never overwrites; --dry-run writes
//! nothing.

use crate::support::{copy_dir, fixtures, repo, TestSite};
use std::io::Write;

fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A table cell: `span` columns wide; `merge` None, Some(true) to start a
/// vertical merge, Some(false) to continue the one above (its text empty).
fn tc(text: &str, span: usize, merge: Option<bool>) -> String {
    let mut pr = String::new();
    if span > 1 {
        pr.push_str(&format!(r#"<w:gridSpan w:val="{span}"/>"#));
    }
    match merge {
        Some(true) => pr.push_str(r#"<w:vMerge w:val="restart"/>"#),
        Some(false) => pr.push_str("<w:vMerge/>"),
        None => {}
    }
    let body = if text.is_empty() {
        "<w:p/>".to_string()
    } else {
        p(text)
    };
    format!("<w:tc><w:tcPr>{pr}</w:tcPr>{body}</w:tc>")
}

fn tr(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

/// A .docx as Word writes it: the parts a reader needs, deflated.
fn docx(body: &str) -> Vec<u8> {
    docx_numbered(body, None)
}

/// A .docx with a list definition (word/numbering.xml) for automatic numbering.
fn docx_numbered(body: &str, numbering: Option<&str>) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        ("word/document.xml", document),
    ];
    let numbering = numbering.map(|n| ("word/numbering.xml", n.to_string()));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts.into_iter().chain(numbering) {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A paragraph Word numbers itself: list 1 at `level`.
fn numbered(level: usize, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

/// Word's list of official numbering: 一、 then 1.
const OFFICIAL_LIST: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

/// A district plan: prose with an entry of labelled fields, then a planning
/// table whose category and name cells are merged down and across. With
/// `auto`, Word numbers the headings itself.
fn district_guide() -> Vec<u8> {
    district_guide_numbered(false)
}

fn district_guide_numbered(auto: bool) -> Vec<u8> {
    let head = tr(&[
        tc("类别", 1, None),
        tc("序号", 1, None),
        tc("项目名称", 2, None),
        tc("培训对象", 1, None),
        tc("培训时间", 1, None),
        tc("培训人数", 1, None),
    ]);
    let rows = [
        tr(&[
            tc("全员培训", 1, Some(true)),
            tc("1", 1, Some(true)),
            tc("班主任能力提升培训", 1, Some(true)),
            tc("小学班主任", 1, None),
            tc("小学班主任", 1, None),
            tc("7月", 1, None),
            tc("200", 1, None),
        ]),
        tr(&[
            tc("", 1, Some(false)),
            tc("", 1, Some(false)),
            tc("", 1, Some(false)),
            tc("初中班主任", 1, None),
            tc("初中班主任", 1, None),
            tc("7月", 1, None),
            tc("150", 1, None),
        ]),
        tr(&[
            tc("", 1, Some(false)),
            tc("2", 1, None),
            tc("幼儿园保育员培训", 2, None),
            tc("保育员", 1, None),
            tc("4-5月", 1, None),
            tc("120", 1, None),
        ]),
    ];
    let body = [
        p("重庆市某某区教育委员会"),
        p("2025年教师培训项目申报指南"),
        p("为做好全区教师培训工作，特制定本指南。"),
        if auto { numbered(0, "骨干培训") } else { p("一、骨干培训") },
        if auto {
            numbered(1, "班主任能力提升培训（2025年新设，2年周期性项目）")
        } else {
            p("1.班主任能力提升培训（2025年新设，2年周期性项目）")
        },
        p("培训对象：全区中小学班主任，计划培训350人。"),
        p("培训方式与时长：采用理论研修、跟岗研修等方式开展为期10天（区内6天+区外4天）的线下集中研修和30学时的网络研修。"),
        p("经费标准：集中培训400元/人/天。"),
        p("附件"),
        p("某某区2025年教师培训项目一览表"),
        format!("<w:tbl>{head}{}</w:tbl>", rows.concat()),
    ];
    docx_numbered(&body.concat(), auto.then_some(OFFICIAL_LIST))
}

#[test]
fn a_word_document_with_merged_cells_becomes_drafts_that_build() {
    imports_as_the_district_guide(false);
}

#[test]
fn headings_word_numbers_itself_are_numbered_as_printed() {
    imports_as_the_district_guide(true);
}

fn imports_as_the_district_guide(auto_numbered: bool) {
    let site = TestSite::with_repo_config();
    site.write("guide.docx", &district_guide_numbered(auto_numbered));
    let file = site.root().join("guide.docx");
    let run = site.import(&file, "mouqu-2025", &[]);
    assert_eq!(
        run.stderr,
        "已写入 content/mouqu-2025/_catalog.md 和 1 个项目草稿：1 个项目，0 项专项工作，6 个数字（都注明了出处行）\n\
         地点：重庆市 某某区（按“重庆市某某区教育委员会”推定，待核对；按行政区划 GB/T 2260）\n\
         待核对：level, category, audience, stages, modes 是推测的，每个文件中都标了“待核对”\n\
         没有项目用到的内容保留在 content/mouqu-2025/_catalog.md 末尾（请手工放到合适的位置）：\n\
         \x20 第15段：全员培训｜2｜幼儿园保育员培训｜保育员｜4-5月｜120\n\
         下一步：peixun check 列出每一处待核对；核对完删去 draft = true 后才会发布\n",
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 0);
    // The row no project of the text names is not lost: it ends the catalog's text.
    let catalog = site.read("content/mouqu-2025/_catalog.md");
    assert!(
        catalog.ends_with(
            "## 表格中未归入项目的行（第11段起的表）\n\n\
             | 类别 | 序号 | 项目名称 | 项目名称 | 培训对象 | 培训时间 | 培训人数 |\n\
             | --- | --- | --- | --- | --- | --- | --- |\n\
             | 全员培训 | 2 | 幼儿园保育员培训 | 幼儿园保育员培训 | 保育员 | 4-5月 | 120 |\n"
        ),
        "{catalog}"
    );
    let check = site.peixun(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    site.build_drafts_ok();
    let json = site.json("catalog.json");
    let catalog = &json["catalogs"][0];
    assert_eq!(catalog["title"], "重庆市某某区2025年教师培训项目申报指南");
    assert_eq!(catalog["issuer"], "重庆市某某区教育委员会");
    assert_eq!(catalog["region"], "重庆市");
    assert_eq!(catalog["district"], "某某区");
    assert_eq!(catalog["year"], 2025);
    assert_eq!(catalog["kind"], "申报指南");
    let projects = json["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 1);
    let p = &projects[0];
    assert_eq!(p["slug"], "ban-zhu-ren-neng-li-ti-sheng-pei-xun-2025");
    assert_eq!(p["title"], "班主任能力提升培训");
    assert_eq!(p["number"], "一.1");
    assert_eq!(p["section"], serde_json::json!(["一、骨干培训"]));
    assert_eq!(p["level"], "区县级");
    assert_eq!(p["category"], "class-teacher");
    assert_eq!(p["audience"], serde_json::json!(["班主任"]));
    assert_eq!(p["offline_days"], 10);
    assert_eq!(
        p["offline_parts"],
        serde_json::json!([{ "place": "区内", "days": 6 }, { "place": "区外", "days": 4 }])
    );
    assert_eq!(p["online_hours"], 30);
    assert_eq!(p["cycle_years"], 2);
    assert_eq!(p["trainees"], 350);
    // The text gives no months; both of its rows say 7月.
    assert_eq!(p["period"], "7月");
    assert_eq!(
        p["funding"],
        serde_json::json!([{ "amount": 400.0, "unit": "元/人/天", "item": "集中培训", "note": null }])
    );
    // The merged rows: the second takes the name and number from above.
    let subs: Vec<(String, String, u64)> = p["sub_projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["period"].as_str().unwrap().to_string(),
                s["trainees"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        subs,
        [
            ("小学班主任".to_string(), "7月".to_string(), 200),
            ("初中班主任".to_string(), "7月".to_string(), 150)
        ]
    );
    let text = site.read("content/mouqu-2025/ban-zhu-ren-neng-li-ti-sheng-pei-xun-2025.md");
    assert!(
        text.contains("# 第7段：“采用理论研修、跟岗研修等方式开展为期10天（区内6天+区外4天）的线下集中研修和30学时的网络研修”\noffline_days = 10\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "# 待核对：按名称与对象推断的类别（班主任培训）\ncategory = \"class-teacher\"\n"
        ),
        "{text}"
    );
    assert!(text.contains("## 培训方式与时长\n\n采用理论研修"), "{text}");
    // A sub-project's comment quotes its row, the merged cells filled in.
    assert!(
        text.contains("  # 第14段：全员培训｜1｜班主任能力提升培训｜初中班主任｜7月｜150\n  { name = \"初中班主任\""),
        "{text}"
    );
    // The table's own project, not in the prose, is not invented as one.
    assert!(!text.contains("保育员培训\""));
}

#[test]
fn a_plan_that_is_only_a_table_becomes_one_draft_per_row_group() {
    let head = tr(&[
        tc("类别", 1, None),
        tc("序号", 1, None),
        tc("项目名称", 2, None),
        tc("培训对象", 1, None),
        tc("培训时间", 1, None),
        tc("培训人数", 1, None),
    ]);
    let row = |cells: &[(&str, usize, Option<bool>)]| {
        tr(&cells
            .iter()
            .map(|(t, s, m)| tc(t, *s, *m))
            .collect::<Vec<_>>())
    };
    let rows = [
        row(&[
            ("专项培训", 1, Some(true)),
            ("1", 1, None),
            ("幼儿园保育员培训", 2, None),
            ("保育员", 1, None),
            ("7月", 1, None),
            ("200", 1, None),
        ]),
        row(&[
            ("", 1, Some(false)),
            ("2", 1, None),
            ("学校财务人员培训", 2, None),
            ("会计、出纳", 1, None),
            ("12月", 1, None),
            ("80", 1, None),
        ]),
        row(&[
            ("专项工作", 1, Some(true)),
            ("1", 1, Some(true)),
            ("学分管理", 1, Some(true)),
            ("学分年度审核", 1, None),
            ("中小学教师", 1, None),
            ("7-9月", 1, None),
            ("6000", 1, None),
        ]),
        row(&[
            ("", 1, Some(false)),
            ("", 1, Some(false)),
            ("", 1, Some(false)),
            ("学分抽查", 1, None),
            ("中小学教师", 1, None),
            ("10月", 1, None),
            ("", 1, None),
        ]),
    ];
    let body = [
        p("重庆市某某区教育委员会"),
        p("2025年教师教育工作计划"),
        p("一、指导思想"),
        p("以提高质量为核心。"),
        format!("<w:tbl>{head}{}</w:tbl>", rows.concat()),
    ];
    let site = TestSite::with_repo_config();
    site.write("plan.docx", &docx(&body.concat()));
    let file = site.root().join("plan.docx");
    let run = site.import(&file, "mouqu-plan", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("已写入 content/mouqu-plan/_catalog.md 和 3 个项目草稿：2 个项目，1 项专项工作，4 个数字（都注明了出处行）\n"),
        "{}",
        run.stderr
    );
    let check = site.peixun(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    site.build_drafts_ok();
    let json = site.json("catalog.json");
    let got: Vec<(String, String, String, Option<u64>, bool)> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["number"].as_str().unwrap().to_string(),
                p["title"].as_str().unwrap().to_string(),
                p["period"].as_str().unwrap_or("").to_string(),
                p["trainees"].as_u64(),
                p["work_item"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "1".into(),
                "幼儿园保育员培训".into(),
                "7月".into(),
                Some(200),
                false
            ),
            (
                "2".into(),
                "学校财务人员培训".into(),
                "12月".into(),
                Some(80),
                false
            ),
            (
                "专项工作.1".into(),
                "学分管理".into(),
                "".into(),
                None,
                true
            ),
        ]
    );
    let work = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "学分管理")
        .unwrap();
    assert_eq!(work["category"], "special-work");
    let names: Vec<&str> = work["sub_projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["学分年度审核", "学分抽查"]);
    let catalog = site.read("content/mouqu-plan/_catalog.md");
    assert!(
        catalog.ends_with("+++\n\n## 一、指导思想\n\n以提高质量为核心。\n"),
        "{catalog}"
    );
}

/// Files no reader takes, damaged files and scans, and what the editor is told.
#[test]
fn what_is_not_a_document_is_named_and_nothing_is_written() {
    let mut xlsx = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    xlsx.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    xlsx.write_all(b"<workbook/>").unwrap();
    let xlsx = xlsx.finish().unwrap().into_inner();
    let mut truncated = district_guide();
    truncated.truncate(truncated.len() / 2);
    let scan = std::fs::read(fixtures().join("import/hostile/scan.pdf")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "plan.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0".to_vec(),
            "一个损坏的 Office 97-2003 文件（Invalid CFB file (12 bytes is too small)）",
        ),
        (
            "plan.pdf",
            b"%PDF-1.7\n%\xE2\xE3".to_vec(),
            "一个损坏的 PDF（Syntax Error: Couldn't read xref table）",
        ),
        (
            "scan.pdf",
            scan,
            "一个没有文字层的 PDF（扫描件）：要先做文字识别（OCR），再导入识别出的文字",
        ),
        (
            "scan.jpg",
            b"\xFF\xD8\xFF\xE0\0\x10JFIF".to_vec(),
            "一张图片（JPEG），可能是扫描件",
        ),
        (
            "plan.xlsx",
            xlsx,
            "一个损坏的电子表格（File not found '_rels/.rels'）",
        ),
        (
            "broken.docx",
            truncated,
            "一个损坏的 zip 压缩包（invalid Zip archive: Could not find EOCD）",
        ),
        (
            "mixed.txt",
            b"\xB9\xFA\xFF\xE0 plan".to_vec(),
            "既不是 UTF-8 也不是 GBK 编码的文本，或者是二进制文件",
        ),
    ];
    for (name, bytes, what) in cases {
        let site = TestSite::with_repo_config();
        site.write(name, &bytes);
        let before = site.tree();
        let file = site.root().join(name);
        let run = site.import(&file, "x-2025", &[]);
        assert_eq!(
            run.stderr,
            format!(
                "错误：{} 是{what}，peixun 读不了\n  = 提示：peixun 读得了 .docx、.doc、.wps、有文字层的 PDF、.xlsx、.xls、.et、.ods、网页（.html、.mht）和从 Word 另存的文本（.txt）；损坏的文件请重新下载或另存一份，扫描件要先做文字识别（OCR）\n",
                file.display()
            ),
            "{name}"
        );
        assert_eq!(run.code, 1, "{name}");
        assert_eq!(site.tree(), before, "{name}: something was written");
    }
}

#[test]
fn an_import_never_overwrites_and_a_dry_run_writes_nothing() {
    let site = TestSite::with_repo_config();
    site.write("guide.docx", &district_guide());
    let file = site.root().join("guide.docx");
    let before = site.tree();
    let out = site.import(&file, "mouqu-2025", &["--dry-run"]);
    assert_eq!(out.code, 0);
    let stdout = out.stdout;
    assert!(
        stdout.starts_with("==> content/mouqu-2025/_catalog.md <==\n+++\n"),
        "{stdout}"
    );
    assert!(stdout
        .contains("==> content/mouqu-2025/ban-zhu-ren-neng-li-ti-sheng-pei-xun-2025.md <==\n"));
    assert!(out.stderr.ends_with("试运行：没有写入任何文件\n"));
    assert_eq!(site.tree(), before, "a dry run wrote something");

    assert_eq!(site.import(&file, "mouqu-2025", &[]).code, 0);
    let written = site.tree();
    site.edit(
        "content/mouqu-2025/_catalog.md",
        "为做好",
        "编辑改过：为做好",
    );
    let edited = site.tree();
    let again = site.import(&file, "mouqu-2025", &[]);
    assert_eq!(
        again.stderr,
        "错误：content/mouqu-2025/_catalog.md 已经存在，不会覆盖（没有写入任何文件）\n  = 提示：换一个 --catalog，或先把旧文件移走\n"
    );
    assert_eq!(again.code, 1);
    assert_eq!(site.tree(), edited, "the second import changed a file");
    assert_ne!(written, edited);
}

#[test]
fn drafts_take_slugs_no_other_project_has_and_the_whole_site_checks() {
    let site = TestSite::new(&[]);
    copy_dir(&repo().join("content"), &site.root().join("content"));
    site.write(
        "site.toml",
        &std::fs::read(repo().join("site.toml")).unwrap(),
    );
    // A project elsewhere already has the slug the first entry would take.
    let taken = site.read("content/chongqing-2026/cq2026-gugan-jiaoshi.md");
    site.write(
        "content/chongqing-2026/gu-gan-jiao-shi-pei-yang-dui-xiang-pei-xun-2026.md",
        taken.as_bytes(),
    );
    let seed = fixtures().join("import/000_18b59184f22306e0.txt");
    let run = site.import(
        &seed,
        "chongqing-2026-draft",
        &["--title", "重庆市2026年“国培计划”项目申报指南"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .root()
        .join("content/chongqing-2026-draft/gu-gan-jiao-shi-pei-yang-dui-xiang-pei-xun-2026-2.md")
        .is_file());
    let check = site.peixun(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn what_the_document_does_not_say_is_asked_for() {
    let site = TestSite::with_repo_config();
    site.write(
        "notitle.txt",
        "根据有关要求，特制定本指南。\n一、项目\n1.骨干教师培训\n培训对象：骨干教师\n".as_bytes(),
    );
    let file = site.root().join("notitle.txt");
    let run = site.import(&file, "x-2025", &[]);
    assert_eq!(
        run.stderr,
        "错误：文件中找不到标题（第一个标题前没有以“指南”“方案”“计划”等结尾的行）\n  = 提示：用 --title 写明\n"
    );
    assert_eq!(run.code, 1);
    let run = site.import(
        &file,
        "x-2025",
        &["--title", "骨干培训指南", "--region", "重庆"],
    );
    assert!(
        run.stderr
            .starts_with("错误：--region 的值 `重庆` 不在 site.toml 中：北京市、天津市、"),
        "{}",
        run.stderr
    );
    let run = site.import(
        &file,
        "x-2025",
        &["--title", "骨干培训指南", "--region", "重庆市"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "错误：文件中找不到年度（标题和开头几行中没有“20xx年”）\n  = 提示：用 --year 写明\n"
    );
    let run = site.import(&file, "x-2025", &["--level", "省"]);
    assert_eq!(
        run.stderr,
        "错误：--level 的值 `省` 不在 site.toml 中：国家级、省级、市级、区县级\n"
    );
    let run = site.import(&file, "X", &["--title", "t"]);
    assert_eq!(
        run.stderr,
        "错误：`X` 不能用作网址名：只用小写英文字母、数字和“-”\n"
    );
    let run = site.import(
        &file,
        "x-2025",
        &[
            "--title",
            "骨干培训指南",
            "--region",
            "重庆市",
            "--year",
            "2025",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.peixun(&["check"]).code, 0);
}

/// Word's “Chinese Simplified (GB2312)” plain text is GBK: it reads as the
/// same document as its UTF-8 text.
#[test]
fn text_saved_in_gbk_gives_the_same_drafts_as_utf8() {
    let seed = std::fs::read_to_string(fixtures().join("import/004_0065970dc323421a.txt")).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&seed);
    assert!(!unmappable);
    let site = TestSite::with_repo_config();
    site.write("utf8.txt", seed.as_bytes());
    site.write("gbk.txt", &gbk);
    let dry_run = |name: &str| {
        let run = site.import(&site.root().join(name), "qianjiang-2022", &["--dry-run"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        (run.stdout, run.stderr)
    };
    let (utf8_drafts, utf8_summary) = dry_run("utf8.txt");
    let (gbk_drafts, gbk_summary) = dry_run("gbk.txt");
    assert_eq!(gbk_drafts, utf8_drafts);
    assert_eq!(
        gbk_summary,
        format!("按 GBK 编码读取了文件（不是 UTF-8）\n{utf8_summary}")
    );
    assert!(utf8_drafts.contains("title = \"师德师风专题教育活动\""));
}

/// A table cell of Word text may hold several lines; the section and title
/// it names are one line each, and the draft checks.
#[test]
fn a_heading_cell_of_several_lines_names_a_section_of_one_line() {
    let text = "重庆市2026年“国培计划”项目申报指南\n\t项目名称\n一、\n\n\t\n一、\\\n培训对象：\n\t项目\n一、\n培训对象：8年年--校\n申报单位要求：训，两年人校\n\t集中+校本+考核";
    let site = TestSite::with_repo_config();
    site.write("guide.txt", text.as_bytes());
    let run = site.import(&site.root().join("guide.txt"), "cq-2026", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let draft = site.read("content/cq-2026/ji-zhong-xiao-ben-kao-he-2026.md");
    assert!(
        draft.contains("title = \"集中+校本+考核\"\nnumber = \"1\"\nsection = ['一、\\培训对象：', \"项目一、培训对象：8年年--校申报单位要求：训，两年人校\"]\n"),
        "{draft}"
    );
    let check = site.peixun(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// Many guides give each project as a form: a table of label | value rows.
#[test]
fn a_guide_written_as_one_form_per_project() {
    let form = |rows: &[&[&str]]| {
        let rows: Vec<String> = rows
            .iter()
            .map(|cells| tr(&cells.iter().map(|c| tc(c, 1, None)).collect::<Vec<_>>()))
            .collect();
        format!("<w:tbl>{}</w:tbl>", rows.concat())
    };
    let body = [
        p("四川省2025年“省培计划”项目申报指南"),
        p("一、骨干教师培训"),
        form(&[
            &["项目名称", "乡村骨干教师能力提升研修"],
            &["培训对象", "乡村学校骨干教师"],
            &["培训时间", "集中培训10天"],
            &["培训人数", "200人"],
            &["经费标准", "集中培训450元/人/天"],
        ]),
        form(&[
            &["项目名称", "县级培训者团队研修"],
            &["培训对象", "县级教师培训机构培训者", "培训规模", "80人"],
            &[
                "培训方式与时长",
                "采用集中研修、跟岗研修等方式开展为期15天的线下集中研修",
            ],
        ]),
    ];
    let site = TestSite::with_repo_config();
    site.write("forms.docx", &docx(&body.concat()));
    let file = site.root().join("forms.docx");
    let run = site.import(&file, "sichuan-2025", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("已写入 content/sichuan-2025/_catalog.md 和 2 个项目草稿：2 个项目，0 项专项工作，5 个数字（都注明了出处行）\n"),
        "{}",
        run.stderr
    );
    // The forms are the projects' fields, not tables to keep.
    assert!(!run.stderr.contains("保留在"), "{}", run.stderr);
    site.build_drafts_ok();
    let json = site.json("catalog.json");
    /// number, title, eligibility, offline days, head count, plan.
    type Row = (String, String, String, Option<u64>, Option<u64>, String);
    let got: Vec<Row> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["number"].as_str().unwrap().to_string(),
                p["title"].as_str().unwrap().to_string(),
                p["eligibility"].as_str().unwrap().to_string(),
                p["offline_days"].as_u64(),
                p["trainees"].as_u64(),
                p["plan"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "一.1".into(),
                "乡村骨干教师能力提升研修".into(),
                "乡村学校骨干教师".into(),
                Some(10),
                Some(200),
                "省培计划".into()
            ),
            (
                "一.2".into(),
                "县级培训者团队研修".into(),
                "县级教师培训机构培训者".into(),
                Some(15),
                Some(80),
                "省培计划".into()
            ),
        ]
    );
    let draft = site
        .read("content/sichuan-2025/xiang-cun-gu-gan-jiao-shi-neng-li-ti-sheng-yan-xiu-2025.md");
    assert!(
        draft.contains("# 第7段：“培训人数：200人”\ntrainees = 200\n"),
        "{draft}"
    );
}

/// A .docx written by LibreOffice, not by this test: merged cells down and
/// across, a Word list, styles (tests/fixtures/import/libreoffice/).
#[test]
fn a_word_document_libreoffice_wrote_imports() {
    let site = TestSite::with_repo_config();
    let file = fixtures().join("import/libreoffice/guide.docx");
    let run = site.import(&file, "mouxian-2025", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("已写入 content/mouxian-2025/_catalog.md 和 3 个项目草稿：3 个项目，0 项专项工作，12 个数字（都注明了出处行）\n"),
        "{}",
        run.stderr
    );
    site.build_drafts_ok();
    let json = site.json("catalog.json");
    assert_eq!(
        json["catalogs"][0]["title"],
        "重庆市某某县2025年教师培训项目实施方案"
    );
    assert_eq!(json["catalogs"][0]["district"], "某某县");
    /// number, title, offline days, period, head count, sub-projects.
    type Row = (String, String, Option<u64>, String, Option<u64>, usize);
    let got: Vec<Row> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["number"].as_str().unwrap().to_string(),
                p["title"].as_str().unwrap().to_string(),
                p["offline_days"].as_u64(),
                p["period"].as_str().unwrap_or("").to_string(),
                p["trainees"].as_u64(),
                p["sub_projects"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "一.1".into(),
                "县级骨干教师能力提升培训".into(),
                Some(12),
                "7月".into(),
                Some(120),
                2
            ),
            (
                "一.2".into(),
                "乡村教师送教下乡培训".into(),
                Some(6),
                "4-6月".into(),
                Some(300),
                0
            ),
            (
                "二.1".into(),
                "校长领导力提升研修".into(),
                Some(10),
                "8月".into(),
                Some(60),
                0
            ),
        ]
    );
}

/// A table that plans no projects (a schedule) is kept whole in the
/// catalog's text, and the summary says so.
#[test]
fn a_table_that_plans_no_projects_is_kept_in_the_catalog() {
    let cells = |cells: &[&str]| tr(&cells.iter().map(|c| tc(c, 1, None)).collect::<Vec<_>>());
    let body = [
        p("重庆市2025年教师培训项目申报指南"),
        p("一、项目"),
        p("1.班主任能力提升培训"),
        p("培训对象：班主任"),
        p("二、日程"),
        format!(
            "<w:tbl>{}{}{}</w:tbl>",
            cells(&["日期", "内容", "主讲"]),
            cells(&["7月1日", "开班|仪式", "张*老师"]),
            cells(&["7月2日", "专题讲座", ""]),
        ),
    ];
    let site = TestSite::with_repo_config();
    site.write("guide.docx", &docx(&body.concat()));
    let file = site.root().join("guide.docx");
    let run = site.import(&file, "cq-2025", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(
            "没有项目用到的内容保留在 content/cq-2025/_catalog.md 末尾（请手工放到合适的位置）：\n  第6段起的表格（3行）\n下一步：peixun check 列出每一处待核对；核对完删去 draft = true 后才会发布\n"
        ),
        "{}",
        run.stderr
    );
    let catalog = site.read("content/cq-2025/_catalog.md");
    assert!(
        catalog.ends_with(
            "## 表格（第6段起）\n\n| 日期 | 内容 | 主讲 |\n| --- | --- | --- |\n| 7月1日 | 开班\\|仪式 | 张\\*老师 |\n| 7月2日 | 专题讲座 |  |\n"
        ),
        "{catalog}"
    );
    site.build_drafts_ok();
    let page = site.output("catalogs/cq-2025/index.html");
    assert!(page.contains("<td>开班|仪式</td>"), "{page}");
}

/// A city's plan is placed by China's divisions from its issuer: in its
/// province and city, its projects 市级, its title as written, and the
/// place listed in the summary for the editor to confirm.
#[test]
fn a_city_plan_is_placed_in_its_province_and_city() {
    let site = TestSite::with_repo_config();
    site.write(
        "chengdu.txt",
        "成都市教育局\n成都市2025年中小学教师培训工作计划\n为提升全市教师队伍素质，制定本计划。\n\
         一、骨干教师培训\n1.班主任能力提升培训\n培训对象：全市中小学班主任，计划培训200人。\n\
         2.乡村教师送教下乡培训\n培训对象：郫都区、新津区乡村学校教师。\n"
            .as_bytes(),
    );
    let run = site.import(&site.root().join("chengdu.txt"), "chengdu-2025", &[]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            0,
            "已写入 content/chengdu-2025/_catalog.md 和 2 个项目草稿：2 个项目，0 项专项工作，1 个数字（都注明了出处行）\n\
             地点：四川省 成都市（按“成都市2025年中小学教师培训工作计划”推定，待核对；按行政区划 GB/T 2260）\n\
             待核对：level, category, audience, stages, modes, counties 是推测的，每个文件中都标了“待核对”\n\
             下一步：peixun check 列出每一处待核对；核对完删去 draft = true 后才会发布\n"
        )
    );
    site.build_drafts_ok();
    let json = site.json("catalog.json");
    let catalog = &json["catalogs"][0];
    assert_eq!(catalog["title"], "成都市2025年中小学教师培训工作计划");
    assert_eq!(catalog["region"], "四川省");
    assert_eq!(catalog["city"], "成都市");
    assert_eq!(catalog["district"], serde_json::Value::Null);
    let projects = json["projects"].as_array().unwrap();
    assert!(projects
        .iter()
        .all(|p| p["level"] == "市级" && p["city"] == "成都市"));
    // The counties a project is for, from its 培训对象, marked for review.
    let counties: Vec<_> = projects.iter().map(|p| p["counties"].clone()).collect();
    assert_eq!(
        counties,
        [
            serde_json::json!([]),
            serde_json::json!(["郫都区", "新津区"])
        ]
    );
    let draft =
        site.read("content/chengdu-2025/xiang-cun-jiao-shi-song-jiao-xia-xiang-pei-xun-2025.md");
    assert!(
        draft.contains("# 待核对：名称或培训对象中的区县（按行政区划 GB/T 2260）\ncounties = [\"郫都区\", \"新津区\"]\n"),
        "{draft}"
    );
}

/// A folder of downloads: one catalog per document, named by its place and
/// year; one that cannot be read does not stop the others, and the table
/// says what each gave.
#[test]
fn a_folder_gives_one_catalog_per_document_and_a_table() {
    let site = TestSite::with_repo_config();
    let formats = fixtures().join("import/formats");
    site.write(
        "downloads/黔江规划表.xls",
        &std::fs::read(formats.join("004_0065970dc323421a.xls")).unwrap(),
    );
    site.write(
        "downloads/重庆指南.html",
        &std::fs::read(formats.join("000_18b59184f22306e0.html")).unwrap(),
    );
    site.write("downloads/坏了.pdf", b"%PDF-1.7\n%\xE2\xE3");
    site.write("downloads/.DS_Store", b"\0\0\0\x01Bud1");
    let run = site.peixun_bare(&["import", "downloads"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            1,
            "  文件                      格式   发布文件        项目  数字  待核对  问题\n\
             \x20 downloads/坏了.pdf        .pdf   —               —     —     —       读不了：一个损坏的 PDF（Syntax Error: Couldn't read xref table）\n\
             \x20 downloads/重庆指南.html   .html  chongqing-2026  24    42    149\n\
             \x20 downloads/黔江规划表.xls  .xls   qianjiang-2022  23    39    117\n\
             共 3 份文件：2 份已起草，1 份读不了或起草失败（见“问题”）\n\
             下一步：peixun check 列出每一处待核对；核对完删去 draft = true 后才会发布\n"
        )
    );
    assert!(site
        .root()
        .join("content/chongqing-2026/_catalog.md")
        .is_file());
    assert!(site
        .root()
        .join("content/qianjiang-2022/_catalog.md")
        .is_file());
    assert_eq!(site.peixun(&["check"]).code, 0);
    // Again: the folders are taken, so the same documents go beside them.
    let again = site.peixun_bare(&["import", "downloads/重庆指南.html"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.starts_with(
            "按 GBK 编码读取了文件（不是 UTF-8）\n已写入 content/chongqing-2026-2/_catalog.md"
        ),
        "{}",
        again.stderr
    );
    // --catalog names one catalog: not several documents' folders.
    let both = site.peixun_bare(&["import", "downloads", "--catalog", "x-2025"]);
    assert_eq!(
        (both.code, both.stderr.as_str()),
        (2, "错误：--catalog 只能用于一个文件：几个文件或一个文件夹会导入为几份发布文件，各自按地点和年度起名\n")
    );
}

/// A project list posted as a spreadsheet, its figures in columns of
/// their own: a number under 集中培训（天） is offline days, under
/// 网络研修（学时） online hours, under 经费标准（元/人/天） funding; the
/// sheet's title row is the document's title; a figure's source is its
/// sheet and row.
#[test]
fn a_spreadsheet_of_projects_gives_its_numbers_as_figures() {
    let site = TestSite::with_repo_config();
    let rows: &[&[&str]] = &[
        &["重庆市某某区2025年教师培训项目一览表"],
        &[
            "序号",
            "项目名称",
            "培训对象",
            "集中培训（天）",
            "网络研修（学时）",
            "培训人数",
            "经费标准（元/人/天）",
        ],
        &[
            "1",
            "班主任能力提升培训",
            "中小学班主任",
            "10",
            "30",
            "120",
            "400",
        ],
        &["2", "新教师岗前培训", "新入职教师", "5", "", "80", "350"],
    ];
    site.write("list.xlsx", &crate::support::xlsx(rows));
    let run = site.import(&site.root().join("list.xlsx"), "mouqu-2025", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.build_drafts_ok();
    let json = site.json("catalog.json");
    assert_eq!(
        json["catalogs"][0]["title"],
        "重庆市某某区2025年教师培训项目一览表"
    );
    let figures: Vec<_> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["title"].clone(),
                p["offline_days"].clone(),
                p["online_hours"].clone(),
                p["trainees"].clone(),
                p["funding"][0]["amount"].clone(),
            )
        })
        .collect();
    use serde_json::json;
    assert_eq!(
        figures,
        [
            (
                json!("班主任能力提升培训"),
                json!(10),
                json!(30),
                json!(120),
                json!(400.0)
            ),
            (
                json!("新教师岗前培训"),
                json!(5),
                json!(null),
                json!(80),
                json!(350.0)
            ),
        ]
    );
    let draft = site.read("content/mouqu-2025/ban-zhu-ren-neng-li-ti-sheng-pei-xun-2025.md");
    assert!(
        draft.contains("# Sheet1 第3行：“集中培训10天”\noffline_days = 10\n"),
        "{draft}"
    );
}

/// A PDF printed as government offices print them: the Chinese font not
/// embedded (STSong-Light, Adobe-GB1) and no ToUnicode map, which
/// garbles pure-Rust extractors; poppler reads it through its CMaps
/// (Debian's poppler-data).
#[test]
fn a_pdf_whose_chinese_font_has_no_unicode_map_reads() {
    let lines = [
        "重庆市某某区教育委员会",
        "2025年教师培训项目申报指南",
        "一、骨干培训",
        "1.班主任能力提升培训",
        "培训对象：全区中小学班主任，计划培训50人。",
    ];
    let mut content = String::from("BT /F1 14 Tf 72 770 Td 20 TL\n");
    for line in lines {
        let hex: String = line.encode_utf16().map(|u| format!("{u:04X}")).collect();
        content.push_str(&format!("<{hex}> Tj T*\n"));
    }
    content.push_str("ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>".to_string(),
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>".to_string(),
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>".to_string(),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in &offsets {
        pdf.push_str(&format!("{o:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    let site = TestSite::with_repo_config();
    site.write("guide.pdf", pdf.as_bytes());
    let run = site.import(&site.root().join("guide.pdf"), "mouqu-2025", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.build_drafts_ok();
    let json = site.json("catalog.json");
    assert_eq!(
        json["catalogs"][0]["title"],
        "重庆市某某区2025年教师培训项目申报指南"
    );
    assert_eq!(json["projects"][0]["title"], "班主任能力提升培训");
    assert_eq!(json["projects"][0]["trainees"], 50);
}
