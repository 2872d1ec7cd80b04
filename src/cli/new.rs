//! `peixun new`: a new project file with every field present and explained.

use crate::config::{Config, ConfigError};
use crate::content::{CATALOG_FILE, CONTENT_DIR};
use crate::util::names::is_valid_slug;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why `peixun new` wrote nothing.
#[derive(Debug)]
#[non_exhaustive]
pub enum NewError {
    InvalidSlug(String),
    NoCatalogFolder(PathBuf),
    NoCatalogFile(PathBuf),
    Config(ConfigError),
    Exists(PathBuf),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl fmt::Display for NewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewError::InvalidSlug(slug) => write!(
                f,
                "`{slug}` is not a valid slug: use lowercase ASCII letters, digits and '-'"
            ),
            NewError::NoCatalogFolder(dir) => write!(
                f,
                "no catalog folder {}: create it with a {CATALOG_FILE} first",
                dir.display()
            ),
            NewError::NoCatalogFile(dir) => write!(
                f,
                "{} has no {CATALOG_FILE}; a project must belong to a published document",
                dir.display()
            ),
            NewError::Config(e) => write!(f, "{e}"),
            NewError::Exists(path) => {
                write!(f, "{} already exists; not overwriting it", path.display())
            }
            NewError::Io { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for NewError {}

/// Writes `<catalog_dir>/<slug>.md`; never overwrites.
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
    let config = Config::load(root).map_err(NewError::Config)?;
    let path = dir.join(format!("{slug}.md"));
    let text = new_project_text(&config);
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                NewError::Exists(path.clone())
            } else {
                NewError::Io {
                    path: path.clone(),
                    source,
                }
            }
        })?;
    file.write_all(text.as_bytes())
        .map_err(|source| NewError::Io {
            path: path.clone(),
            source,
        })?;
    Ok(path)
}

fn list(values: &[String]) -> String {
    values.join("、")
}

/// The template for `peixun new`: valid as written, every field explained.
pub fn new_project_text(config: &Config) -> String {
    let v = &config.vocabularies;
    let first =
        |l: &[String], fallback: &str| l.first().cloned().unwrap_or_else(|| fallback.to_string());
    let cats: Vec<String> = config
        .categories
        .iter()
        .map(|c| format!("{} ({})", c.key, c.label))
        .collect();
    format!(
        r#"+++
# 项目名称，照原文。Title exactly as published.
title = "新培训项目"
# 在原文中的编号：章.(节).条, e.g. "一.(二).3". Used to keep the document's order.
number = ""
# 上级标题，由外到内。The headings above the project, outermost first.
section = []
# 计划名称，照原文: 国培计划, 区培计划, …
plan = ""
# 级别。One of: {levels}
level = "{level}"
# 项目类别 (key from site.toml). One of: {cats}
category = "{cat}"
# true for a work item (专项工作) rather than a training project.
work_item = false
# 自由标签。Free tags.
tags = []
# 培训对象（角色）。Any of: {audience}
audience = []
# 学段。Any of: {stages}
stages = []
# 参训条件，照原文。Eligibility, verbatim.
eligibility = ""
# 遴选条件，照原文（原文没有单列则删去此行）。Selection conditions, verbatim; delete if none.
selection = ""
# 原文点名的区县。Counties the document names.
counties = []
# 培训方式。Any of: {modes}
modes = []
# 线下集中天数（数字；原文未写则删去此行，不要写 0）。Offline days; delete the line if not stated.
# offline_days = 30
# true when the document says 不少于 (at least).
offline_days_at_least = false
# 线下天数的组成, e.g. [{{ place = "市内", days = 20 }}, {{ place = "市外", days = 10 }}]
offline_parts = []
# 网络研修学时（数字；未写则删去）。Online hours; delete if not stated.
# online_hours = 60
online_hours_at_least = false
# 时长原文，when the figures alone do not say it all: "为期一年结对帮扶培训".
duration_text = ""
# 项目周期（年）。Cycle in years; delete if not stated.
# cycle_years = 3
# 实施时间，照原文: "3-5月".
period = ""
# 计划培训人数。Planned head count; delete if not stated.
# trainees = 100
# 经费标准: amount (number), unit as published, what it pays for.
# funding = [{{ amount = 400, unit = "元/人/天", item = "集中培训" }}]
funding = []
# 可申报的承担单位。Who may apply to run it.
applicants = []
# 子项目（原文表格中按学段、学科列出的行）。Rows by stage or subject; optional keys:
# eligibility (培训对象 verbatim), stages, subject, trainees, offline_days, online_hours,
# period ("7—8月"), format (培训形式 "集中+实践"), note.
# sub_projects = [{{ name = "小学语文", stages = ["小学"], subject = "语文", trainees = 50 }}]
sub_projects = []
+++

## 培训目标定位

## 培训重点内容

## 培训方式与时长

## 申报单位要求
"#,
        levels = list(&v.levels),
        level = first(&v.levels, "省级"),
        cats = cats.join(", "),
        cat = config
            .categories
            .first()
            .map(|c| c.key.clone())
            .unwrap_or_default(),
        audience = list(&v.audience),
        stages = list(&v.stages),
        modes = list(&v.modes),
    )
}
