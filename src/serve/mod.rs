//! `peixun serve`: build into memory, serve on loopback with tiny_http, watch
//! the sources with notify, rebuild on change, reload open pages.
//!
//! Design:
//! - The site lives in memory (path → bytes); nothing is written to disk, so
//!   stopping the server (Ctrl-C) leaves nothing behind and `output/` is not
//!   touched. Only paths present in that map are ever served: `..`, encoded
//!   traversal, backslashes and symlinks cannot reach the file system.
//! - A change to a project file re-reads that file, patches the model and
//!   re-renders only the pages that show a changed project (see
//!   [`crate::pipeline::Plan`]); the new pages replace the served ones and
//!   the browsers reload, and the search index is rebuilt after that on a
//!   background thread. `site.toml`, the theme, or an added or removed file
//!   rebuild everything.
//! - Live reload: HTML responses get a small script that listens to
//!   `/__peixun/events` (server-sent events over a raw writer, since tiny_http's
//!   `Response` buffers its body) and reloads, keeping the scroll position.
//!   A failed rebuild keeps the last good site and shows the diagnostics in an
//!   overlay on every page, until a rebuild succeeds.
//! - Every response is written raw with `Connection: close`, so the browser
//!   closes the connection: tiny_http hands connections to a pool whose threads
//!   stay blocked on idle keep-alive sockets, and a burst of new connections
//!   could wait behind them (seen as fetches that never finished in Chromium).
//!   tiny_http's `Response` drops a `Connection` header, hence the raw writer.

mod http;
mod index;
mod rebuild;
mod reload;
mod stored;
mod watch;

use crate::model::Site;
use crate::pipeline::{Change, Incremental};
use std::collections::HashMap;
use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
}

#[derive(Debug)]
pub enum ServeError {
    /// The address could not be bound (and no nearby port was free).
    Bind {
        addr: String,
        message: String,
    },
    Watch(String),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Bind { addr, message } => {
                let text = crate::tr!(
                    "serve-bind-failed",
                    addr = addr.as_str(),
                    error = message.as_str()
                );
                let help = crate::tr!("serve-bind-help");
                write!(f, "{text}\n  = {}{help}", crate::tr!("label-help"))
            }
            ServeError::Watch(m) => write!(
                f,
                "{}",
                crate::tr!("serve-watch-failed", error = m.as_str())
            ),
        }
    }
}

/// What the server serves: the last good site, and the current error if the
/// last rebuild failed.
pub(super) struct Served {
    pub(super) files: HashMap<String, Arc<stored::Stored>>,
    pub(super) version: u64,
    pub(super) error: Option<String>,
}

/// What the server's threads share.
pub(super) struct Shared {
    pub(super) served: RwLock<Served>,
    /// Open event streams; a failed write drops the client.
    pub(super) clients: Mutex<Vec<Box<dyn Write + Send>>>,
    pub(super) base_url: String,
    /// The newest site whose search index is still to be built.
    pub(super) index_wanted: Mutex<Option<Arc<Site>>>,
    pub(super) index_signal: std::sync::Condvar,
    /// Held by a rebuild from swapping its pages in until its whole-site
    /// files (`output::is_aggregate`) are made, and by every request for
    /// one of those: a browser reloaded early never reads an old one.
    pub(super) aggregates: Mutex<()>,
}

pub fn serve(opts: ServeOptions) -> Result<(), ServeError> {
    let (server, addr) = bind(opts.bind, opts.port)?;
    let base_url = format!("http://{addr}/");
    let shared = Arc::new(Shared {
        served: RwLock::new(Served {
            files: HashMap::new(),
            version: 0,
            error: None,
        }),
        clients: Mutex::new(Vec::new()),
        base_url: base_url.clone(),
        index_wanted: Mutex::new(None),
        index_signal: std::sync::Condvar::new(),
        aggregates: Mutex::new(()),
    });
    {
        let shared = shared.clone();
        std::thread::spawn(move || index::index_worker(shared));
    }
    let mut state = Incremental::default();
    // Watch before the first build, so no change is lost in between.
    let (_watcher, events) = watch::start_watching(&opts.root)?;
    rebuild::rebuild(&opts.root, &shared, &mut state, &Change::Everything);
    eprintln!("{}", crate::tr!("serve-started", url = base_url.as_str()));
    if opts.open {
        open_browser(&base_url);
    }

    let server = Arc::new(server);
    for _ in 0..8 {
        let server = server.clone();
        let shared = shared.clone();
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                http::handle(request, &shared);
            }
        });
    }
    // Comment lines keep idle event streams open and find closed ones.
    {
        let shared = shared.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(15));
            reload::broadcast(&shared, ": ping\n\n");
        });
    }
    watch::watch(&opts.root, &events, &shared, &mut state)
}

/// Binds `bind:port`; if the port is taken, tries the next ten and says so.
pub(super) fn bind(
    ip: IpAddr,
    port: u16,
) -> Result<(tiny_http::Server, std::net::SocketAddr), ServeError> {
    let mut last_error = String::new();
    let tries: Vec<u16> = if port == 0 {
        vec![0]
    } else {
        (port..=port.saturating_add(10)).collect()
    };
    for p in tries {
        match tiny_http::Server::http((ip, p)) {
            Ok(server) => {
                let addr = server
                    .server_addr()
                    .to_ip()
                    .unwrap_or_else(|| std::net::SocketAddr::new(ip, p));
                if p != port && port != 0 {
                    eprintln!(
                        "{}",
                        crate::tr!("serve-port-taken", port = port, instead = addr.port())
                    );
                }
                return Ok((server, addr));
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(ServeError::Bind {
        addr: format!("{ip}:{port}"),
        message: last_error,
    })
}

pub(super) fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("{}", crate::tr!("serve-no-browser", url = url));
    }
}
