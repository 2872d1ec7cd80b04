//! Pieces of output that depend on one project only (its card, its line in
//! other pages' similar projects, its catalog.json and search entries),
//! made once per build in parallel and, under `serve`, kept between
//! rebuilds for every project whose file did not change.

use crate::model::Entry;
use crate::util::hash::Fnv;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Pieces of pages that depend on one project only (and on the theme,
/// config and catalogs, which a `RenderCache` must not outlive), by slug,
/// with the project's `source_hash` when they were made.
#[derive(Default)]
pub struct RenderCache {
    /// Cards and similar-projects lines.
    pub(crate) listed: Pieces<super::context::Listed>,
    pub(crate) project_json: Pieces<str>,
    pub(crate) search_docs: Pieces<str>,
    /// The sentences of its text the how-to-join page may quote.
    pub(crate) join_sentences: Pieces<[Box<str>]>,
}

impl RenderCache {
    /// Forgets every piece: for a change that is not one project's own file
    /// (a catalog's year shows on all its projects' cards).
    pub fn clear(&self) {
        for pieces in [&self.project_json, &self.search_docs] {
            pieces.lock().unwrap_or_else(|e| e.into_inner()).clear();
        }
        self.listed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.join_sentences
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

/// Per project (by slug): its `source_hash` and a piece of output made
/// from it, kept between the dev server's rebuilds.
pub type Pieces<T> = Mutex<HashMap<String, (u64, Arc<T>), Fnv>>;

/// `make(p)` for each project, in parallel; with `cache`, reused for every
/// project whose file did not change since the cache was filled, and the
/// cache then holds these projects' pieces (updated in place: a save
/// changes one entry, and the others are looked up once, not stored
/// again).
pub(crate) fn try_per_project<T, P, E>(
    projects: &[Entry],
    cache: Option<&Pieces<T>>,
    make: impl Fn(Entry) -> Result<P, E> + Sync,
) -> Result<Vec<Arc<T>>, E>
where
    T: ?Sized + Send + Sync,
    P: Into<Arc<T>>,
    E: Send,
{
    let mut old = cache
        .map(|c| std::mem::take(&mut *c.lock().unwrap_or_else(|e| e.into_inner())))
        .unwrap_or_default();
    // Each piece, and whether it was made now.
    let made: Vec<(Arc<T>, bool)> = projects
        .par_iter()
        .map(|&e| match old.get(&e.project.slug) {
            Some((hash, piece)) if *hash == e.project.source_hash => Ok((piece.clone(), false)),
            _ => make(e).map(|p| (p.into(), true)),
        })
        .collect::<Result<_, E>>()?;
    if let Some(cache) = cache {
        // Projects that went (or came) leave other keys: start afresh.
        let afresh = old.len() != made.len();
        if afresh {
            old.clear();
        }
        for (p, (piece, new)) in projects.iter().map(|e| e.project).zip(&made) {
            if *new || afresh {
                old.insert(p.slug.clone(), (p.source_hash, piece.clone()));
            }
        }
        *cache.lock().unwrap_or_else(|e| e.into_inner()) = old;
    }
    Ok(made.into_iter().map(|(piece, _)| piece).collect())
}

/// [`try_per_project`] for a `make` that cannot fail.
pub(crate) fn per_project<T, P>(
    projects: &[Entry],
    cache: Option<&Pieces<T>>,
    make: impl Fn(Entry) -> P + Sync,
) -> Vec<Arc<T>>
where
    T: ?Sized + Send + Sync,
    P: Into<Arc<T>>,
{
    match try_per_project(projects, cache, |p| {
        Ok::<P, std::convert::Infallible>(make(p))
    }) {
        Ok(made) => made,
        Err(never) => match never {},
    }
}

/// A JSON array of JSON texts.
pub(crate) fn json_array(items: &[Arc<str>]) -> String {
    let mut out = String::with_capacity(items.iter().map(|i| i.len() + 1).sum::<usize>() + 2);
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(item);
    }
    out.push(']');
    out
}

/// `object` (a JSON object's text) with `"key": raw` added at its end; `raw`
/// is JSON already (a large array joined from cached pieces).
pub(crate) fn with_raw_field(object: &str, key: &str, raw: &str) -> String {
    let open = object.strip_suffix('}').unwrap_or(object);
    let comma = if open.ends_with('{') { "" } else { "," };
    format!("{open}{comma}{}:{raw}}}", serde_json::json!(key))
}
