//! Command line: parsing and the commands. `main.rs` only calls [`main`].
//! Every help text and message is in the editor's language
//! (`util::i18n`): the help from `help.rs`, the rest from the commands.

mod help;
mod new;
mod progress;

pub use new::{
    new_catalog, new_catalog_text, new_project, new_project_text, NewError, TEMPLATE_TITLE,
};

use crate::pipeline::{self, BuildOptions, Checked};
use crate::tr;
use crate::util::i18n;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

/// The command line as clap reads it. The help texts are not written here
/// but in the message files (`cli-<command>-<option>`, see `help.rs`).
#[derive(Parser, Debug)]
#[command(name = "peixun", version)]
pub struct Cli {
    /// Language of messages: zh or en.
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Build {
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        #[arg(long)]
        precompress: bool,
        #[arg(long)]
        drafts: bool,
    },
    Check {
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        #[arg(long)]
        strict: bool,
    },
    Serve {
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
        bind: std::net::IpAddr,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        open: bool,
    },
    New {
        /// A catalog folder, or the word `catalog` to make a catalog.
        #[arg(value_name = "FOLDER|catalog")]
        target: PathBuf,
        #[arg(value_name = "SLUG")]
        slug: String,
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
    Import {
        #[arg(value_name = "FILE", required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        #[arg(long, value_name = "SLUG")]
        catalog: Option<String>,
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        city: Option<String>,
        #[arg(long)]
        district: Option<String>,
        #[arg(long)]
        year: Option<u16>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        level: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        issuer: Option<String>,
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs the command line `args` (the program's name first); the exit code.
/// 0 success, 1 problems in the site's files or output, 2 a wrong command line.
pub fn main(args: impl IntoIterator<Item = OsString>) -> i32 {
    let args: Vec<OsString> = args.into_iter().collect();
    // The language is chosen before anything is said, help included.
    if let Some(lang) = lang_option(&args).and_then(|l| i18n::parse_lang(&l)) {
        i18n::set_lang(lang);
    }
    let matches = match help::localize(Cli::command()).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    print!("{}", e.render());
                    0
                }
                _ => {
                    eprint!("{}", help::error_text(&e));
                    2
                }
            };
        }
    };
    match Cli::from_arg_matches(&matches) {
        Ok(cli) => run(cli),
        Err(e) => {
            eprint!("{}", help::error_text(&e));
            2
        }
    }
}

/// The value of `--lang` (or `--lang=…`) among `args`, read before clap
/// so that clap's own help is in that language too.
fn lang_option(args: &[OsString]) -> Option<String> {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(String::from)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
    })
}

fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            precompress,
            drafts,
        } => build(BuildOptions {
            root,
            output,
            base_url,
            precompress,
            drafts,
        }),
        Command::Check { root, strict } => check(root, strict),
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
                eprintln!("{}{e}", tr!("label-error"));
                1
            }
        },
        Command::New { target, slug, root } => {
            let made = if target.as_os_str() == "catalog" {
                new_catalog(&root, &slug)
            } else {
                new_project(&root, &target, &slug)
            };
            match made {
                Ok(path) => {
                    eprintln!("{}", tr!("new-wrote", path = path.display().to_string()));
                    0
                }
                Err(e) => {
                    eprintln!("{}{e}", tr!("label-error"));
                    1
                }
            }
        }
        Command::Import {
            files,
            catalog,
            region,
            city,
            district,
            year,
            kind,
            level,
            title,
            issuer,
            root,
            dry_run,
        } => {
            let opts = crate::import::ImportOptions {
                file: files[0].clone(),
                catalog,
                root,
                given: crate::import::Given {
                    title,
                    issuer,
                    region,
                    city,
                    district,
                    year,
                    kind,
                    level,
                },
                dry_run,
            };
            if files.len() == 1 && !files[0].is_dir() {
                import_one(&opts)
            } else if opts.catalog.is_some() {
                // Several documents are several catalogs.
                eprintln!("{}{}", tr!("label-error"), tr!("cli-import-one-catalog"));
                2
            } else {
                let done = crate::import::import_all(&files, &opts);
                if opts.dry_run {
                    for (path, text) in done
                        .iter()
                        .filter_map(|d| d.result.as_ref().ok())
                        .flat_map(|s| &s.files)
                    {
                        println!("==> {} <==\n{text}", path.display());
                    }
                }
                eprint!("{}", crate::import::Batch(&done, &opts.root));
                i32::from(done.iter().any(|d| d.result.is_err()))
            }
        }
    }
}

fn import_one(opts: &crate::import::ImportOptions) -> i32 {
    match crate::import::import(opts) {
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
            eprintln!("{}{e}", tr!("label-error"));
            1
        }
    }
}

fn build(options: BuildOptions) -> i32 {
    let progress = progress::Progress::start();
    let built = pipeline::build(&options);
    progress.finish();
    match built {
        Ok(report) => {
            eprint!("{}", report.warnings);
            let s = report.synced;
            eprintln!(
                "{}",
                tr!(
                    "build-done",
                    projects = report.projects,
                    catalogs = report.catalogs,
                    // “output”, not “./output”, when run in the site's folder.
                    output = report
                        .output
                        .components()
                        .filter(|c| !matches!(c, std::path::Component::CurDir))
                        .collect::<std::path::PathBuf>()
                        .display()
                        .to_string(),
                    millis = report.millis,
                    files = report.files,
                    written = s.written,
                    unchanged = s.unchanged,
                    removed = s.removed
                )
            );
            if report.drafts_left_out > 0 {
                eprintln!(
                    "{}",
                    tr!("build-drafts-left-out", count = report.drafts_left_out)
                );
            }
            0
        }
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

fn check(root: PathBuf, strict: bool) -> i32 {
    let options = BuildOptions {
        root,
        // Drafts are checked like every other file, and listed as to do.
        drafts: true,
        ..Default::default()
    };
    match pipeline::check(&options) {
        Ok(Checked { site, .. }) => {
            let review = site.review();
            eprint!("{review}");
            let todo = review.warning_count();
            let summary = tr!(
                "check-done",
                projects = site.projects.len(),
                catalogs = site.catalogs.len()
            );
            if todo == 0 {
                eprintln!("{summary}");
                0
            } else if strict {
                eprintln!(
                    "{}{}",
                    tr!("label-error"),
                    tr!("check-strict-failed", count = todo)
                );
                1
            } else {
                eprintln!("{summary}{}", tr!("check-to-do", count = todo));
                0
            }
        }
        // check writes nothing, whatever it finds.
        Err(pipeline::BuildError::Invalid(d)) => {
            eprint!("{d}");
            eprintln!(
                "{}{}",
                tr!("label-error"),
                tr!("problems-found", count = d.error_count())
            );
            1
        }
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}
