//! Library tests of the downloader against a real HTTP server on 127.0.0.1,
//! with fault injection and hostile archives.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use nlkit_downloader::{Action, Downloader, Error, Index, Options, Status};
use support::{build_zip, one_package_index, serve_nltk, tree, Entry, Fault, Server};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fast() -> Options {
    Options {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(700),
        retries: 2,
        backoff: Duration::from_millis(10),
        jobs: 2,
        ..Default::default()
    }
}

/// Nothing but the lock file and (optionally) resumable `.part` files.
fn assert_nothing_installed(dir: &Path, allow_part: bool) {
    for p in tree(dir) {
        let ok = p == nlkit_downloader::LOCK_FILE
            || p == "corpora"
            || p == "tokenizers"
            || (allow_part && p.ends_with(".zip.part"));
        assert!(ok, "left behind: {p} (in {:?})", tree(dir));
    }
}

#[test]
fn installs_shared_packages_in_nltk_layout() {
    let Some(mirror) = support::nltk_server_dir(&repo_root()) else {
        return;
    };
    let server = serve_nltk(&mirror);
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&server.url("/index.xml"), data.path(), fast()).unwrap();
    let ids = ["stopwords", "punkt_tab", "brown", "universal_tagset"];
    for id in ids {
        assert_eq!(dl.status(id).unwrap(), Status::NotInstalled);
    }
    let done = dl.download(&ids).into_result().unwrap();
    assert!(
        done.iter().all(|(_, a)| *a == Action::Installed),
        "{done:?}"
    );
    let d = data.path();
    for f in [
        "corpora/stopwords.zip",
        "corpora/stopwords/english",
        "tokenizers/punkt_tab.zip",
        "tokenizers/punkt_tab/english/abbrev_types.txt",
        "corpora/brown.zip",
        "corpora/brown/ca01",
        "taggers/universal_tagset/en-ptb.map",
    ] {
        assert!(d.join(f).exists(), "missing {f}");
    }
    // Archives are byte-identical to the mirror's.
    assert_eq!(
        std::fs::read(d.join("corpora/brown.zip")).unwrap(),
        std::fs::read(mirror.join("packages/corpora/brown.zip")).unwrap()
    );
    for id in ids {
        assert_eq!(dl.status(id).unwrap(), Status::Installed, "{id}");
    }
    // No temporary folders or .part files left.
    assert!(!tree(d)
        .iter()
        .any(|p| p.contains(".nlkit-tmp") || p.contains(".nlkit-old") || p.ends_with(".part")));
    // A second run does nothing.
    let again = dl.download(&["brown"]).into_result().unwrap();
    assert_eq!(again[0].1, Action::UpToDate);
    // Status detects damage.
    std::fs::remove_file(d.join("corpora/brown/ca01")).unwrap();
    assert_eq!(dl.status("brown").unwrap(), Status::Corrupt);
    std::fs::remove_dir_all(d.join("corpora/stopwords")).unwrap();
    assert_eq!(dl.status("stopwords").unwrap(), Status::Partial);
    std::fs::write(d.join("tokenizers/punkt_tab.zip"), b"older").unwrap();
    assert_eq!(dl.status("punkt_tab").unwrap(), Status::OutOfDate);
    let updated = dl.update().into_result().unwrap();
    let mut ids: Vec<_> = updated.iter().map(|(i, _)| i.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["brown", "punkt_tab", "stopwords"]);
    for id in ["brown", "punkt_tab", "stopwords"] {
        assert_eq!(dl.status(id).unwrap(), Status::Installed, "{id}");
    }
}

#[test]
fn list_covers_every_package() {
    let Some(mirror) = support::nltk_server_dir(&repo_root()) else {
        return;
    };
    let server = serve_nltk(&mirror);
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&server.url("/index.xml"), data.path(), fast()).unwrap();
    let list = dl.list();
    assert_eq!(
        list.len(),
        dl.index().packages().len() + dl.index().collections().len()
    );
    let wn = list.iter().find(|e| e.id == "wordnet").unwrap();
    assert_eq!(wn.size, 10772475);
    assert_eq!(wn.status, Status::NotInstalled);
}

/// A server with one small valid package `tiny` (corpora) for fault tests.
fn tiny_server() -> (Server, Vec<u8>) {
    // Incompressible bytes, so the archive is about 400 kB.
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let body: Vec<u8> = (0..400_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8
        })
        .collect();
    let zip = build_zip(&[
        Entry::File("tiny/README", b"tiny corpus\n"),
        Entry::File("tiny/data.bin", &body),
    ]);
    let s = Server::start(None);
    let unzipped = 12 + body.len() as u64;
    s.put(
        "/index.xml",
        one_package_index("tiny", "corpora", &s.url("/tiny.zip"), &zip, unzipped).into_bytes(),
    );
    s.put("/tiny.zip", zip.clone());
    (s, zip)
}

#[test]
fn dropped_connection_resumes_with_range() {
    let (s, zip) = tiny_server();
    s.fault(
        "/tiny.zip",
        Fault::DropAfter {
            bytes: 50_000,
            times: 1,
        },
    );
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    dl.download(&["tiny"]).into_result().unwrap();
    assert_eq!(dl.status("tiny").unwrap(), Status::Installed);
    assert_eq!(
        std::fs::read(data.path().join("corpora/tiny.zip")).unwrap(),
        zip
    );
    let reqs: Vec<_> = s
        .requests()
        .into_iter()
        .filter(|(p, _)| p == "/tiny.zip")
        .collect();
    assert_eq!(reqs.len(), 2, "{reqs:?}");
    assert_eq!(reqs[1].1, Some(50_000), "second request resumes: {reqs:?}");
}

#[test]
fn interrupted_part_file_is_resumed_by_next_run() {
    let (s, zip) = tiny_server();
    // Drops on every attempt of the first run: the run fails, keeping the .part.
    s.fault(
        "/tiny.zip",
        Fault::DropAfter {
            bytes: 30_000,
            times: 3,
        },
    );
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    let err = dl.download(&["tiny"]).into_result().unwrap_err();
    assert!(
        matches!(err, Error::Package { .. } | Error::SizeMismatch { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("tiny"), "{err}");
    assert_nothing_installed(data.path(), true);
    assert_eq!(dl.status("tiny").unwrap(), Status::Partial);
    let part = std::fs::metadata(data.path().join("corpora/tiny.zip.part"))
        .unwrap()
        .len();
    assert_eq!(part, 90_000);
    dl.download(&["tiny"]).into_result().unwrap();
    assert_eq!(
        std::fs::read(data.path().join("corpora/tiny.zip")).unwrap(),
        zip
    );
    assert_eq!(s.requests().last().unwrap().1, Some(90_000));
}

#[test]
fn stale_part_file_from_another_version_is_replaced() {
    let (s, zip) = tiny_server();
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(data.path().join("corpora")).unwrap();
    std::fs::write(
        data.path().join("corpora/tiny.zip.part"),
        vec![0xAAu8; 1000],
    )
    .unwrap();
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    assert_eq!(dl.status("tiny").unwrap(), Status::Partial);
    dl.download(&["tiny"]).into_result().unwrap();
    assert_eq!(
        std::fs::read(data.path().join("corpora/tiny.zip")).unwrap(),
        zip
    );
    let reqs: Vec<_> = s
        .requests()
        .into_iter()
        .filter(|(p, _)| p == "/tiny.zip")
        .map(|(_, r)| r)
        .collect();
    assert_eq!(
        reqs,
        [Some(1000), None],
        "resumed, failed the md5, started over"
    );
}

#[test]
fn http_500_then_success() {
    let (s, _) = tiny_server();
    s.fault(
        "/tiny.zip",
        Fault::Status {
            code: 500,
            times: 2,
        },
    );
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    dl.download(&["tiny"]).into_result().unwrap();
    assert_eq!(dl.status("tiny").unwrap(), Status::Installed);
}

#[test]
fn persistent_500_fails_after_bounded_retries() {
    let (s, _) = tiny_server();
    s.fault(
        "/tiny.zip",
        Fault::Status {
            code: 503,
            times: 100,
        },
    );
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    let err = dl.download(&["tiny"]).into_result().unwrap_err();
    assert!(
        matches!(&err, Error::Package { id, source } if id == "tiny" && matches!(**source, Error::HttpStatus { status: 503, .. })),
        "{err}"
    );
    assert_eq!(
        s.requests()
            .iter()
            .filter(|(p, _)| p == "/tiny.zip")
            .count(),
        3
    );
    assert_nothing_installed(data.path(), false);
}

#[test]
fn not_found_is_not_retried() {
    let (s, _) = tiny_server();
    s.fault(
        "/tiny.zip",
        Fault::Status {
            code: 404,
            times: 100,
        },
    );
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    let err = dl.download(&["tiny"]).into_result().unwrap_err();
    assert!(err.to_string().contains("HTTP status 404"), "{err}");
    assert_eq!(
        s.requests()
            .iter()
            .filter(|(p, _)| p == "/tiny.zip")
            .count(),
        1
    );
}

#[test]
fn wrong_md5_installs_nothing() {
    let (s, zip) = tiny_server();
    let index = one_package_index("tiny", "corpora", &s.url("/tiny.zip"), &zip, 0)
        .replace(&support::md5_hex(&zip), "0123456789abcdef0123456789abcdef");
    s.put("/index.xml", index.into_bytes());
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    let err = dl.download(&["tiny"]).into_result().unwrap_err();
    assert!(
        matches!(
            err,
            Error::Checksum {
                algorithm: "md5",
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("nothing was installed"));
    assert_nothing_installed(data.path(), false);
}

#[test]
fn wrong_sha256_installs_nothing_and_right_one_passes() {
    let (s, zip) = tiny_server();
    let base = one_package_index("tiny", "corpora", &s.url("/tiny.zip"), &zip, 0);
    let bad = base.replace(
        "unzip=\"1\"",
        &format!("unzip=\"1\" sha256_checksum=\"{}\"", "ab".repeat(32)),
    );
    s.put("/index.xml", bad.into_bytes());
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    let err = dl.download(&["tiny"]).into_result().unwrap_err();
    assert!(
        matches!(
            err,
            Error::Checksum {
                algorithm: "sha256",
                ..
            }
        ),
        "{err}"
    );
    assert_nothing_installed(data.path(), false);
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(&zip)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let good = base.replace("unzip=\"1\"", &format!("unzip=\"1\" sha256=\"{sha}\""));
    s.put("/index.xml", good.into_bytes());
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    assert_eq!(
        dl.index().package("tiny").unwrap().sha256.as_deref(),
        Some(sha.as_str())
    );
    dl.download(&["tiny"]).into_result().unwrap();
}

#[test]
fn truncated_zip_installs_nothing() {
    let (s, zip) = tiny_server();
    // The index describes the truncated bytes, so only the zip reader can tell.
    let cut = zip[..zip.len() / 2].to_vec();
    s.put("/tiny.zip", cut.clone());
    s.put(
        "/index.xml",
        one_package_index("tiny", "corpora", &s.url("/tiny.zip"), &cut, 0).into_bytes(),
    );
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    let err = dl.download(&["tiny"]).into_result().unwrap_err();
    assert!(matches!(err, Error::BadZip { .. }), "{err}");
    assert_nothing_installed(data.path(), false);
}

#[test]
fn short_body_is_a_size_mismatch() {
    let (s, zip) = tiny_server();
    // Server's file is shorter than the index says (and stays so).
    s.put("/tiny.zip", zip[..1000].to_vec());
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    let err = dl.download(&["tiny"]).into_result().unwrap_err();
    assert!(err.to_string().contains("tiny"), "{err}");
    assert!(!data.path().join("corpora/tiny.zip").exists());
    assert!(!data.path().join("corpora/tiny").exists());
}

#[test]
fn stalled_server_times_out_quickly() {
    let (s, _) = tiny_server();
    s.fault(
        "/tiny.zip",
        Fault::Stall {
            bytes: 10_000,
            times: 100,
        },
    );
    let data = tempfile::tempdir().unwrap();
    let opts = Options {
        retries: 1,
        ..fast()
    };
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), opts).unwrap();
    let t = std::time::Instant::now();
    let err = dl.download(&["tiny"]).into_result().unwrap_err();
    assert!(
        t.elapsed() < Duration::from_secs(8),
        "took {:?}",
        t.elapsed()
    );
    assert!(err.to_string().contains("timed out"), "{err}");
    assert_nothing_installed(data.path(), true);
}

#[test]
fn unreachable_server_fails_cleanly() {
    // Bind then drop to get a closed port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let data = tempfile::tempdir().unwrap();
    let err = Downloader::from_url(
        &format!("http://127.0.0.1:{port}/index.xml"),
        data.path(),
        fast(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::Http { .. }), "{err}");
}

fn hostile(entries: &[Entry], unzipped: u64) -> (Error, tempfile::TempDir) {
    let zip = build_zip(entries);
    let s = Server::start(None);
    s.put("/evil.zip", zip.clone());
    s.put(
        "/index.xml",
        one_package_index("evil", "corpora", &s.url("/evil.zip"), &zip, unzipped).into_bytes(),
    );
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    let err = dl.download(&["evil"]).into_result().unwrap_err();
    assert_nothing_installed(data.path(), false);
    assert_eq!(dl.status("evil").unwrap(), Status::NotInstalled);
    (err, data)
}

#[test]
fn hostile_zip_path_traversal() {
    let (err, data) = hostile(
        &[
            Entry::File("evil/ok.txt", b"x"),
            Entry::File("evil/../../escaped.txt", b"pwned"),
        ],
        0,
    );
    assert!(
        matches!(
            err,
            Error::UnsafeZip {
                reason: "contains `..`",
                ..
            }
        ),
        "{err}"
    );
    assert!(!data.path().join("escaped.txt").exists());
    assert!(!data.path().parent().unwrap().join("escaped.txt").exists());
}

#[test]
fn hostile_zip_absolute_path() {
    let (err, _) = hostile(&[Entry::File("/tmp/nlkit-evil-absolute.txt", b"pwned")], 0);
    assert!(
        matches!(
            err,
            Error::UnsafeZip {
                reason: "is an absolute path",
                ..
            }
        ),
        "{err}"
    );
    assert!(!Path::new("/tmp/nlkit-evil-absolute.txt").exists());
}

#[test]
fn hostile_zip_other_package_folder() {
    let (err, _) = hostile(&[Entry::File("brown/ca01", b"overwritten")], 0);
    assert!(matches!(err, Error::UnsafeZip { .. }), "{err}");
    assert!(err.to_string().contains("outside the package folder"));
}

#[test]
fn hostile_zip_symlink() {
    let (err, _) = hostile(
        &[
            Entry::File("evil/a", b"x"),
            Entry::Symlink("evil/link", "/etc/passwd"),
        ],
        0,
    );
    assert!(
        matches!(
            err,
            Error::UnsafeZip {
                reason: "is a symbolic link",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn hostile_zip_bomb() {
    let zeros = vec![0u8; 3 * 1024 * 1024];
    let (err, _) = hostile(&[Entry::File("evil/zeros", &zeros)], 100);
    assert!(matches!(err, Error::ZipBomb { declared: 100, .. }), "{err}");
    assert!(err.to_string().contains("more than"));
}

#[test]
fn hostile_index_is_rejected() {
    let s = Server::start(None);
    let zip = build_zip(&[Entry::File("x/a", b"a")]);
    for (id, subdir) in [
        ("../evil", "corpora"),
        ("ok", "../../etc"),
        ("a/b", "corpora"),
        ("ok", "/abs"),
    ] {
        s.put(
            "/index.xml",
            one_package_index(id, subdir, &s.url("/x.zip"), &zip, 0).into_bytes(),
        );
        let data = tempfile::tempdir().unwrap();
        let err = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap_err();
        assert!(
            matches!(err, Error::UnsafeIndex { .. }),
            "{id} {subdir}: {err}"
        );
        assert!(err.to_string().contains("unsafe index entry"), "{err}");
        assert!(tree(data.path()).is_empty());
    }
    // A remote index may not point at local files.
    s.put(
        "/index.xml",
        one_package_index("ok", "corpora", "file:///etc/passwd", &zip, 0).into_bytes(),
    );
    let err = Index::load(&s.url("/index.xml"), &fast()).unwrap_err();
    assert!(
        matches!(err, Error::UnsafeIndex { what: "url", .. }),
        "{err}"
    );
}

#[test]
fn unknown_id_is_reported_and_others_still_install() {
    let (s, _) = tiny_server();
    let data = tempfile::tempdir().unwrap();
    let dl = Downloader::from_url(&s.url("/index.xml"), data.path(), fast()).unwrap();
    let report = dl.download(&["nope", "tiny"]);
    let errs: Vec<_> = report.failures().map(|e| e.to_string()).collect();
    assert_eq!(
        errs,
        ["unknown package or collection `nope` (see `nlkit download --list`)"]
    );
    assert_eq!(dl.status("tiny").unwrap(), Status::Installed);
}

#[test]
fn concurrent_runs_share_the_folder_safely() {
    let (s, zip) = tiny_server();
    let data = tempfile::tempdir().unwrap();
    let url = s.url("/index.xml");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            let dir = data.path().to_path_buf();
            std::thread::spawn(move || {
                let opts = Options {
                    force: true,
                    ..fast()
                };
                let dl = Downloader::from_url(&url, dir, opts).unwrap();
                dl.download(&["tiny"]).into_result().map(|_| ())
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    let dl = Downloader::from_url(&url, data.path(), fast()).unwrap();
    assert_eq!(dl.status("tiny").unwrap(), Status::Installed);
    assert_eq!(
        std::fs::read(data.path().join("corpora/tiny.zip")).unwrap(),
        zip
    );
    assert!(!tree(data.path())
        .iter()
        .any(|p| p.contains(".nlkit-") && !p.ends_with(".lock")));
}

#[test]
fn file_index_and_plain_path() {
    let dir = tempfile::tempdir().unwrap();
    let zip = build_zip(&[Entry::File("loc/a.txt", b"abc")]);
    std::fs::write(dir.path().join("loc.zip"), &zip).unwrap();
    std::fs::write(
        dir.path().join("index.xml"),
        one_package_index("loc", "misc", "loc.zip", &zip, 3),
    )
    .unwrap();
    for url in [
        dir.path().join("index.xml").display().to_string(),
        format!("file://{}/index.xml", dir.path().display()),
    ] {
        let data = tempfile::tempdir().unwrap();
        let dl = Downloader::from_url(&url, data.path(), fast()).unwrap();
        dl.download(&["loc"]).into_result().unwrap();
        assert_eq!(
            std::fs::read_to_string(data.path().join("misc/loc/a.txt")).unwrap(),
            "abc"
        );
        assert_eq!(dl.status("loc").unwrap(), Status::Installed);
    }
}
