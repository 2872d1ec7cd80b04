use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository: its site.toml, content/ and themes/.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The folder of test fixtures: small whole sites (`basic/`) and the bad
/// inputs laid over them (`bad/`).
pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// A file of the basic fixture site, as text.
pub fn fixture_text(path: &str) -> String {
    let p = fixtures().join("basic").join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
}

/// The day tests build on: 2026-12-06 (08:00 in China), so which plans
/// are past, and the date the home page gives, do not move with the clock.
pub const TEST_DAY: &str = "1796515200";

/// The `peixun` binary, building as of [`TEST_DAY`], speaking Chinese.
pub fn peixun_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_peixun"));
    command.env("SOURCE_DATE_EPOCH", TEST_DAY);
    // Chinese, as editors read it, whatever this machine's locale.
    command.env("PEIXUN_LANG", "zh");
    command
}

/// A whole site in a temporary directory, with the repository's theme.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl TestSite {
    pub fn new(files: &[(&str, &str)]) -> TestSite {
        let dir = tempfile::Builder::new()
            .prefix("peixun-test-")
            .tempdir()
            .expect("temp dir");
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        let site = TestSite { dir };
        for (path, text) in files {
            site.write(path, text.as_bytes());
        }
        site
    }

    /// The repository's site.toml and an empty content/: where a catalog
    /// is imported.
    pub fn with_repo_config() -> TestSite {
        let site_toml = std::fs::read_to_string(repo().join("site.toml")).expect("site.toml");
        TestSite::new(&[("site.toml", &site_toml), ("content/.keep", "")])
    }

    /// The basic fixture (`tests/fixtures/basic/`): two catalogs, three
    /// projects, with the repository's theme.
    pub fn fixture() -> TestSite {
        let site = TestSite::new(&[]);
        copy_dir(&fixtures().join("basic"), site.root());
        site
    }

    /// Every file and folder of the site, with each file's bytes.
    pub fn tree(&self) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
        walkdir::WalkDir::new(self.root())
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(self.root())
                    .expect("inside")
                    .to_path_buf();
                let bytes = e
                    .file_type()
                    .is_file()
                    .then(|| std::fs::read(e.path()).expect("read"));
                (rel, bytes)
            })
            .collect()
    }

    /// Copies every file of `dir` over the site, at the same paths.
    pub fn overlay(&self, dir: &Path) {
        copy_dir(dir, self.root());
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A file of the site, as text.
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root().join(path)).expect("read")
    }

    pub fn write(&self, path: &str, bytes: &[u8]) {
        let p = self.root().join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
    }

    /// Replaces `from` with `to` in the file at `path`, which must hold
    /// `from`; returns the text as it was.
    pub fn edit(&self, path: &str, from: &str, to: &str) -> String {
        let text = self.read(path);
        assert!(text.contains(from), "no {from:?} in {path}");
        self.write(path, text.replace(from, to).as_bytes());
        text
    }

    /// Rewrites the fixture's site.toml with a `[search]` section holding
    /// `options` (TOML lines), replacing any set before.
    pub fn set_search_options(&self, options: &str) {
        let toml = fixture_text("site.toml");
        self.write(
            "site.toml",
            format!("{toml}\n[search]\n{options}\n").as_bytes(),
        );
    }

    pub fn peixun(&self, args: &[&str]) -> Run {
        let out = peixun_command()
            .args(args)
            .arg("--root")
            .arg(self.root())
            .output()
            .expect("run peixun");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `peixun ARGS…` as typed, without `--root` (help, usage errors).
    pub fn peixun_bare(&self, args: &[&str]) -> Run {
        let out = peixun_command()
            .current_dir(self.root())
            .args(args)
            .output()
            .expect("run peixun");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `peixun import FILE --catalog CATALOG ARGS…` on this site.
    pub fn import(&self, file: &Path, catalog: &str, args: &[&str]) -> Run {
        let file = file.to_str().expect("a UTF-8 path");
        let mut all = vec!["import", file, "--catalog", catalog];
        all.extend(args);
        self.peixun(&all)
    }

    pub fn build(&self) -> Run {
        self.peixun(&["build"])
    }

    pub fn build_ok(&self) {
        let run = self.build();
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    }

    /// A build with the drafts (`--drafts`): what an editor reviews.
    pub fn build_drafts_ok(&self) {
        let run = self.peixun(&["build", "--drafts"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    }

    pub fn output(&self, path: &str) -> String {
        let p = self.root().join("output").join(path);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
    }

    pub fn html(&self, path: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.output(path))
    }

    pub fn json(&self, path: &str) -> serde_json::Value {
        serde_json::from_str(&self.output(path)).expect("valid JSON")
    }

    /// Every file of output/ with its bytes.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let out = self.root().join("output");
        walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(&out).expect("inside").to_path_buf(),
                    std::fs::read(e.path()).expect("read"),
                )
            })
            .collect()
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk theme");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
    doc.select(&sel).collect()
}

pub fn text(el: &scraper::ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value of a project page's fact (`<dt>label</dt><dd>…</dd>`).
pub fn fact(doc: &scraper::Html, label: &str) -> Option<String> {
    select(doc, ".facts > div")
        .into_iter()
        .find(|f| {
            f.select(&scraper::Selector::parse("dt").unwrap())
                .next()
                .is_some_and(|dt| text(&dt) == label)
        })
        .and_then(|f| f.select(&scraper::Selector::parse("dd").unwrap()).next())
        .map(|dd| text(&dd))
}

pub fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css).iter().map(text).collect()
}

pub fn attrs(doc: &scraper::Html, css: &str, attr: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// An HTTP reply as a client sees it.
pub struct HttpReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpReply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A plain HTTP/1.1 request to `addr` (127.0.0.1 only in these tests),
/// the path sent exactly as given (no normalisation, so traversal attempts
/// reach the server as written), with `headers` added.
pub fn http_request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)]) -> HttpReply {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read reply");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw.get(split + 4..).unwrap_or_default().to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
            let size = usize::from_str_radix(String::from_utf8_lossy(&rest[..end]).trim(), 16)
                .unwrap_or(0);
            if size == 0 {
                break;
            }
            let start = end + 2;
            out.extend_from_slice(&rest[start..(start + size).min(rest.len())]);
            rest = rest.get(start + size + 2..).unwrap_or_default();
        }
        body = out;
    }
    HttpReply {
        status,
        headers,
        body,
    }
}

/// A zip of these parts, deflated as Office writes them.
pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

pub const WORKBOOK: &[(&str, &[u8])] = &[
    (
        "[Content_Types].xml",
        br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    ),
    (
        "_rels/.rels",
        br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    ),
    (
        "xl/_rels/workbook.xml.rels",
        br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    ),
    (
        "xl/workbook.xml",
        br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    ),
];

/// A workbook of one sheet, "Sheet1", of these rows: a cell that parses as
/// a number is written as one, any other as text.
pub fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            if cell.parse::<f64>().is_ok() {
                sheet.push_str(&format!(r#"<c r="{at}"><v>{cell}</v></c>"#));
            } else {
                sheet.push_str(&format!(
                    r#"<c r="{at}" t="inlineStr"><is><t>{cell}</t></is></c>"#
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let mut parts = WORKBOOK.to_vec();
    parts.push(("xl/worksheets/sheet1.xml", sheet.as_bytes()));
    zip_of(&parts)
}

/// Dates every content file of `site` an hour back: settled, as files are
/// between an editor's builds (those dated within seconds of a build are
/// not stored).
pub fn settle_content(site: &TestSite) {
    let back = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(site.root().join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(back).unwrap();
        }
    }
}

/// Replaces `from` with `to` (as long) in a file, keeping its size, date and inode.
pub fn alter_keeping_stamp(site: &TestSite, path: &str, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let path = site.root().join(path);
    let date = std::fs::metadata(&path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    let mut file = std::fs::File::options().write(true).open(&path).unwrap();
    std::io::Write::write_all(&mut file, text.replacen(from, to, 1).as_bytes()).unwrap();
    file.set_modified(date).unwrap();
}
