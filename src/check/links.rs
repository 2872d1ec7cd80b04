//! Links that lead nowhere.

use crate::model::Site;
use crate::util::diag::{suggest, Diagnostic, Diagnostics};

/// Links in the Markdown of projects and catalogs that point at no page of
/// the site. With `only`, just the projects at those indexes (and no
/// catalog): the rest were checked against the same set of pages before.
pub fn content_links(site: &Site, only: Option<&[usize]>) -> Diagnostics {
    // Made on the first link: a saved project often has none.
    let pages = std::cell::OnceCell::new();
    let files = [
        "catalog.json",
        "search_index.json",
        "sitemap.xml",
        "atom.xml",
        "404.html",
    ];
    let mut diags = Diagnostics::default();
    let sources = site
        .projects
        .iter()
        .map(|p| (&p.body, &p.source_path))
        .chain(site.catalogs.iter().map(|c| (&c.body, &c.source_path)));
    let checked = |i: usize| only.is_none_or(|o| o.contains(&i));
    for (i, (body, path)) in sources.enumerate() {
        if !checked(i) {
            continue;
        }
        for link in body.site_links() {
            let target = link
                .target
                .split(['#', '?'])
                .next()
                .unwrap_or("")
                .trim_start_matches('/');
            let mut normal = target.to_string();
            if !normal.is_empty() && !normal.ends_with('/') && !normal.contains('.') {
                normal.push('/');
            }
            let decoded = crate::util::url::decode_lossy(&normal);
            if pages.get_or_init(|| site.page_paths()).contains(&decoded)
                || files.contains(&decoded.as_str())
            {
                continue;
            }
            let (link, link_location) = (&link.target, &link.location);
            let mut d = Diagnostic::error(crate::tr!("link-no-page", link = link.as_str()))
                .in_file(path)
                .at(link_location.clone());
            let slug_like: Vec<String> = pages
                .get_or_init(|| site.page_paths())
                .iter()
                .map(|p| format!("/{p}"))
                .collect();
            if let Some(s) = suggest(link, slug_like.iter().map(String::as_str)) {
                d = d.with_help(crate::tr!("did-you-mean", suggestion = s));
            }
            diags.push(d);
        }
    }
    diags
}
