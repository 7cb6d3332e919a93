//! Fetching bytes: HTTP(S) with reqwest (rustls, proxy from the
//! environment, connect/read timeouts), `file://` URLs and plain paths;
//! resumable downloads into a `.part` file with HTTP `Range`, and bounded
//! retries with exponential backoff.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
#[cfg(feature = "http")]
use std::time::Duration;

use crate::error::{io_at, Error, Result};
use crate::Options;

/// The largest index accepted (NLTK's is about 200 kB).
#[cfg(feature = "http")]
const MAX_INDEX_BYTES: u64 = 64 << 20;

/// Where a URL points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    Http(String),
    File(PathBuf),
}

/// Classifies a URL: `http(s)://` is fetched over the network, `file://`
/// and plain paths are read from disk; other schemes are refused.
pub(crate) fn classify(url: &str) -> Result<Source> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Ok(Source::Http(url.to_string()))
    } else if lower.starts_with("file://") {
        let rest = &url["file://".len()..];
        // file:///abs/path or file://localhost/abs/path
        let path = rest.strip_prefix("localhost").unwrap_or(rest);
        Ok(Source::File(PathBuf::from(percent_decode(path))))
    } else if url.contains("://") {
        Err(Error::BadUrl {
            url: url.to_string(),
            reason: "only http://, https://, file:// and plain paths are supported".into(),
        })
    } else {
        Ok(Source::File(PathBuf::from(url)))
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(feature = "http")]
fn describe(e: &reqwest::Error, timeout: Duration) -> String {
    if e.is_timeout() {
        return format!("timed out (no data for {:.1}s)", timeout.as_secs_f64());
    }
    let mut msg = String::new();
    let mut src: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = src {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::TimedOut {
                return format!("timed out (no data for {:.1}s)", timeout.as_secs_f64());
            }
        }
        msg = s.to_string();
        src = s.source();
    }
    if msg.is_empty() {
        e.to_string()
    } else {
        format!("{}: {msg}", e.without_url_string())
    }
}

#[cfg(feature = "http")]
trait WithoutUrl {
    fn without_url_string(&self) -> String;
}

#[cfg(feature = "http")]
impl WithoutUrl for reqwest::Error {
    fn without_url_string(&self) -> String {
        let mut s = self.to_string();
        if let Some(u) = self.url() {
            s = s.replace(&format!(" for url ({u})"), "");
        }
        s
    }
}

/// The error for an `http(s)://` URL in a build without the `http` feature.
#[cfg(not(feature = "http"))]
fn no_http(url: &str) -> Error {
    Error::BadUrl {
        url: url.to_string(),
        reason: "this build has no HTTP support (cargo feature `http`); use a file:// mirror"
            .into(),
    }
}

/// Downloads with retries; shared by all worker threads.
pub(crate) struct Fetcher {
    #[cfg(feature = "http")]
    client: reqwest::blocking::Client,
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    opts: Options,
}

impl Fetcher {
    pub(crate) fn new(opts: &Options) -> Result<Fetcher> {
        #[cfg(feature = "http")]
        let client = reqwest::blocking::Client::builder()
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.read_timeout)
            .user_agent(concat!("nlkit-downloader/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Http {
                url: String::new(),
                message: format!("cannot start the HTTP client: {e}"),
            })?;
        Ok(Fetcher {
            #[cfg(feature = "http")]
            client,
            opts: opts.clone(),
        })
    }

    #[cfg(feature = "http")]
    fn retrying<T>(&self, mut f: impl FnMut() -> Result<T>) -> Result<T> {
        let mut attempt = 0u32;
        loop {
            match f() {
                Err(e) if e.is_transient() && attempt < self.opts.retries => {
                    let wait = self.opts.backoff.saturating_mul(1u32 << attempt.min(16));
                    std::thread::sleep(wait);
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// The whole body of `url` (for the index).
    pub(crate) fn get_bytes(&self, url: &str) -> Result<Vec<u8>> {
        match classify(url)? {
            Source::File(p) => std::fs::read(&p).map_err(io_at(&p)),
            #[cfg(not(feature = "http"))]
            Source::Http(u) => Err(no_http(&u)),
            #[cfg(feature = "http")]
            Source::Http(u) => self.retrying(|| {
                let resp = self.client.get(&u).send().map_err(|e| Error::Http {
                    url: u.clone(),
                    message: describe(&e, self.opts.read_timeout),
                })?;
                let status = resp.status();
                if !status.is_success() {
                    return Err(Error::HttpStatus {
                        url: u.clone(),
                        status: status.as_u16(),
                    });
                }
                let mut out = Vec::new();
                resp.take(MAX_INDEX_BYTES + 1)
                    .read_to_end(&mut out)
                    .map_err(|e| Error::Http {
                        url: u.clone(),
                        message: read_error(&e, self.opts.read_timeout, out.len() as u64),
                    })?;
                if out.len() as u64 > MAX_INDEX_BYTES {
                    return Err(Error::Index {
                        source_name: u.clone(),
                        message: format!("larger than {MAX_INDEX_BYTES} bytes"),
                    });
                }
                Ok(out)
            }),
        }
    }

    /// Downloads `url` into `part` (resuming what is there), expecting
    /// `expected` bytes. `progress` is called with the bytes held so far.
    pub(crate) fn download(
        &self,
        id: &str,
        url: &str,
        part: &Path,
        expected: u64,
        progress: &dyn Fn(u64),
    ) -> Result<()> {
        let src = classify(url)?;
        match src {
            // A local file does not change on retry.
            Source::File(p) => copy_file(id, &p, part, expected, progress),
            #[cfg(not(feature = "http"))]
            Source::Http(u) => Err(no_http(&u)),
            #[cfg(feature = "http")]
            Source::Http(u) => self.retrying(|| self.http_once(id, &u, part, expected, progress)),
        }
    }

    #[cfg(feature = "http")]
    fn http_once(
        &self,
        id: &str,
        url: &str,
        part: &Path,
        expected: u64,
        progress: &dyn Fn(u64),
    ) -> Result<()> {
        let mut have = std::fs::metadata(part).map(|m| m.len()).unwrap_or(0);
        if have > expected {
            have = 0;
        }
        if have == expected && expected > 0 {
            progress(have);
            return Ok(());
        }
        let mut req = self.client.get(url);
        if have > 0 {
            req = req.header(reqwest::header::RANGE, format!("bytes={have}-"));
        }
        let net = |e: reqwest::Error| Error::Http {
            url: url.to_string(),
            message: describe(&e, self.opts.read_timeout),
        };
        let mut resp = req.send().map_err(net)?;
        let status = resp.status().as_u16();
        let start = match status {
            206 => {
                // Content-Range: bytes START-END/TOTAL; restart if it is not where we are.
                let ok = resp
                    .headers()
                    .get(reqwest::header::CONTENT_RANGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.strip_prefix("bytes "))
                    .and_then(|v| v.split('-').next())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    == Some(have);
                if !ok {
                    truncate(part)?;
                    return Err(Error::Http {
                        url: url.to_string(),
                        message: "server resumed at the wrong offset; restarting".into(),
                    });
                }
                have
            }
            200..=299 => 0,
            416 => {
                truncate(part)?;
                return Err(Error::Http {
                    url: url.to_string(),
                    message: "range not satisfiable; restarting".into(),
                });
            }
            _ => {
                return Err(Error::HttpStatus {
                    url: url.to_string(),
                    status,
                })
            }
        };
        let mut file = open_part(part, start)?;
        let mut pos = start;
        progress(pos);
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match resp.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    file.flush().map_err(io_at(part))?;
                    return Err(Error::Http {
                        url: url.to_string(),
                        message: read_error(&e, self.opts.read_timeout, pos),
                    });
                }
            };
            let chunk = buf.get(..n).unwrap_or(&[]);
            if pos + n as u64 > expected {
                drop(file);
                truncate(part)?;
                return Err(Error::SizeMismatch {
                    id: id.to_string(),
                    expected,
                    found: pos + n as u64,
                });
            }
            file.write_all(chunk).map_err(io_at(part))?;
            pos += n as u64;
            progress(pos);
        }
        file.flush().map_err(io_at(part))?;
        if pos < expected {
            return Err(Error::SizeMismatch {
                id: id.to_string(),
                expected,
                found: pos,
            });
        }
        Ok(())
    }
}

#[cfg(feature = "http")]
fn read_error(e: &std::io::Error, timeout: Duration, pos: u64) -> String {
    let mut timed_out = e.kind() == std::io::ErrorKind::TimedOut;
    let mut src: Option<&(dyn std::error::Error + 'static)> = e.get_ref().map(|x| x as _);
    while let Some(s) = src {
        if let Some(r) = s.downcast_ref::<reqwest::Error>() {
            timed_out |= r.is_timeout();
        }
        src = s.source();
    }
    if timed_out {
        format!(
            "timed out after {pos} bytes (no data for {:.1}s)",
            timeout.as_secs_f64()
        )
    } else {
        format!("connection lost after {pos} bytes: {e}")
    }
}

fn truncate(part: &Path) -> Result<()> {
    match std::fs::remove_file(part) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(part, e)),
    }
}

fn open_part(part: &Path, start: u64) -> Result<File> {
    let mut f = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(part)
        .map_err(io_at(part))?;
    f.set_len(start).map_err(io_at(part))?;
    f.seek(SeekFrom::Start(start)).map_err(io_at(part))?;
    Ok(f)
}

fn copy_file(
    id: &str,
    src: &Path,
    part: &Path,
    expected: u64,
    progress: &dyn Fn(u64),
) -> Result<()> {
    let mut input = File::open(src).map_err(io_at(src))?;
    let mut out = open_part(part, 0)?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut pos = 0u64;
    loop {
        let n = input.read(&mut buf).map_err(io_at(src))?;
        if n == 0 {
            break;
        }
        pos += n as u64;
        if pos > expected {
            drop(out);
            truncate(part)?;
            return Err(Error::SizeMismatch {
                id: id.to_string(),
                expected,
                found: pos,
            });
        }
        out.write_all(buf.get(..n).unwrap_or(&[]))
            .map_err(io_at(part))?;
        progress(pos);
    }
    if pos != expected {
        drop(out);
        truncate(part)?;
        return Err(Error::SizeMismatch {
            id: id.to_string(),
            expected,
            found: pos,
        });
    }
    Ok(())
}
