//! `/<facet>/` and `/<facet>/<value>/` (with `page/N/` for long lists):
//! the static facet pages, browsable without JavaScript.

use super::context::{html_file, Ctx, Link, Pagination};
use super::{OutputError, Selection, Theme};
use crate::config::{Facet, UNSTATED};
use crate::util::url as urls;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

#[derive(Serialize)]
pub(super) struct FacetView {
    pub(super) key: &'static str,
    pub(super) label: &'static str,
    pub(super) url: String,
    pub(super) values: Vec<FacetValueView>,
}

#[derive(Serialize)]
pub(super) struct FacetValueView {
    pub(super) label: String,
    pub(super) value: String,
    /// None for a value without pages of its own ([`crate::model::FacetValue::listed`]).
    pub(super) url: Option<String>,
    pub(super) count: usize,
    /// What it is listed under (a district's region), where that changes
    /// from the value before it.
    pub(super) group: Option<String>,
}

pub(super) fn facet_views(cx: &Ctx) -> Vec<FacetView> {
    cx.site
        .facets
        .iter()
        .map(|f| FacetView {
            key: f.facet.key(),
            label: f.facet.label(),
            url: cx.link(&format!("{}/", f.facet.path())),
            values: f
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| FacetValueView {
                    label: v.label.clone(),
                    value: v.value.clone(),
                    url: v.listed.then(|| {
                        cx.link(&urls::facet_value(
                            f.facet.path(),
                            &urls::segment(&v.segment),
                        ))
                    }),
                    count: v.projects.len(),
                    group: v
                        .group
                        .clone()
                        .filter(|g| i == 0 || f.values[i - 1].group.as_ref() != Some(g)),
                })
                .collect(),
        })
        .collect()
}

pub(super) fn facet_pages(
    cx: &Ctx,
    theme: &Theme,
    selection: &Selection,
    emit: super::Emit,
) -> Result<(), OutputError> {
    let views = facet_views(cx);
    let mut jobs = Vec::new();
    for (facet, view) in cx.site.facets.iter().zip(&views) {
        // A facet no project has a value of (cities, in a catalog of
        // provinces and districts only) gets no page and no link: it
        // would list nothing.
        if view.values.is_empty() {
            continue;
        }
        let facet = facet.facet;
        let mut ctx = cx.context(facet.label(), &format!("{}/", facet.path()));
        ctx.insert("facet", view);
        jobs.push(Ok(html_file(
            &format!("{}/", facet.path()),
            theme.render_bytes("facet.html", &ctx)?,
        )));
    }
    let values: Vec<_> = cx
        .site
        .facets
        .iter()
        .zip(&views)
        .flat_map(|(facet, view)| {
            facet
                .values
                .iter()
                .zip(&view.values)
                .map(move |(value, vv)| (facet, view, value, vv))
        })
        .filter(|(facet, _, value, _)| {
            value.listed && selection.facet_value(facet.facet, &value.value)
        })
        .collect();
    // Each value's list in pages of `facet_page_size` cards.
    let config = &cx.site.config.search;
    // The dev server renders only the pages that show a changed project,
    // unless the project joined or left the value's list.
    let values: Vec<_> = values
        .into_iter()
        .flat_map(|v| {
            let total = config.facet_pages(v.2.projects.len());
            (1..=total).map(move |page| (v, page, total))
        })
        .filter(|((facet, _, value, _), page, _)| {
            let shown = config.facet_page(&value.projects, *page);
            selection.facet_value_page(facet.facet, &value.value, shown.iter().copied())
        })
        .collect();
    emit(jobs.into_iter().collect::<Result<Vec<_>, _>>()?)?;
    let page_of = |((facet, view, value, vv), page, total): (
        (
            &crate::model::FacetValues,
            &FacetView,
            &crate::model::FacetValue,
            &FacetValueView,
        ),
        usize,
        usize,
    )| {
        let facet = facet.facet;
        let segment = urls::segment(&value.segment);
        let path = urls::facet_value_page(facet.path(), &segment, page);
        let title = match page {
            1 => format!("{}：{}", facet.label(), value.label),
            n => format!("{}：{}（第 {n} 页）", facet.label(), value.label),
        };
        let mut ctx = cx.context(&title, &path);
        let description = if facet == Facet::Category {
            cx.site.config.category(&value.value).map(|c| {
                let entry = cx.site.guidance_entry(&c.key).map(|g| Link {
                    text: g.project.title.clone(),
                    url: Some(cx.link(&urls::project(&g.project.slug))),
                });
                json!({"group": c.group, "guidance": c.guidance, "description": c.description, "entry": entry})
            })
        } else {
            None
        };
        ctx.insert(
            "facet",
            &json!({ "label": view.label, "url": view.url, "key": view.key }),
        );
        ctx.insert("value", vv);
        ctx.insert("category", &description);
        // Projects that leave the facet unstated may be open to this value
        // too (a project naming no stage is most often for every stage):
        // said on every stated value's page, with the way to them.
        let unstated = facet
            .unstated_label()
            .filter(|_| value.value != UNSTATED)
            .and_then(|_| cx.site.facet(facet)?.get(UNSTATED))
            .map(|u| {
                json!({
                    "count": u.projects.len(),
                    "url": u.listed.then(|| cx.link(&urls::facet_value(facet.path(), &urls::segment(&u.segment)))),
                    "facet": facet.label(),
                    "label": u.label,
                    "open": facet.unstated_is_open(),
                })
            });
        ctx.insert("unstated", &unstated);
        let shown = config.facet_page(&value.projects, page);
        ctx.insert("cards_html", &cx.cards_html(shown.iter().copied()));
        let link = |n: usize| cx.link(&urls::facet_value_page(facet.path(), &segment, n));
        ctx.insert("pagination", &Pagination::of(page, total, link));
        Ok(html_file(
            &path,
            theme.render_bytes("facet_value.html", &ctx)?,
        ))
    };
    for batch in values.chunks(super::FACET_BATCH) {
        emit(
            batch
                .par_iter()
                .map(|&v| page_of(v))
                .collect::<Result<Vec<_>, _>>()?,
        )?;
    }
    Ok(())
}
