//! Output: every page and data file of the site, rendered from the model
//! through the theme and handed on a batch at a time ([`Emit`]). One file
//! per kind of page or data file:
//!
//! | file | makes |
//! | --- | --- |
//! | `project.rs` | `/projects/<slug>/` |
//! | `catalog.rs` | `/catalogs/` and `/catalogs/<catalog>/` |
//! | `home.rs` | `/` |
//! | `facets.rs` | `/<facet>/` and `/<facet>/<value>/` (and their `page/N/`) |
//! | `compare.rs`, `compare_data.rs` | `/compare/…` pages, CSV and JSON |
//! | `feeds.rs` | `/sitemap.xml`, `/atom.xml` |
//! | `catalog_json.rs` | `/catalog.json`, and `/catalog/<n>.json` when it is large |
//! | `search_docs.rs` | `/search_docs.json`, `/search_docs/<k>.json`, `/search_facets/` |
//! | `search_index.rs` | `/search_index.json`, `/search_index/<k>.json` |
//!
//! `context.rs` holds what every page shares (links, navigation, cards),
//! `pieces.rs` the per-project pieces reused between renders, `theme.rs`
//! the templates, and `selection.rs` which files a render makes. Each
//! template gets only the data it shows; figures become text in
//! [`crate::present`].

mod catalog;
mod catalog_json;
mod compare;
mod compare_data;
mod compare_table;
mod context;
mod facets;
mod feeds;
mod home;
mod join;
mod pieces;
mod project;
mod projects;
mod search_docs;
mod search_index;
mod search_pinyin;
mod search_words;
mod selection;
mod theme;

pub use catalog_json::{
    catalog_json, PART_BYTES as CATALOG_JSON_PART_BYTES, WHOLE_UP_TO as CATALOG_JSON_WHOLE_UP_TO,
};
pub use pieces::{Pieces, RenderCache};
pub use project::SIMILAR_SHOWN;
pub use search_docs::{search_docs, SearchDocs};
pub use search_index::{
    is_keyed_index, is_search_index, search_documents, search_index_files, served_index_files,
    KeepIndex,
};
pub use selection::{is_aggregate, Dirty, Parts, Selection};
pub use theme::{OutputError, Theme, THEMES_DIR};

use crate::model::{Entry, Site};
use crate::util::timing::phase;
use crate::util::url as urls;
use context::Ctx;
use pieces::try_per_project;
use rayon::prelude::*;
use std::path::PathBuf;

/// A file of the built site: path relative to the output directory, and bytes.
pub struct OutFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl OutFile {
    /// The path as a site path: '/'-separated, no leading '/'.
    pub fn site_path(&self) -> String {
        site_path(&self.path)
    }
}

/// A path inside the output as a site path: '/'-separated, no leading '/'.
pub fn site_path(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Where rendered files go as they are made, a batch at a time: into a
/// list for the dev server, staged on disk by `build` (whose memory then
/// holds a batch, not the site).
pub type Emit<'a> = &'a (dyn Fn(Vec<OutFile>) -> Result<(), OutputError> + Sync);

/// Pages rendered at a time: enough to keep both cores busy, few enough
/// that a national catalog's pages are never all in memory.
const BATCH: usize = 4_096;

/// Facet value pages rendered at a time: each lists a page of cards, some
/// 44 KB where a project page is 15, so fewer of them make a batch of the
/// same bytes (4,096 of them were 180 MB at 100,000 projects).
const FACET_BATCH: usize = 512;

/// Renders the site, handing each batch of files to `emit`; the search
/// index too when `index` is given (which may keep the output's instead).
pub fn render_each(
    site: &Site,
    theme: &Theme,
    selection: &Selection,
    parts: Parts,
    index: Option<KeepIndex>,
    cache: Option<&RenderCache>,
    emit: Emit,
) -> Result<(), OutputError> {
    // The index and the pages side by side: each has serial stretches
    // (partitioning postings; catalog pages, feeds, JSON) the other fills.
    let (pages, index) = rayon::join(
        || render_pages(site, theme, selection, parts, cache, emit),
        || match index {
            Some(keep) => emit(search_index_files(site, keep)),
            None => Ok(()),
        },
    );
    pages.and(index)
}

fn render_pages(
    site: &Site,
    theme: &Theme,
    selection: &Selection,
    parts: Parts,
    cache: Option<&RenderCache>,
    emit: Emit,
) -> Result<(), OutputError> {
    let mut cx = Ctx::new(site);
    if parts.pages {
        let all: Vec<Entry> = site.entries().collect();
        cx.listed = phase("cards and similar items", || {
            try_per_project(&all, cache.map(|c| &c.listed), |e| {
                cx.render_listed(theme, e)
            })
        })?;
    }

    if parts.pages {
        phase("project pages", || -> Result<(), OutputError> {
            let chosen: Vec<usize> = (0..site.projects.len())
                .filter(|&i| selection.project(i))
                .collect();
            for batch in chosen.chunks(BATCH) {
                emit(
                    batch
                        .par_iter()
                        .map(|&i| project::project_page(&cx, theme, site.entry(i)))
                        .collect::<Result<Vec<_>, _>>()?,
                )?;
            }
            Ok(())
        })?;
        let mut files = phase("catalog pages", || {
            site.catalogs
                .par_iter()
                .enumerate()
                .filter(|(_, c)| selection.catalog(&c.slug))
                .map(|(i, c)| catalog::catalog_page(&cx, theme, i, c))
                .collect::<Result<Vec<_>, _>>()
        })?;
        // Pages that count projects by catalog and facet value, and list
        // them only on a small site.
        if selection.counts() {
            files.push(phase("catalogs page", || {
                catalog::catalogs_index(&cx, theme)
            })?);
        }
        if selection.counts() || site.lists_every_project() {
            files.push(phase("projects page", || {
                projects::projects_page(&cx, theme)
            })?);
            files.push(phase("home page", || home::home_page(&cx, theme))?);
        }
        files.push(OutFile {
            path: "404.html".into(),
            bytes: theme.render_bytes("404.html", &cx.context("页面不存在", "404.html"))?,
        });
        emit(files)?;
        phase("facet pages", || {
            facets::facet_pages(&cx, theme, selection, emit)
        })?;
    }
    if parts.aggregates {
        // Beside the comparison pages, whose batches fill the serial
        // stretches of the aggregates (one after the other, a core was
        // idle for the last half second of a build at 100,000 projects).
        let (aggregates, comparisons) = rayon::join(
            || emit(aggregate_files(&cx, theme, cache)?),
            || {
                phase("comparison pages", || {
                    compare::compare_pages(&cx, theme, selection, emit)
                })
            },
        );
        both(aggregates, comparisons)?;
    }
    Ok(())
}

/// Both values, or the problems of each that failed: a build reports
/// every problem it found.
fn both<A, B>(a: Result<A, OutputError>, b: Result<B, OutputError>) -> Result<(A, B), OutputError> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(mut a), Err(b)) => {
            a.problems.extend(b.problems);
            Err(a)
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// The how-to-join page, the sitemap and feed, catalog.json and the search
/// documents: each made from every project at once.
fn aggregate_files(
    cx: &Ctx,
    theme: &Theme,
    cache: Option<&RenderCache>,
) -> Result<Vec<OutFile>, OutputError> {
    let site = cx.site;
    // Side by side: each of the four is partly serial (the sitemap all
    // of it), and one at a time left a core idle.
    let ((join, feeds), (catalog, docs)) = rayon::join(
        || {
            (
                phase("how-to-join page", || join::join_page(cx, theme, cache)),
                phase("sitemap and feed", || -> Result<_, OutputError> {
                    let mut files = feeds::sitemap(cx, theme)?;
                    files.push(feeds::atom(cx, theme)?);
                    Ok(files)
                }),
            )
        },
        || {
            (
                phase("catalog.json", || {
                    catalog_json::catalog_json(
                        site,
                        cache,
                        catalog_json::WHOLE_UP_TO,
                        catalog_json::PART_BYTES,
                    )
                }),
                phase("search_docs.json", || {
                    search_docs(
                        site,
                        |slug| cx.link(&urls::project(slug)),
                        cache.map(|c| &c.search_docs),
                    )
                }),
            )
        },
    );
    let (join, feeds) = both(join, feeds)?;
    let mut files = vec![join];
    files.extend(feeds);
    files.extend(catalog.into_iter().map(|(path, text)| OutFile {
        path: path.into(),
        bytes: text.into_bytes(),
    }));
    files.push(OutFile {
        path: "search_docs.json".into(),
        bytes: docs.main.into_bytes(),
    });
    for (k, details) in docs.details.into_iter().enumerate() {
        files.push(OutFile {
            path: format!("search_docs/{k}.json").into(),
            bytes: details.into_bytes(),
        });
    }
    for (path, bytes) in docs.facets {
        files.push(OutFile {
            path: path.into(),
            bytes,
        });
    }
    files.push(OutFile {
        path: "search_facets/figures.bin".into(),
        bytes: docs.figures,
    });
    Ok(files)
}
