//! `nlkit download` end to end: a real HTTP server on 127.0.0.1 serving the
//! shared NLTK mirror (and fault-injecting variants), real NLTK reading what
//! nlkit installed, exit codes and messages.

mod common;
#[path = "../downloader/tests/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Command;

use support::{build_zip, one_package_index, serve_nltk, tree, Entry, Fault, Server};

const FAST: [&str; 4] = ["--retries", "2", "--backoff-ms", "10"];

fn nlkit(args: &[&str]) -> (i32, String, String) {
    common::run_nlkit(args, b"")
}

fn download(index: &str, dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let d = dir.display().to_string();
    let mut args = vec!["download", "--index-url", index, "--dir", d.as_str()];
    args.extend_from_slice(&FAST);
    args.extend_from_slice(extra);
    nlkit(&args)
}

/// One `nlkit: ` line per failure, nothing else on stderr.
fn assert_errors(stderr: &str, n: usize) {
    let lines: Vec<_> = stderr.lines().collect();
    assert_eq!(lines.len(), n, "stderr: {stderr}");
    assert!(
        lines.iter().all(|l| l.starts_with("nlkit: ")),
        "stderr: {stderr}"
    );
}

fn assert_clean(dir: &Path) {
    for p in tree(dir) {
        assert!(
            p == nlkit_downloader::LOCK_FILE || p == "corpora",
            "left behind: {p} (in {:?})",
            tree(dir)
        );
    }
}

#[test]
fn installs_lists_and_reports_status() {
    let Some(shared) = common::shared_data() else {
        return;
    };
    let server = serve_nltk(&shared.join("nltk_server"));
    let index = server.url("/index.xml");
    let data = tempfile::tempdir().unwrap();

    let (code, out, err) = download(&index, data.path(), &["--list"]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    let packages = std::fs::read_to_string(shared.join("nltk_server/index.xml"))
        .unwrap()
        .matches("<package ")
        .count();
    assert_eq!(rows.len(), packages);
    assert!(
        rows.iter().all(|r| r.len() == 4 && r[3] == "not installed"),
        "{out}"
    );
    assert!(rows.contains(&vec!["brown", "Brown Corpus", "3314357", "not installed"]));

    let (code, out, err) = download(
        &index,
        data.path(),
        &["stopwords", "punkt_tab", "brown", "--jobs", "3"],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out.lines().filter(|l| l.starts_with("installed ")).count(),
        3,
        "{out}"
    );
    for f in [
        "corpora/brown.zip",
        "corpora/brown/cats.txt",
        "corpora/stopwords/english",
        "tokenizers/punkt_tab/english/collocations.tab",
    ] {
        assert!(data.path().join(f).is_file(), "{f}");
    }

    let (code, out, _) = download(&index, data.path(), &["--status", "brown", "wordnet"]);
    assert_eq!(code, 0);
    assert_eq!(out, "brown\tinstalled\nwordnet\tnot installed\n");

    // Again: nothing to do; --quiet prints nothing.
    let (code, out, err) = download(&index, data.path(), &["brown", "--quiet"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));

    // Damage, then --update repairs.
    std::fs::remove_file(data.path().join("corpora/stopwords/english")).unwrap();
    let (_, out, _) = download(&index, data.path(), &["--status", "stopwords"]);
    assert_eq!(out, "stopwords\tcorrupt\n");
    let (code, out, err) = download(&index, data.path(), &["--update"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(data.path().join("corpora/stopwords/english").is_file());
}

/// What nlkit installs, real NLTK reads, and NLTK's own downloader calls installed.
#[test]
fn nltk_reads_what_nlkit_installed() {
    let Some(shared) = common::shared_data() else {
        return;
    };
    let Some(python) = common::nltk_python() else {
        return;
    };
    let mirror = shared.join("nltk_server");
    let server = serve_nltk(&mirror);
    let data = tempfile::tempdir().unwrap();
    let (code, _, err) = download(
        &server.url("/index.xml"),
        data.path(),
        &["brown", "stopwords", "punkt_tab", "--jobs", "2"],
    );
    assert_eq!(code, 0, "{err}");

    let script = r#"
import nltk
print(len(nltk.corpus.brown.words()))
print(nltk.corpus.brown.categories())
print(len(nltk.corpus.stopwords.words('english')))
print(nltk.sent_tokenize("Mr. Smith went to Washington. He arrived at 5 p.m. on Jan. 3. It rained."))
"#;
    let run = |nltk_data: &Path| {
        let out = Command::new(&python)
            .arg("-c")
            .arg(script)
            .env("NLTK_DATA", nltk_data)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let ours = run(data.path());
    assert!(
        ours.lines().next().unwrap().parse::<usize>().unwrap() > 1_000_000,
        "{ours}"
    );
    // The oracle: the same script on NLTK's own data folder.
    if let Some(reference) = common::nltk_data() {
        assert_eq!(ours, run(&reference));
    }

    // NLTK's downloader, given the same index (as file:// URLs), agrees on the status.
    let idx = tempfile::tempdir().unwrap();
    let xml = std::fs::read_to_string(mirror.join("index.xml"))
        .unwrap()
        .replace(support::UPSTREAM, &format!("file://{}/", mirror.display()));
    std::fs::write(idx.path().join("index.xml"), xml).unwrap();
    let status_script = format!(
        "import nltk, warnings\nwarnings.simplefilter('ignore')\nnltk.data.path.append({:?})\nd = nltk.downloader.Downloader(server_index_url='file://{}/index.xml')\nfor i in ['brown','stopwords','punkt_tab','wordnet']: print(i, d.status(i, download_dir={:?}))",
        idx.path().display().to_string(),
        idx.path().display(),
        data.path().display().to_string()
    );
    let out = Command::new(&python)
        .arg("-c")
        .arg(&status_script)
        .env("NLTK_DATA", data.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "brown installed\nstopwords installed\npunkt_tab installed\nwordnet not installed\n"
    );
}

fn tiny(s: &Server) -> Vec<u8> {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let body: Vec<u8> = (0..300_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let zip = build_zip(&[Entry::File("tiny/data.bin", &body)]);
    s.put("/tiny.zip", zip.clone());
    s.put(
        "/index.xml",
        one_package_index(
            "tiny",
            "corpora",
            &s.url("/tiny.zip"),
            &zip,
            body.len() as u64,
        )
        .into_bytes(),
    );
    zip
}

#[test]
fn recovers_from_dropped_connection_and_500() {
    let s = Server::start(None);
    let zip = tiny(&s);
    s.fault(
        "/tiny.zip",
        Fault::Status {
            code: 500,
            times: 1,
        },
    );
    let data = tempfile::tempdir().unwrap();
    let (code, _, err) = download(&s.url("/index.xml"), data.path(), &["tiny"]);
    assert_eq!((code, err.as_str()), (0, ""));
    s.fault(
        "/tiny.zip",
        Fault::DropAfter {
            bytes: 100_000,
            times: 1,
        },
    );
    let (code, _, err) = download(&s.url("/index.xml"), data.path(), &["tiny", "--force"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        std::fs::read(data.path().join("corpora/tiny.zip")).unwrap(),
        zip
    );
    assert!(
        s.requests().iter().any(|(_, r)| *r == Some(100_000)),
        "{:?}",
        s.requests()
    );
}

#[test]
fn failures_give_one_message_each_and_exit_1() {
    let s = Server::start(None);
    let zip = tiny(&s);
    let data = tempfile::tempdir().unwrap();

    // Wrong md5.
    let bad = one_package_index("tiny", "corpora", &s.url("/tiny.zip"), &zip, 0)
        .replace(&support::md5_hex(&zip), &"0".repeat(32));
    s.put("/bad.xml", bad.into_bytes());
    let (code, out, err) = download(&s.url("/bad.xml"), data.path(), &["tiny"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_errors(&err, 1);
    assert!(
        err.contains("tiny: md5 checksum mismatch") && err.contains("nothing was installed"),
        "{err}"
    );
    assert_clean(data.path());

    // Unknown id plus a good one: one message, exit 1, the good one installed.
    let (code, _, err) = download(&s.url("/index.xml"), data.path(), &["nope", "tiny"]);
    assert_eq!(code, 1);
    assert_errors(&err, 1);
    assert!(
        err.contains("unknown package or collection `nope`"),
        "{err}"
    );
    assert!(data.path().join("corpora/tiny/data.bin").is_file());

    // Two failures, two messages.
    let (code, _, err) = download(&s.url("/index.xml"), data.path(), &["nope", "nada"]);
    assert_eq!(code, 1);
    assert_errors(&err, 2);
}

#[test]
fn stalled_server_times_out() {
    let s = Server::start(None);
    tiny(&s);
    s.fault(
        "/tiny.zip",
        Fault::Stall {
            bytes: 5_000,
            times: 100,
        },
    );
    let data = tempfile::tempdir().unwrap();
    let t = std::time::Instant::now();
    let d = data.path().display().to_string();
    let index = s.url("/index.xml");
    let (code, _, err) = nlkit(&[
        "download",
        "tiny",
        "--index-url",
        &index,
        "--dir",
        &d,
        "--timeout",
        "0.5",
        "--retries",
        "1",
        "--backoff-ms",
        "10",
    ]);
    assert_eq!(code, 1);
    assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
    assert_errors(&err, 1);
    assert!(err.contains("tiny: ") && err.contains("timed out"), "{err}");
    assert!(
        !data.path().join("corpora/tiny").exists()
            && !data.path().join("corpora/tiny.zip").exists()
    );
}

#[test]
fn hostile_inputs_are_refused() {
    let s = Server::start(None);
    let data = tempfile::tempdir().unwrap();
    // Index with an escaping id.
    let zip = build_zip(&[Entry::File("x/a", b"a")]);
    s.put(
        "/evil-index.xml",
        one_package_index("../../evil", "corpora", &s.url("/x.zip"), &zip, 0).into_bytes(),
    );
    let (code, _, err) = download(&s.url("/evil-index.xml"), data.path(), &["../../evil"]);
    assert_eq!(code, 1);
    assert_errors(&err, 1);
    assert!(err.contains("unsafe index entry: id `../../evil`"), "{err}");
    assert!(tree(data.path()).is_empty());

    // Archive with traversal, symlink, bomb.
    let cases: Vec<(Vec<u8>, u64, &str)> = vec![
        (
            build_zip(&[Entry::File("evil/../../x", b"x")]),
            0,
            "contains `..`",
        ),
        (
            build_zip(&[Entry::File("/etc/evil", b"x")]),
            0,
            "is an absolute path",
        ),
        (
            build_zip(&[Entry::Symlink("evil/l", "/etc/passwd")]),
            0,
            "is a symbolic link",
        ),
        (
            build_zip(&[Entry::File("evil/zeros", &vec![0u8; 2 << 20])]),
            10,
            "unpacks to more than",
        ),
    ];
    for (zip, unzipped, msg) in cases {
        s.put("/evil.zip", zip.clone());
        s.put(
            "/index.xml",
            one_package_index("evil", "corpora", &s.url("/evil.zip"), &zip, unzipped).into_bytes(),
        );
        let (code, _, err) = download(&s.url("/index.xml"), data.path(), &["evil"]);
        assert_eq!(code, 1, "{msg}");
        assert_errors(&err, 1);
        assert!(err.contains(msg), "{msg}: {err}");
        assert_clean(data.path());
    }
}

#[test]
fn bad_arguments() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path().display().to_string();
    let (code, _, err) = nlkit(&["download", "--dir", &d]);
    assert_eq!(code, 1);
    assert!(err.starts_with("nlkit: nothing to do"), "{err}");
    let missing = data.path().join("no-such-index.xml").display().to_string();
    let (code, _, err) = nlkit(&["download", "x", "--dir", &d, "--index-url", &missing]);
    assert_eq!(code, 1);
    assert_errors(&err, 1);
    assert!(err.contains("no-such-index.xml"), "{err}");
    let (code, _, err) = nlkit(&[
        "download",
        "x",
        "--dir",
        &d,
        "--index-url",
        "ftp://example.org/index.xml",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("unsupported URL"), "{err}");
    let (code, _, err) = nlkit(&["download", "x", "--dir", &d, "--jobs", "0"]);
    assert_eq!(code, 1);
    assert_errors(&err, 1);
}

/// Two `nlkit download` processes installing into one folder at once.
#[test]
fn concurrent_processes_stay_consistent() {
    let Some(shared) = common::shared_data() else {
        return;
    };
    let server = serve_nltk(&shared.join("nltk_server"));
    let index = server.url("/index.xml");
    let data = tempfile::tempdir().unwrap();
    let d = data.path().display().to_string();
    let spawn = || {
        Command::new(common::nlkit_bin())
            .args([
                "download",
                "--index-url",
                &index,
                "--dir",
                &d,
                "--force",
                "--quiet",
                "--jobs",
                "2",
            ])
            .args(["brown", "stopwords", "names", "punkt_tab"])
            .output()
            .unwrap()
    };
    let (a, b) = std::thread::scope(|sc| {
        let a = sc.spawn(spawn);
        let b = sc.spawn(spawn);
        (a.join().unwrap(), b.join().unwrap())
    });
    for o in [a, b] {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let (_, out, _) = download(
        &index,
        data.path(),
        &["--status", "brown", "stopwords", "names", "punkt_tab"],
    );
    assert_eq!(
        out.lines().filter(|l| l.ends_with("\tinstalled")).count(),
        4,
        "{out}"
    );
    assert!(!tree(data.path())
        .iter()
        .any(|p| p.contains(".nlkit-tmp") || p.contains(".nlkit-old") || p.ends_with(".part")));
}

/// Offline install straight from the shared mirror folder (`--mirror`), no server.
#[test]
fn mirror_folder_installs_offline() {
    let Some(shared) = common::shared_data() else {
        return;
    };
    let mirror = shared.join("nltk_server");
    let index = mirror.join("index.xml").display().to_string();
    let m = mirror.display().to_string();
    let data = tempfile::tempdir().unwrap();
    let (code, out, err) = download(
        &index,
        data.path(),
        &["--mirror", &m, "stopwords", "universal_tagset"],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(data.path().join("corpora/stopwords/english").is_file());
    assert!(data
        .path()
        .join("taggers/universal_tagset/en-ptb.map")
        .is_file());
    // The status check needs no mirror: it reads the index and the folder.
    let (_, out, _) = download(&index, data.path(), &["--status", "stopwords"]);
    assert_eq!(out, "stopwords\tinstalled\n");
}
