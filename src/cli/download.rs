//! `nlkit download`: install NLTK data packages (see `nlkit_downloader`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use nlkit_downloader::{
    default_download_dir, Action, Downloader, Index, Options, Report, DEFAULT_INDEX_URL,
    UPSTREAM_URL_PREFIX,
};

use super::common::{stdout, write_line};
use crate::{Error, Result};

/// Arguments of `nlkit download`.
#[derive(Debug, Args)]
pub struct DownloadArgs {
    /// Package or collection ids to install (e.g. `brown punkt_tab`).
    #[arg(value_name = "ID")]
    ids: Vec<String>,
    /// The index: an http(s):// or file:// URL, or a path [default: NLTK's official index].
    #[arg(long, value_name = "URL")]
    index_url: Option<String>,
    /// Data folder to install into [default: as NLTK: first writable folder of NLTK_DATA, ~/nltk_data, ...].
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Packages downloaded at the same time.
    #[arg(long, short = 'j', default_value_t = 1)]
    jobs: usize,
    /// Re-install packages that are already installed.
    #[arg(long)]
    force: bool,
    /// Print nothing but errors (and no progress bars).
    #[arg(long, short = 'q')]
    quiet: bool,
    /// List every package and collection: id, name, size, status (tab-separated).
    #[arg(long, conflicts_with_all = ["status", "update"])]
    list: bool,
    /// Print the status of the given ids (all when none): installed, not installed, out of date, partial, corrupt.
    #[arg(long, conflicts_with = "update")]
    status: bool,
    /// Re-install every package that is out of date, corrupt or partial.
    #[arg(long)]
    update: bool,
    /// Seconds with no data before a transfer is abandoned (and retried).
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    timeout: f64,
    /// Extra attempts after a network error, HTTP 5xx or short transfer.
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
    /// Wait before the first retry, in milliseconds (doubled for each further one).
    #[arg(long, value_name = "MS", default_value_t = 500, hide = true)]
    backoff_ms: u64,
    /// Fetch packages from a mirror of NLTK's layout (an http(s):// or file:// URL or a folder holding
    /// `packages/<subdir>/<id>.zip`) instead of the index's upstream URLs.
    #[arg(long, value_name = "URL")]
    mirror: Option<String>,
}

fn data_dir(a: &DownloadArgs) -> Result<PathBuf> {
    match &a.dir {
        Some(d) => Ok(d.clone()),
        None => Ok(default_download_dir()?),
    }
}

fn finish(report: Report, quiet: bool, dir: &std::path::Path) -> Result<()> {
    let mut out = stdout();
    let mut failures = Vec::new();
    for o in report.outcomes {
        match o.result {
            Ok(Action::Installed) if !quiet => write_line(
                &mut out,
                &format!("installed {} in {}", o.id, dir.display()),
            )?,
            Ok(Action::UpToDate) if !quiet => {
                write_line(&mut out, &format!("{} is already up to date", o.id))?
            }
            Ok(_) => {}
            Err(e) => failures.push(e),
        }
    }
    std::io::Write::flush(&mut out)?;
    let last = failures.pop();
    for e in failures {
        eprintln!("nlkit: {e}");
    }
    match last {
        Some(e) => Err(Error::Download(e)),
        None => Ok(()),
    }
}

/// Runs `nlkit download`.
pub fn run(a: DownloadArgs) -> Result<()> {
    if !(a.timeout.is_finite() && a.timeout > 0.0) {
        return Err(Error::InvalidInput(format!(
            "--timeout must be a positive number of seconds, not {}",
            a.timeout
        )));
    }
    if a.jobs == 0 {
        return Err(Error::InvalidInput("--jobs must be at least 1".into()));
    }
    if a.ids.is_empty() && !a.list && !a.status && !a.update {
        return Err(Error::InvalidInput(
            "nothing to do: give package or collection ids (see --list), or --status / --update"
                .into(),
        ));
    }
    if !a.ids.is_empty() && (a.list || a.update) {
        return Err(Error::InvalidInput(
            "--list and --update take no ids".into(),
        ));
    }
    let opts = Options {
        read_timeout: Duration::from_secs_f64(a.timeout),
        connect_timeout: Duration::from_secs_f64(a.timeout.min(15.0)),
        retries: a.retries,
        backoff: Duration::from_millis(a.backoff_ms),
        jobs: a.jobs,
        force: a.force,
        progress: !a.quiet && std::io::stderr().is_terminal(),
    };
    let dir = data_dir(&a)?;
    let index_url = a.index_url.as_deref().unwrap_or(DEFAULT_INDEX_URL);
    let dl = match &a.mirror {
        None => Downloader::from_url(index_url, &dir, opts)?,
        Some(m) => {
            let mut index = Index::load(index_url, &opts)?;
            let base = if m.ends_with('/') {
                m.clone()
            } else {
                format!("{m}/")
            };
            index.rewrite_urls(UPSTREAM_URL_PREFIX, &base);
            Downloader::new(index, &dir, opts)?
        }
    };
    if a.list {
        let mut out = stdout();
        for e in dl.list() {
            write_line(
                &mut out,
                &format!("{}\t{}\t{}\t{}", e.id, e.name, e.size, e.status),
            )?;
        }
        std::io::Write::flush(&mut out)?;
        return Ok(());
    }
    if a.status {
        let ids: Vec<String> = if a.ids.is_empty() {
            dl.list().into_iter().map(|e| e.id).collect()
        } else {
            a.ids.clone()
        };
        let mut out = stdout();
        for id in &ids {
            let s = dl.status(id)?;
            write_line(&mut out, &format!("{id}\t{s}"))?;
        }
        std::io::Write::flush(&mut out)?;
        return Ok(());
    }
    if a.update {
        return finish(dl.update(), a.quiet, &dir);
    }
    finish(dl.download(&a.ids), a.quiet, &dir)
}
