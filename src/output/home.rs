//! `/`: the catalog browser. Without JavaScript, the projects grouped by
//! catalog (or, above `home_cards_max`, the catalogs) and links to the
//! facet pages; search.js adds the search box and live filters.

use super::catalog::{catalog_summaries, CatalogSummary};
use super::context::{Ctx, Link};
use super::facets::facet_views;
use super::{OutFile, OutputError, Theme};
use crate::util::url as urls;
use serde::Serialize;

pub(super) fn home_page(cx: &Ctx, theme: &Theme) -> Result<OutFile, OutputError> {
    #[derive(Serialize)]
    struct Group {
        catalog: CatalogSummary,
        /// The catalog's cards as HTML (`card.html`).
        cards_html: String,
    }
    let total = cx.site.listed_count();
    let all_cards = cx.site.lists_every_project();
    let groups: Vec<Group> = catalog_summaries(cx)
        .into_iter()
        .zip(cx.site.catalogs.iter().enumerate())
        .filter(|(_, (_, c))| !c.is_guidance())
        .map(|(summary, (i, _))| Group {
            catalog: summary,
            cards_html: if all_cards {
                cx.cards_html(cx.site.projects_of(i).map(|e| e.index))
            } else {
                String::new()
            },
        })
        .collect();
    let mut ctx = cx.context(&cx.site.config.title, "");
    ctx.insert("groups", &groups);
    ctx.insert("facets", &facet_views(cx));
    ctx.insert("total", &total);
    ctx.insert("all_cards", &all_cards);
    let guidance: Vec<Link> = cx
        .site
        .catalogs
        .iter()
        .filter(|c| c.is_guidance())
        .map(|c| Link {
            text: c.title.clone(),
            url: Some(cx.link(&urls::catalog(&c.slug))),
        })
        .collect();
    ctx.insert("guidance", &guidance);
    ctx.insert("built_on", &cx.site.today.to_string());
    ctx.insert("built_iso", &cx.site.today.iso());
    Ok(OutFile {
        path: "index.html".into(),
        bytes: theme.render_bytes("index.html", &ctx)?,
    })
}
