//! Helpers shared by the integration tests: locating `../shared/data`, the
//! NLTK oracle (Python venv + data folder), and loading parity cases.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn in_ci() -> bool {
    std::env::var("CI").map(|v| v == "true").unwrap_or(false)
}

/// Skips the calling test (returns None) when a required resource is absent,
/// except under CI (`CI=true`), where absence is a failure.
pub fn require(what: &str, p: Option<PathBuf>) -> Option<PathBuf> {
    match p {
        Some(p) if p.exists() => Some(p),
        _ => {
            if in_ci() {
                panic!("{what} is required under CI but was not found");
            }
            eprintln!("SKIP: {what} not found (run scripts/setup-env.sh; see README)");
            None
        }
    }
}

/// `../shared/data` (or `$NLKIT_SHARED`).
pub fn shared_data() -> Option<PathBuf> {
    let p = std::env::var_os("NLKIT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/data"));
    require("../shared/data", Some(p))
}

/// The Python interpreter with nltk==3.10.4 (`$NLKIT_PYTHON` or `.venv`).
pub fn nltk_python() -> Option<PathBuf> {
    let p = std::env::var_os("NLKIT_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".venv/bin/python"));
    require("Python venv with nltk (.venv)", Some(p))
}

/// The unpacked NLTK data folder (`$NLKIT_NLTK_DATA` or `.nltk_data`).
pub fn nltk_data() -> Option<PathBuf> {
    let p = std::env::var_os("NLKIT_NLTK_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".nltk_data"));
    require("NLTK data folder (.nltk_data)", Some(p))
}

/// Runs a Python snippet with NLTK, feeding `stdin`, returning stdout.
/// Returns None (skip) when the oracle is not installed outside CI.
pub fn run_nltk(script: &str, stdin: &str) -> Option<String> {
    use std::io::Write;
    let py = nltk_python()?;
    let data = nltk_data()?;
    let mut child = Command::new(py)
        .arg("-c")
        .arg(script)
        .env("NLTK_DATA", data)
        .env("PYTHONIOENCODING", "utf-8")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start python");
    let mut sin = child.stdin.take().unwrap();
    let input = stdin.to_string();
    let writer = std::thread::spawn(move || {
        sin.write_all(input.as_bytes()).unwrap();
    });
    let out = child.wait_with_output().expect("python output");
    writer.join().unwrap();
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).expect("utf-8 from python"))
}

/// Reads every parity case of a component: `tests/parity/<component>/*.jsonl`,
/// one JSON object per line. Returns (file name, line number, value).
pub fn parity_cases(component: &str) -> Vec<(String, usize, serde_json::Value)> {
    let dir = root().join("tests/parity").join(component);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        for (i, line) in std::fs::read_to_string(&f).unwrap().lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}:{}: {e}", i + 1));
            out.push((name.clone(), i + 1, v));
        }
    }
    assert!(!out.is_empty(), "no parity cases in {}", dir.display());
    out
}

/// Path of the `nlkit` binary built for tests.
pub fn nlkit_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_nlkit"))
}

/// Runs `nlkit` with args and stdin; returns (exit code, stdout, stderr).
pub fn run_nlkit(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    run_nlkit_in(None, args, stdin)
}

/// As [`run_nlkit`], in directory `dir`.
pub fn run_nlkit_in(dir: Option<&Path>, args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    use std::io::Write;
    let mut cmd = Command::new(nlkit_bin());
    cmd.args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().expect("start nlkit");
    let mut sin = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = sin.write_all(&input);
    });
    let out = child.wait_with_output().expect("nlkit output");
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes `content` to `dir/rel`, creating folders.
pub fn write(dir: &Path, rel: &str, content: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
}

/// Runs `nlkit corpus ARGS --data DIR`, expecting success; returns stdout.
pub fn corpus_ok(dir: &Path, args: &[&str]) -> String {
    let mut a = vec!["corpus"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--data", dir.to_str().unwrap()]);
    let (code, out, err) = run_nlkit(&a, b"");
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// Runs `nlkit corpus ARGS --data DIR`, expecting one `nlkit: ` error line; returns stderr.
pub fn corpus_err(dir: &Path, args: &[&str]) -> String {
    let mut a = vec!["corpus"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--data", dir.to_str().unwrap()]);
    let (code, out, err) = run_nlkit(&a, b"");
    assert_eq!(code, 1, "{args:?}: stdout {out} stderr {err}");
    assert!(err.starts_with("nlkit: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

/// NLTK's classify.doctest toy data: its ten training feature sets with
/// labels and its four test feature sets (used by the naive Bayes, maxent and
/// decision-tree doctest replays).
pub fn classify_doctest_data() -> (
    Vec<(nlkit::classify::FeatureSet, String)>,
    Vec<nlkit::classify::FeatureSet>,
) {
    let fs = |j: &str| -> nlkit::classify::FeatureSet { serde_json::from_str(j).unwrap() };
    let train = [
        (r#"{"a": 1, "b": 1, "c": 1}"#, "y"),
        (r#"{"a": 1, "b": 1, "c": 1}"#, "x"),
        (r#"{"a": 1, "b": 1, "c": 0}"#, "y"),
        (r#"{"a": 0, "b": 1, "c": 1}"#, "x"),
        (r#"{"a": 0, "b": 1, "c": 1}"#, "y"),
        (r#"{"a": 0, "b": 0, "c": 1}"#, "y"),
        (r#"{"a": 0, "b": 1, "c": 0}"#, "x"),
        (r#"{"a": 0, "b": 0, "c": 0}"#, "x"),
        (r#"{"a": 0, "b": 1, "c": 1}"#, "y"),
        (r#"{"a": null, "b": 1, "c": 0}"#, "x"),
    ]
    .iter()
    .map(|(j, l)| (fs(j), l.to_string()))
    .collect();
    let test = [
        r#"{"a": 1, "b": 0, "c": 1}"#,
        r#"{"a": 1, "b": 0, "c": 0}"#,
        r#"{"a": 0, "b": 1, "c": 1}"#,
        r#"{"a": 0, "b": 1, "c": 0}"#,
    ]
    .iter()
    .map(|j| fs(j))
    .collect();
    (train, test)
}

/// The all-MiniLM-L6-v2 encoder folder (`$NLKIT_ENCODER`, else `.encoder`,
/// which scripts/setup-env.sh links); `None` (a skip, a failure under CI)
/// without its weights.
pub fn encoder_dir() -> Option<PathBuf> {
    let p = std::env::var_os("NLKIT_ENCODER")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".encoder"));
    require(
        "the all-MiniLM-L6-v2 encoder (.encoder)",
        Some(p).filter(|p| p.join("model.safetensors").exists()),
    )
}
