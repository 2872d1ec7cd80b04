//! `/sitemap.xml` and `/atom.xml`.

use super::context::Ctx;
use super::{OutFile, OutputError, Theme};
use crate::content::Catalog;
use crate::util::url as urls;
use serde::Serialize;

/// Every page of the site, whichever of them this render made (the dev
/// server re-renders a few pages but serves the sitemap of all).
pub(super) fn sitemap(cx: &Ctx, theme: &Theme) -> Result<OutFile, OutputError> {
    let mut urls_list: Vec<String> = cx
        .site
        .page_paths()
        .iter()
        .map(|dir| cx.site.config.absolute_url(&urls::encode_path(dir)))
        .collect();
    urls_list.sort();
    let mut ctx = cx.context("sitemap", "sitemap.xml");
    ctx.insert("urls", &urls_list);
    Ok(OutFile {
        path: "sitemap.xml".into(),
        bytes: theme.render_bytes("sitemap.xml", &ctx)?,
    })
}

/// RFC 3339 date of a catalog: its `published` date (YYYY-MM-DD) or 1 January of its year.
pub(super) fn catalog_date(c: &Catalog) -> Option<String> {
    match (&c.published, c.year) {
        (Some(d), _) if d.len() == 10 && d.as_bytes()[4] == b'-' => {
            Some(format!("{d}T00:00:00+08:00"))
        }
        (_, Some(y)) => Some(format!("{y}-01-01T00:00:00+08:00")),
        _ => None,
    }
}

pub(super) fn atom(cx: &Ctx, theme: &Theme) -> Result<OutFile, OutputError> {
    #[derive(Serialize)]
    struct FeedEntry {
        title: String,
        url: String,
        updated: String,
        summary: String,
    }
    let site = cx.site;
    let entries: Vec<FeedEntry> = site
        .listed()
        .filter_map(|e| {
            let (p, c) = (e.project, e.catalog);
            Some(FeedEntry {
                title: p.title.clone(),
                url: site
                    .config
                    .absolute_url(&urls::encode_path(&urls::project(&p.slug))),
                updated: catalog_date(c)?,
                summary: format!(
                    "{} {}年 · {}",
                    c.place(),
                    c.year?,
                    p.eligibility.clone().unwrap_or_default()
                ),
            })
        })
        .take(100)
        .collect();
    let updated = site
        .catalogs
        .iter()
        .filter_map(catalog_date)
        .max()
        .unwrap_or_else(|| "2000-01-01T00:00:00+08:00".into());
    let mut ctx = cx.context(&site.config.title, "atom.xml");
    ctx.insert("entries", &entries);
    ctx.insert("updated", &updated);
    ctx.insert("feed_url", &site.config.absolute_url("atom.xml"));
    ctx.insert("home_url", &site.config.absolute_url(""));
    Ok(OutFile {
        path: "atom.xml".into(),
        bytes: theme.render_bytes("atom.xml", &ctx)?,
    })
}
