//! `/catalogs/` and `/catalogs/<catalog>/`: the published documents, each
//! rebuilt in its own order with its sections as a table of contents.

use super::context::{html_file, Ctx};
use super::{OutFile, OutputError, Theme};
use crate::config::Facet;
use crate::content::Catalog;
use crate::util::url as urls;
use serde::Serialize;
use serde_json::json;

/// The document rebuilt: section headings as they change, projects in between.
pub(super) fn catalog_page(
    cx: &Ctx,
    theme: &Theme,
    index: usize,
    c: &Catalog,
) -> Result<OutFile, OutputError> {
    let preamble = &c.body.html;
    /// A section heading and the cards under it before the next heading
    /// (the first block may have cards and no heading).
    #[derive(Serialize)]
    struct Block {
        heading: Option<Heading>,
        /// The cards' HTML (`card.html`), one list item each.
        cards_html: String,
    }
    #[derive(Serialize, Clone)]
    struct Heading {
        level: usize,
        text: String,
        id: String,
    }
    let mut blocks: Vec<Block> = Vec::new();
    let mut toc = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut count = 0;
    for e in cx.site.projects_of(index) {
        let (i, p) = (e.index, e.project);
        let common = current
            .iter()
            .zip(&p.section)
            .take_while(|(a, b)| a == b)
            .count();
        for (depth, text) in p.section.iter().enumerate().skip(common) {
            let h = Heading {
                level: depth + 2,
                text: text.clone(),
                id: format!("s-{}", toc.len() + 1),
            };
            toc.push(h.clone());
            blocks.push(Block {
                heading: Some(h),
                cards_html: String::new(),
            });
        }
        current = p.section.clone();
        if blocks.is_empty() {
            blocks.push(Block {
                heading: None,
                cards_html: String::new(),
            });
        }
        if let Some(block) = blocks.last_mut() {
            if let Some(listed) = cx.listed.get(i) {
                block.cards_html.push_str(&listed.card);
            }
        }
        count += 1;
    }
    let path = urls::catalog(&c.slug);
    let mut ctx = cx.context(&c.title, &path);
    ctx.insert("catalog", &json!({
        "title": c.title, "issuer": c.issuer, "place": c.place(), "year": c.year, "kind": c.kind,
        "source": c.source, "source_url": c.source_url, "published": c.published,
        // A guidance document's region (全国) has no facet page: its entries are not in facets.
        "region_url": (!c.is_guidance()).then(|| cx.facet_url(Facet::Region, &c.region)).flatten(),
        "count": count,
        "past": cx.site.is_past(c),
        "draft": c.draft,
    }));
    ctx.insert("preamble", preamble);
    ctx.insert("toc", &toc);
    ctx.insert("blocks", &blocks);
    Ok(html_file(&path, theme.render_bytes("catalog.html", &ctx)?))
}

#[derive(Serialize)]
pub(super) struct CatalogSummary {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) place: String,
    pub(super) year: Option<u32>,
    pub(super) kind: String,
    pub(super) count: usize,
    /// A plan of an earlier year.
    pub(super) past: bool,
}

pub(super) fn catalog_summaries(cx: &Ctx) -> Vec<CatalogSummary> {
    cx.site
        .catalogs
        .iter()
        .enumerate()
        .map(|(i, c)| CatalogSummary {
            title: c.title.clone(),
            url: cx.link(&urls::catalog(&c.slug)),
            place: c.place(),
            year: c.year,
            kind: c.kind.clone(),
            count: cx.site.projects_of(i).count(),
            past: cx.site.is_past(c),
        })
        .collect()
}

pub(super) fn catalogs_index(cx: &Ctx, theme: &Theme) -> Result<OutFile, OutputError> {
    let mut ctx = cx.context("发布文件", "catalogs/");
    ctx.insert("catalogs", &catalog_summaries(cx));
    Ok(html_file(
        "catalogs/",
        theme.render_bytes("catalogs.html", &ctx)?,
    ))
}
