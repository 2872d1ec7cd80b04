use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const SITE_TOML: &str = r#"
title = "测试目录"
description = "测试用的培训项目目录"
base_url = "https://example.org/"
[vocabularies]
regions = ["重庆市", "新疆维吾尔自治区"]
levels = ["国家级", "省级", "区县级"]
audience = ["教师", "班主任", "校长", "园长"]
stages = ["幼儿园", "小学", "初中", "高中"]
modes = ["理论研修", "网络研修", "跟岗研修", "送教下乡"]
catalog_kinds = ["申报指南", "工作计划"]
[[categories]]
key = "backbone-teacher"
label = "骨干教师培训"
group = "一、农村骨干教师能力提升培训"
guidance = "一.1"
[[categories]]
key = "class-teacher"
label = "班主任培训"
"#;

pub const CQ_CATALOG: &str = "+++\ntitle = \"重庆市2026年“国培计划”项目申报指南\"\nregion = \"重庆市\"\nyear = 2026\nkind = \"申报指南\"\nsource = \"测试来源\"\n+++\n\n根据有关要求，特制定本指南。\n";
pub const XJ_CATALOG: &str = "+++\ntitle = \"2024年新疆申报指南\"\nregion = \"新疆维吾尔自治区\"\nyear = 2024\nkind = \"申报指南\"\n+++\n\n新疆前言。\n";

pub const CQ_TEACHER: &str = r#"+++
title = "重庆市骨干教师培养对象培训项目"
number = "一.(一).1"
section = ["一、“巴渝优师”培养对象培训", "（一）“骨干计划”培养对象培训"]
plan = "国培计划"
level = "国家级"
category = "backbone-teacher"
audience = ["教师"]
stages = ["小学", "初中"]
eligibility = "任教6年以上的区县级骨干教师。"
modes = ["理论研修", "网络研修"]
offline_days = 30
offline_parts = [{ place = "市内", days = 20 }, { place = "市外", days = 10 }]
online_hours = 60
funding = [{ amount = 400, unit = "元/人/天", item = "集中培训" }]
+++

## 培训目标定位

培养一批骨干教师。见[班主任项目](/projects/cq-banzhuren/)。

<script>alert(1)</script>
"#;

pub const CQ_BANZHUREN: &str = r#"+++
title = "重庆市骨干班主任培养对象培训项目"
number = "一.(一).2"
section = ["一、“巴渝优师”培养对象培训", "（一）“骨干计划”培养对象培训"]
level = "国家级"
category = "class-teacher"
audience = ["班主任"]
+++

## 培训目标定位

班主任。
"#;

pub const XJ_TEACHER: &str = r#"+++
title = "新疆骨干教师培训"
number = "一.1"
section = ["一、国培计划"]
plan = "国培计划"
level = "国家级"
category = "backbone-teacher"
audience = ["教师"]
stages = ["高中"]
modes = ["跟岗研修"]
offline_days = 15
trainees = 300
cycle_years = 3
+++

正文。
"#;

/// A whole site in a temporary directory, with the repository's theme.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stderr: String,
}

impl TestSite {
    pub fn new(files: &[(&str, &str)]) -> TestSite {
        let dir = tempfile::Builder::new()
            .prefix("peixun-test-")
            .tempdir()
            .expect("temp dir");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"),
            &dir.path().join("themes"),
        );
        let site = TestSite { dir };
        for (path, text) in files {
            site.write(path, text.as_bytes());
        }
        site
    }

    /// The standard fixture: two catalogs, three projects.
    pub fn fixture() -> TestSite {
        TestSite::new(&[
            ("site.toml", SITE_TOML),
            ("content/chongqing-2026/_catalog.md", CQ_CATALOG),
            ("content/chongqing-2026/cq-teacher.md", CQ_TEACHER),
            ("content/chongqing-2026/cq-banzhuren.md", CQ_BANZHUREN),
            ("content/xinjiang-2024/_catalog.md", XJ_CATALOG),
            ("content/xinjiang-2024/xj-teacher.md", XJ_TEACHER),
        ])
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
        self.write(
            "site.toml",
            format!("{SITE_TOML}\n[search]\n{options}\n").as_bytes(),
        );
    }

    pub fn peixun(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_peixun"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .output()
            .expect("run peixun");
        Run {
            code: out.status.code().unwrap_or(-1),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn build(&self) -> Run {
        self.peixun(&["build"])
    }

    pub fn build_ok(&self) {
        let run = self.build();
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

    /// No staging or old directories left beside output/.
    pub fn leftovers(&self) -> Vec<String> {
        std::fs::read_dir(self.root())
            .expect("read root")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(".peixun-"))
            .collect()
    }
}

fn copy_dir(from: &Path, to: &Path) {
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

pub fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css).iter().map(text).collect()
}

pub fn attrs(doc: &scraper::Html, css: &str, attr: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}
