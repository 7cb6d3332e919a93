//! A small HTTP/1.1 file server on 127.0.0.1 for the downloader tests, with
//! fault injection (dropped connections, error statuses, stalls) and
//! `Range` support. Used by `downloader/tests/` and the root crate's
//! `tests/download_*.rs` (through `#[path]`).
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Upstream prefix of the package urls in NLTK's index.
pub const UPSTREAM: &str = "https://raw.githubusercontent.com/nltk/nltk_data/gh-pages/";

/// A fault injected on one path; each counts down and then the path is served normally.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Send the headers (full length) and `bytes` of the body, then close.
    DropAfter { bytes: usize, times: u32 },
    /// Answer with this status and an empty body.
    Status { code: u16, times: u32 },
    /// Send the headers and `bytes` of the body, then go silent for a long time.
    Stall { bytes: usize, times: u32 },
}

#[derive(Default)]
struct State {
    root: Option<PathBuf>,
    files: Mutex<HashMap<String, Vec<u8>>>,
    faults: Mutex<HashMap<String, Fault>>,
    log: Mutex<Vec<(String, Option<u64>)>>,
}

/// A running server; it lives until the test process exits.
pub struct Server {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    state: Arc<State>,
}

impl Server {
    /// Starts a server serving files under `root` (if any) and those added with [`Server::put`].
    pub fn start(root: Option<PathBuf>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(State {
            root,
            ..Default::default()
        });
        let st = state.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let st = st.clone();
                std::thread::spawn(move || {
                    let _ = handle(conn, &st);
                });
            }
        });
        Server { base, state }
    }

    /// Serves `body` at `path` (e.g. `/index.xml`).
    pub fn put(&self, path: &str, body: Vec<u8>) {
        self.state
            .files
            .lock()
            .unwrap()
            .insert(path.to_string(), body);
    }

    /// Injects a fault on `path`.
    pub fn fault(&self, path: &str, f: Fault) {
        self.state
            .faults
            .lock()
            .unwrap()
            .insert(path.to_string(), f);
    }

    /// Requests seen so far: (path, range start).
    pub fn requests(&self) -> Vec<(String, Option<u64>)> {
        self.state.log.lock().unwrap().clone()
    }

    /// A full URL for `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

fn handle(mut conn: TcpStream, st: &State) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut range = None;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
        let lower = h.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("range:") {
            range = v
                .trim()
                .strip_prefix("bytes=")
                .and_then(|r| r.split('-').next())
                .and_then(|s| s.parse::<u64>().ok());
        }
    }
    st.log.lock().unwrap().push((path.clone(), range));

    let fault = {
        let mut faults = st.faults.lock().unwrap();
        let f = faults.get_mut(&path).and_then(|f| {
            let t = match f {
                Fault::DropAfter { times, .. }
                | Fault::Status { times, .. }
                | Fault::Stall { times, .. } => times,
            };
            if *t > 0 {
                *t -= 1;
                Some(f.clone())
            } else {
                None
            }
        });
        f
    };
    if let Some(Fault::Status { code, .. }) = fault {
        write!(
            conn,
            "HTTP/1.1 {code} Injected\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )?;
        return Ok(());
    }

    let body = match st.files.lock().unwrap().get(&path) {
        Some(b) => Some(b.clone()),
        None => st.root.as_ref().and_then(|r| {
            let rel = path.trim_start_matches('/');
            if rel.split('/').any(|s| s == "..") {
                return None;
            }
            std::fs::read(r.join(rel)).ok()
        }),
    };
    let Some(body) = body else {
        write!(
            conn,
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )?;
        return Ok(());
    };
    let len = body.len() as u64;
    let (status, start) = match range {
        Some(s) if s >= len => {
            write!(conn, "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{len}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")?;
            return Ok(());
        }
        Some(s) => (206, s),
        None => (200, 0),
    };
    let part = &body[start as usize..];
    let mut head = format!("HTTP/1.1 {status} OK\r\nContent-Length: {}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n", part.len());
    if status == 206 {
        head.push_str(&format!(
            "Content-Range: bytes {start}-{}/{len}\r\n",
            len - 1
        ));
    }
    head.push_str("\r\n");
    conn.write_all(head.as_bytes())?;
    match fault {
        Some(Fault::DropAfter { bytes, .. }) => {
            conn.write_all(&part[..bytes.min(part.len())])?;
            conn.flush()?;
            let _ = conn.shutdown(std::net::Shutdown::Both);
        }
        Some(Fault::Stall { bytes, .. }) => {
            conn.write_all(&part[..bytes.min(part.len())])?;
            conn.flush()?;
            std::thread::sleep(Duration::from_secs(30));
        }
        _ => conn.write_all(part)?,
    }
    Ok(())
}

fn in_ci() -> bool {
    std::env::var("CI").map(|v| v == "true").unwrap_or(false)
}

/// `shared/data/nltk_server` (from `$NLKIT_SHARED` or `<repo>/../shared/data`); None (skip)
/// when absent outside CI, panics under CI.
pub fn nltk_server_dir(repo_root: &Path) -> Option<PathBuf> {
    let shared = std::env::var_os("NLKIT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root.join("../shared/data"));
    let p = shared.join("nltk_server");
    if p.join("index.xml").is_file() {
        Some(p)
    } else if in_ci() {
        panic!("{} is required under CI but was not found", p.display());
    } else {
        eprintln!("SKIP: {} not found", p.display());
        None
    }
}

/// A server for the shared NLTK mirror, its index rewritten to point at itself.
pub fn serve_nltk(dir: &Path) -> Server {
    let s = Server::start(Some(dir.to_path_buf()));
    let xml = std::fs::read_to_string(dir.join("index.xml")).unwrap();
    s.put(
        "/index.xml",
        xml.replace(UPSTREAM, &format!("{}/", s.base)).into_bytes(),
    );
    s
}

/// MD5 hex of bytes.
pub fn md5_hex(b: &[u8]) -> String {
    nlkit_downloader::md5_hex(b)
}

/// A one-package index.
pub fn one_package_index(
    id: &str,
    subdir: &str,
    url: &str,
    zip: &[u8],
    unzipped_size: u64,
) -> String {
    format!(
        r#"<?xml version="1.0"?>
<nltk_data><packages>
<package id="{id}" name="Test {id}" subdir="{subdir}" unzip="1" size="{}" unzipped_size="{unzipped_size}" checksum="{}" url="{url}" />
</packages><collections></collections></nltk_data>"#,
        zip.len(),
        md5_hex(zip)
    )
}

/// Zip entries for a test archive.
pub enum Entry<'a> {
    File(&'a str, &'a [u8]),
    Symlink(&'a str, &'a str),
}

/// Builds a zip archive in memory from raw entry names (no sanitising).
pub fn build_zip(entries: &[Entry]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for e in entries {
        match e {
            Entry::File(name, data) => {
                w.start_file(*name, opts).unwrap();
                w.write_all(data).unwrap();
            }
            Entry::Symlink(name, target) => {
                w.add_symlink(*name, *target, opts).unwrap();
            }
        }
    }
    w.finish().unwrap().into_inner()
}

/// Every path under `dir`, relative, sorted (to check nothing was left behind).
pub fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            if std::fs::symlink_metadata(&p)
                .map(|m| m.is_dir())
                .unwrap_or(false)
            {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Drains a reader (keeps `Read` imported for helpers).
pub fn read_all(mut r: impl Read) -> Vec<u8> {
    let mut v = Vec::new();
    r.read_to_end(&mut v).unwrap();
    v
}
