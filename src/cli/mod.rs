//! Command line: parsing and the commands. `main.rs` only calls [`run`].

mod new;

pub use new::{new_project, new_project_text, NewError};

use crate::pipeline::{self, BuildOptions, Checked};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "peixun",
    version,
    about = "Static site generator for published teacher-training catalogs (教师培训项目目录)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the whole site into output/ (written only if the whole build succeeds)
    Build {
        /// Site directory (holding site.toml, content/, themes/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output directory [default: ROOT/output]
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url from site.toml (e.g. https://example.org/peixun/)
        #[arg(long)]
        base_url: Option<String>,
        /// Also write a .gz and a .br beside every text file of 1 KB or more
        /// (for hosts that serve precompressed files, e.g. nginx gzip_static)
        #[arg(long)]
        precompress: bool,
    },
    /// Validate all content and internal links without writing anything
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build into memory, serve on loopback, rebuild on change and reload open pages
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on (loopback unless you say otherwise)
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port (the next free one is taken if it is in use; 0 = any free port)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
    },
    /// Write a new project file with every field present and explained
    New {
        /// Catalog folder, e.g. content/chongqing-2026 (or just chongqing-2026)
        catalog_dir: PathBuf,
        /// The project's slug: lowercase ASCII letters, digits and '-'
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Draft a catalog from a published guide or plan (.docx, or .txt/.md saved from Word)
    Import {
        /// The document: .docx, or text saved from Word (tables one cell per line)
        file: PathBuf,
        /// The new catalog's folder name under content/ (lowercase ASCII, digits, '-')
        #[arg(long)]
        catalog: String,
        /// Province-level region (one of site.toml's regions); found in the document if not given
        #[arg(long)]
        region: Option<String>,
        /// District or county, for a district's plan (e.g. 黔江区)
        #[arg(long)]
        district: Option<String>,
        /// The plan's year; found in the title or first lines if not given
        #[arg(long)]
        year: Option<u16>,
        /// Kind of document (one of site.toml's catalog_kinds)
        #[arg(long)]
        kind: Option<String>,
        /// Level of every project (one of site.toml's levels); guessed from the plan if not given
        #[arg(long)]
        level: Option<String>,
        /// The document's title, when its first lines do not give it
        #[arg(long)]
        title: Option<String>,
        /// Who published it (e.g. 重庆市教育委员会)
        #[arg(long)]
        issuer: Option<String>,
        /// Site directory (holding site.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print what would be written, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

/// Exit codes: 0 success, 1 problems in the site's files or output, 2 usage (clap).
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            precompress,
        } => {
            match pipeline::build(&BuildOptions {
                root,
                output,
                base_url,
                precompress,
            }) {
                Ok(report) => {
                    let s = report.synced;
                    eprintln!(
                        "built {} projects from {} catalogs into {} in {} ms: {} files, {} written, {} unchanged, {} removed",
                        report.projects,
                        report.catalogs,
                        report.output.display(),
                        report.millis,
                        report.files,
                        s.written,
                        s.unchanged,
                        s.removed
                    );
                    0
                }
                Err(e) => {
                    eprintln!("{e}");
                    1
                }
            }
        }
        Command::Check { root } => match pipeline::check(&BuildOptions {
            root,
            ..Default::default()
        }) {
            Ok(Checked { site, .. }) => {
                eprintln!(
                    "ok: {} projects in {} catalogs, no errors",
                    site.projects.len(),
                    site.catalogs.len()
                );
                0
            }
            // check writes nothing, whatever it finds.
            Err(pipeline::BuildError::Invalid(d)) => {
                eprint!("{d}");
                let n = d.error_count();
                eprintln!("error: {n} problem{} found", if n == 1 { "" } else { "s" });
                1
            }
            Err(e) => {
                eprintln!("{e}");
                1
            }
        },
        Command::Serve {
            root,
            bind,
            port,
            open,
        } => match crate::serve::serve(crate::serve::ServeOptions {
            root,
            bind,
            port,
            open,
        }) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("{e}");
                1
            }
        },
        Command::New {
            catalog_dir,
            slug,
            root,
        } => match new_project(&root, &catalog_dir, &slug) {
            Ok(path) => {
                eprintln!("wrote {}", path.display());
                0
            }
            Err(e) => {
                eprintln!("error: {e}");
                1
            }
        },
        Command::Import {
            file,
            catalog,
            region,
            district,
            year,
            kind,
            level,
            title,
            issuer,
            root,
            dry_run,
        } => match crate::import::import(&crate::import::ImportOptions {
            file,
            catalog,
            root,
            title,
            issuer,
            region,
            district,
            year,
            kind,
            level,
            dry_run,
        }) {
            Ok(summary) => {
                if summary.dry_run {
                    // The drafts themselves, to read or pipe; the summary goes to stderr.
                    for (path, text) in &summary.files {
                        println!("==> {} <==\n{text}", path.display());
                    }
                }
                eprint!("{summary}");
                0
            }
            Err(e) => {
                eprintln!("error: {e}");
                1
            }
        },
    }
}
