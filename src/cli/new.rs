//! `peixun new`: a new project file, or with `catalog` a new `_catalog.md`,
//! every field present and explained in the editor's language. Both are
//! drafts (`draft = true`): nothing `new` writes is published until an
//! editor has filled it in and deleted that line.

use crate::config::{Config, ConfigError};
use crate::content::{CATALOG_FILE, CONTENT_DIR};
use crate::tr;
use crate::util::diag::display_path;
use crate::util::i18n::{self, Lang};
use crate::util::names::is_valid_slug;
use std::fmt;
use std::path::{Path, PathBuf};

pub use crate::content::TEMPLATE_TITLE;

/// Why `peixun new` wrote nothing.
#[derive(Debug)]
#[non_exhaustive]
pub enum NewError {
    InvalidSlug(String),
    NoCatalogFolder(PathBuf),
    NoCatalogFile(PathBuf),
    /// The slug names a project (or catalog) already on the site: URLs are
    /// site-wide.
    SlugTaken {
        slug: String,
        by: PathBuf,
    },
    Config(ConfigError),
    Exists(PathBuf),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl fmt::Display for NewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            NewError::InvalidSlug(slug) => tr!("new-invalid-slug", slug = slug.as_str()),
            NewError::NoCatalogFolder(dir) => {
                let name = dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                tr!(
                    "new-no-folder",
                    dir = dir.display().to_string(),
                    name = name
                )
            }
            NewError::NoCatalogFile(dir) => {
                let name = dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                tr!(
                    "new-no-catalog-file",
                    dir = dir.display().to_string(),
                    name = name
                )
            }
            NewError::SlugTaken { slug, by } => {
                tr!(
                    "new-slug-taken",
                    slug = slug.as_str(),
                    file = by.display().to_string()
                )
            }
            NewError::Config(e) => return write!(f, "{e}"),
            NewError::Exists(path) => tr!("new-exists", path = path.display().to_string()),
            NewError::Io { path, source } => tr!(
                "write-failed",
                path = path.display().to_string(),
                error = crate::util::i18n::io_error(source)
            ),
        };
        write!(f, "{text}")
    }
}

impl std::error::Error for NewError {}

/// Writes `<catalog_dir>/<slug>.md`, a draft; never overwrites, and never
/// takes a slug another file of the site has.
pub fn new_project(root: &Path, catalog_dir: &Path, slug: &str) -> Result<PathBuf, NewError> {
    if !is_valid_slug(slug) {
        return Err(NewError::InvalidSlug(slug.to_string()));
    }
    // Relative paths are taken from the site root (as `--root` says), not the shell's directory.
    let dir = if catalog_dir.is_absolute() && catalog_dir.is_dir() {
        catalog_dir.to_path_buf()
    } else if root.join(catalog_dir).is_dir() {
        root.join(catalog_dir)
    } else if root.join(CONTENT_DIR).join(catalog_dir).is_dir() {
        root.join(CONTENT_DIR).join(catalog_dir)
    } else {
        return Err(NewError::NoCatalogFolder(catalog_dir.to_path_buf()));
    };
    if !dir.join(CATALOG_FILE).is_file() {
        return Err(NewError::NoCatalogFile(dir));
    }
    if let Some(by) = project_file_named(root, slug) {
        return Err(NewError::SlugTaken {
            slug: slug.to_string(),
            by,
        });
    }
    let config = Config::load(root).map_err(NewError::Config)?;
    let level = default_level(&dir.join(CATALOG_FILE), &config);
    let text = new_project_text(&config).replace(
        &format!(
            "level = \"{}\"",
            config
                .vocabularies
                .levels
                .first()
                .map_or("", String::as_str)
        ),
        &format!("level = \"{level}\""),
    );
    write_new(root, &dir.join(format!("{slug}.md")), &text)
}

/// The level a project of a catalog most likely has: 区县级 in a district's
/// plan, 市级 in a city's, 省级 in a province's, 国家级 in a national one
/// (where site.toml's levels have it).
fn default_level(catalog_file: &Path, config: &Config) -> String {
    let levels = &config.vocabularies.levels;
    let fallback = levels.first().cloned().unwrap_or_default();
    let Ok(text) = std::fs::read_to_string(catalog_file) else {
        return fallback;
    };
    let Ok((front, offset, _)) = crate::content::split_front_matter(catalog_file, &text) else {
        return fallback;
    };
    let decoded = crate::util::strict_toml::decode::<crate::content::Catalog>(
        catalog_file,
        &text,
        front,
        offset,
    );
    let Some(c) = decoded.value else {
        return fallback;
    };
    let level = if c.district.is_some() {
        "区县级"
    } else if c.city.is_some() {
        "市级"
    } else if c.region == "全国" {
        "国家级"
    } else {
        "省级"
    };
    if levels.iter().any(|l| l == level) {
        level.to_string()
    } else {
        fallback
    }
}

/// Writes `content/<slug>/_catalog.md`, a draft, with every field
/// explained; never overwrites.
pub fn new_catalog(root: &Path, slug: &str) -> Result<PathBuf, NewError> {
    if !is_valid_slug(slug) {
        return Err(NewError::InvalidSlug(slug.to_string()));
    }
    let config = Config::load(root).map_err(NewError::Config)?;
    let dir = root.join(CONTENT_DIR).join(slug);
    std::fs::create_dir_all(&dir).map_err(|source| NewError::Io {
        path: dir.clone(),
        source,
    })?;
    write_new(root, &dir.join(CATALOG_FILE), &new_catalog_text(&config))
}

/// A project file of the site called `<slug>.md`, in any catalog.
fn project_file_named(root: &Path, slug: &str) -> Option<PathBuf> {
    let name = format!("{slug}.md");
    std::fs::read_dir(root.join(CONTENT_DIR))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join(&name))
        .find(|p| p.is_file())
        .map(|p| display_path(root, &p))
}

/// Writes a new file; the paths it returns and names are as the editor
/// sees them, from the site root (content/…/x.md).
fn write_new(root: &Path, path: &Path, text: &str) -> Result<PathBuf, NewError> {
    use std::io::Write;
    let shown = display_path(root, path);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                NewError::Exists(shown.clone())
            } else {
                NewError::Io {
                    path: shown.clone(),
                    source,
                }
            }
        })?;
    file.write_all(text.as_bytes())
        .map_err(|source| NewError::Io {
            path: shown.clone(),
            source,
        })?;
    Ok(shown)
}

fn list(values: &[String]) -> String {
    values.join("、")
}

/// The template for `peixun new`: a draft that passes `check`, every field
/// explained; the guesses it must make (level, category) marked 待核对, so
/// `check` lists them until an editor has looked.
pub fn new_project_text(config: &Config) -> String {
    let v = &config.vocabularies;
    let first =
        |l: &[String], fallback: &str| l.first().cloned().unwrap_or_else(|| fallback.to_string());
    let cats: Vec<String> = config
        .categories
        .iter()
        .map(|c| format!("{} ({})", c.key, c.label))
        .collect();
    let template = match i18n::lang() {
        Lang::Zh => PROJECT_ZH,
        Lang::En => PROJECT_EN,
    };
    template
        .replace("{title}", TEMPLATE_TITLE)
        .replace("{levels}", &list(&v.levels))
        .replace("{level}", &first(&v.levels, "省级"))
        .replace("{cats}", &cats.join(", "))
        .replace(
            "{cat}",
            &config
                .categories
                .first()
                .map(|c| c.key.clone())
                .unwrap_or_default(),
        )
        .replace("{audience}", &list(&v.audience))
        .replace("{stages}", &list(&v.stages))
        .replace("{modes}", &list(&v.modes))
}

/// The template for `peixun new catalog`: a draft, every field explained.
pub fn new_catalog_text(config: &Config) -> String {
    let v = &config.vocabularies;
    let template = match i18n::lang() {
        Lang::Zh => CATALOG_ZH,
        Lang::En => CATALOG_EN,
    };
    template
        .replace("{regions}", &list(&v.regions))
        .replace("{region}", v.regions.first().map_or("", String::as_str))
        .replace("{kinds}", &list(&v.catalog_kinds))
        .replace("{year}", &crate::util::date::Date::today().year.to_string())
        .replace("{kind}", v.catalog_kinds.first().map_or("", String::as_str))
}

const PROJECT_ZH: &str = r#"+++
# 草稿：核对完所有内容后删去这一行，项目才会发布。
draft = true
# 项目名称，照原文。
title = "{title}"
# 在原文中的编号：章.(节).条，如 "一.(二).3"。用来保持原文的顺序。
number = ""
# 上级标题，由外到内。
section = []
# 计划名称，照原文：国培计划、区培计划……
plan = ""
# 级别，可选：{levels}。市的计划默认市级、区县的计划默认区县级，可删去此行。
# 待核对：级别
level = "{level}"
# 项目类别（site.toml 中类别的键），可选：{cats}
# 待核对：项目类别
category = "{cat}"
# 是专项工作（不是培训项目）就写 true。
work_item = false
# 自由标签。
tags = []
# 培训对象（角色），可选：{audience}
audience = []
# 学段，可选：{stages}（原文没写就留空，网站显示“未注明（不限）”）
stages = []
# 培训对象，照原文。
eligibility = ""
# 遴选条件，照原文（原文没有单列就删去此行）。
selection = ""
# 原文点名的区县。
counties = []
# 培训方式，可选：{modes}
modes = []
# 线下集中天数（只写数字；原文没写就删去此行，不要写 0）。
# offline_days = 30
# 原文说“不少于”就写 true。
offline_days_at_least = false
# 线下天数的组成，如 [{ place = "市内", days = 20 }, { place = "市外", days = 10 }]
offline_parts = []
# 网络研修学时（只写数字；原文没写就删去）。
# online_hours = 60
online_hours_at_least = false
# 时长原文，数字说不全时照抄，如 "为期一年结对帮扶培训"。
duration_text = ""
# 项目周期（年，只写数字；原文没写就删去）。
# cycle_years = 3
# 实施时间，照原文，如 "3-5月"。
period = ""
# 计划培训人数（只写数字；原文没写就删去）。
# trainees = 100
# 经费标准：amount 金额（数字），unit 单位照原文，item 用途。
# funding = [{ amount = 400, unit = "元/人/天", item = "集中培训" }]
funding = []
# 可以申报承办的单位（不是参训对象）。
applicants = []
# 子项目（原文表格中按学段、学科列出的行），可写：name、eligibility（培训对象原文）、
# stages、subject、trainees、offline_days、online_hours、period（"7—8月"）、format（"集中+实践"）、note。
# sub_projects = [{ name = "小学语文", stages = ["小学"], subject = "语文", trainees = 50 }]
sub_projects = []
+++

## 培训目标定位

## 培训重点内容

## 培训方式与时长

## 申报单位要求
"#;

const PROJECT_EN: &str = r#"+++
# A draft: delete this line once everything is reviewed, and it is published.
draft = true
# Title exactly as published.
title = "{title}"
# Its place in the document: chapter.(section).item, e.g. "一.(二).3". Keeps the document's order.
number = ""
# The headings above the project, outermost first.
section = []
# The plan as published: 国培计划, 区培计划, …
plan = ""
# Level, one of: {levels}. A city's plan defaults to 市级, a district's to 区县级: this line may go.
# 待核对：level
level = "{level}"
# Category (a key from site.toml), one of: {cats}
# 待核对：category
category = "{cat}"
# true for a work item (专项工作) rather than a training project.
work_item = false
# Free tags.
tags = []
# Roles, any of: {audience}
audience = []
# Stages, any of: {stages} (leave empty when the document does not say; shown as 未注明（不限）)
stages = []
# Eligibility (培训对象), verbatim.
eligibility = ""
# Selection conditions (遴选条件), verbatim; delete the line if the document states none apart.
selection = ""
# Counties the document names.
counties = []
# Modes, any of: {modes}
modes = []
# Offline days (a number only; delete the line if not stated, never 0).
# offline_days = 30
# true when the document says 不少于 (at least).
offline_days_at_least = false
# How the offline days split, e.g. [{ place = "市内", days = 20 }, { place = "市外", days = 10 }]
offline_parts = []
# Online hours (a number only; delete if not stated).
# online_hours = 60
online_hours_at_least = false
# The duration as published, when the figures alone do not say it all.
duration_text = ""
# Cycle in years (a number; delete if not stated).
# cycle_years = 3
# Period as published, e.g. "3-5月".
period = ""
# Planned head count (a number; delete if not stated).
# trainees = 100
# Funding: amount (a number), unit as published, what it pays for.
# funding = [{ amount = 400, unit = "元/人/天", item = "集中培训" }]
funding = []
# Who may apply to run it (not who attends).
applicants = []
# Rows by stage or subject: name, eligibility, stages, subject, trainees, offline_days,
# online_hours, period ("7—8月"), format ("集中+实践"), note.
# sub_projects = [{ name = "小学语文", stages = ["小学"], subject = "语文", trainees = 50 }]
sub_projects = []
+++

## 培训目标定位

## 培训重点内容

## 培训方式与时长

## 申报单位要求
"#;

const CATALOG_ZH: &str = r#"+++
# 草稿：核对完后删去这一行，这份文件和其中的项目才会发布。
draft = true
# 文件标题，照原文。
title = "（请填写文件标题）"
# 发布单位，照原文，如 "成都市教育局"。
issuer = ""
# 省级地区，可选：{regions}
region = "{region}"
# 地级市、州、地区或盟（市的计划写；省级的计划删去此行），如 "成都市"。
# city = ""
# 区县（区县的计划写；否则删去此行），如 "黔江区"。
# district = ""
# 计划年度（数字）。只有指导方案可以不写。
year = {year}
# 文件类型，可选：{kinds}
kind = "{kind}"
# 出处，照原文，如 "成都市教育局关于印发……的通知"。
source = ""
# 原文的网址（https:// 开头）；没有就删去此行，网站会说明没有原文链接。
# source_url = "https://"
# 发布日期，如 "2026-03-01"。
# published = ""
+++

（在这里照抄文件的前言：总体要求、项目设置说明等。）
"#;

const CATALOG_EN: &str = r#"+++
# A draft: delete this line once reviewed, and the document and its projects are published.
draft = true
# The document's title, as published.
title = "（请填写文件标题）"
# Who published it, as written, e.g. "成都市教育局".
issuer = ""
# Province-level region, one of: {regions}
region = "{region}"
# City, prefecture or league, for a city's plan (delete for a province's), e.g. "成都市".
# city = ""
# District or county, for a district's plan (else delete), e.g. "黔江区".
# district = ""
# The plan's year (a number). Only a 指导方案 may leave it out.
year = {year}
# Kind of document, one of: {kinds}
kind = "{kind}"
# Where it comes from, as written.
source = ""
# The original's address (https://); delete the line if there is none, and the site says so.
# source_url = "https://"
# Date published, e.g. "2026-03-01".
# published = ""
+++

(Copy the document's preamble here: its general requirements, how its projects are set.)
"#;
