//! `/projects/`: every project, under the document it comes from, newest
//! plans first; where a reader who trims a project's URL lands. Above
//! `home_cards_max` projects it lists the documents only (each lists its
//! own), so the page stays small at national scale.

use super::context::{html_file, Ctx};
use super::{OutFile, OutputError, Theme};
use crate::util::url as urls;
use serde::Serialize;

#[derive(Serialize)]
struct Group {
    title: String,
    url: String,
    place: String,
    year: Option<u32>,
    count: usize,
    past: bool,
    projects: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    title: String,
    url: String,
    work_item: bool,
}

pub(super) fn projects_page(cx: &Ctx, theme: &Theme) -> Result<OutFile, OutputError> {
    let site = cx.site;
    let total = site.listed_count();
    let listed_all = site.lists_every_project();
    let groups: Vec<Group> = site
        .catalogs
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_guidance())
        .map(|(i, c)| Group {
            title: c.title.clone(),
            url: cx.link(&urls::catalog(&c.slug)),
            place: c.place(),
            year: c.year,
            count: site.projects_of(i).count(),
            past: site.is_past(c),
            projects: if listed_all {
                site.projects_of(i)
                    .map(|e| Item {
                        title: e.project.title.clone(),
                        url: cx.link(&urls::project(&e.project.slug)),
                        work_item: e.project.work_item,
                    })
                    .collect()
            } else {
                Vec::new()
            },
        })
        .collect();
    let mut ctx = cx.context("全部项目", urls::PROJECTS);
    ctx.insert("total", &total);
    ctx.insert("groups", &groups);
    ctx.insert("listed_all", &listed_all);
    Ok(html_file(
        urls::PROJECTS,
        theme.render_bytes("projects.html", &ctx)?,
    ))
}
