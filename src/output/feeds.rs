//! `/sitemap.xml` and `/atom.xml`.

use super::context::Ctx;
use super::{OutFile, OutputError, Theme};
use crate::content::Catalog;
use crate::util::url as urls;
use serde::Serialize;

/// Writes one sitemap file's `<urlset>` for its URLs.
type RenderUrls<'a> = &'a dyn Fn(&[String]) -> Result<Vec<u8>, OutputError>;

/// URLs one sitemap file may list: the sitemaps protocol's limit.
const SITEMAP_URLS: usize = 50_000;

/// Every page of the site, whichever of them this render made (the dev
/// server re-renders a few pages but serves the sitemap of all): one
/// `sitemap.xml`, or above 50,000 pages a sitemap index there over
/// `sitemaps/1.xml`, `sitemaps/2.xml`, … of at most 50,000 each.
pub(super) fn sitemap(cx: &Ctx, theme: &Theme) -> Result<Vec<OutFile>, OutputError> {
    let mut urls_list: Vec<String> = cx
        .site
        .page_paths()
        .iter()
        .map(|dir| cx.site.config.absolute_url(&urls::encode_path(dir)))
        .collect();
    urls_list.sort();
    sitemaps(
        &urls_list,
        SITEMAP_URLS,
        &|part| cx.site.config.absolute_url(part),
        &|urls| {
            let mut ctx = cx.context("sitemap", "sitemap.xml");
            ctx.insert("urls", urls);
            theme.render_bytes("sitemap.xml", &ctx)
        },
    )
}

/// The sitemap files for `urls`, at most `max` URLs each; `render` writes
/// one file's `<urlset>` (the theme's template), `absolute` a path's URL.
fn sitemaps(
    urls: &[String],
    max: usize,
    absolute: &dyn Fn(&str) -> String,
    render: RenderUrls,
) -> Result<Vec<OutFile>, OutputError> {
    if urls.len() <= max {
        return Ok(vec![OutFile {
            path: "sitemap.xml".into(),
            bytes: render(urls)?,
        }]);
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in urls.chunks(max.max(1)).enumerate() {
        let path = format!("sitemaps/{}.xml", i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            absolute(&path)
        ));
        files.push(OutFile {
            path: path.into(),
            bytes: render(chunk)?,
        });
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutFile {
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    Ok(files)
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
        .filter_map(|c| catalog_date(c))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("https://x.org/p/{i}/")).collect()
    }

    fn render(urls: &[String]) -> Result<Vec<u8>, OutputError> {
        Ok(urls.join(" ").into_bytes())
    }

    #[test]
    fn a_site_within_the_limit_has_one_sitemap() {
        let files = sitemaps(&urls(3), 3, &|p| format!("https://x.org/{p}"), &render).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path.to_str(), Some("sitemap.xml"));
        assert_eq!(
            String::from_utf8(files[0].bytes.clone()).unwrap(),
            "https://x.org/p/0/ https://x.org/p/1/ https://x.org/p/2/"
        );
    }

    /// Over the limit (the protocol's is 50,000; 3 here): an index over
    /// files of at most that many, every URL in exactly one.
    #[test]
    fn a_site_over_the_limit_has_a_sitemap_index() {
        let files = sitemaps(&urls(7), 3, &|p| format!("https://x.org/{p}"), &render).unwrap();
        let paths: Vec<&str> = files.iter().filter_map(|f| f.path.to_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemaps/1.xml",
                "sitemaps/2.xml",
                "sitemaps/3.xml",
                "sitemap.xml"
            ]
        );
        let text = |i: usize| String::from_utf8(files[i].bytes.clone()).unwrap();
        assert_eq!(
            text(0),
            "https://x.org/p/0/ https://x.org/p/1/ https://x.org/p/2/"
        );
        assert_eq!(text(2), "https://x.org/p/6/");
        assert_eq!(
            text(3),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <sitemap><loc>https://x.org/sitemaps/1.xml</loc></sitemap>\n  <sitemap><loc>https://x.org/sitemaps/2.xml</loc></sitemap>\n  <sitemap><loc>https://x.org/sitemaps/3.xml</loc></sitemap>\n</sitemapindex>\n"
        );
    }
}
