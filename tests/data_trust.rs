//! Data files another account could have written are refused, as NLTK
//! 3.10.4 refuses them (`nltk.data`: "NLTK will not read ..."): a planted
//! stopword list or model must not be loaded as trusted data.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;

fn planted(mode: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sw = dir.path().join("corpora/stopwords");
    std::fs::create_dir_all(&sw).unwrap();
    let f = sw.join("english");
    std::fs::write(&f, "the\nand\n").unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(mode)).unwrap();
    dir
}

#[test]
fn private_stopwords_are_read() {
    let dir = planted(0o644);
    let words = nlkit::stem::stopwords::words("english", Some(dir.path())).unwrap();
    assert_eq!(words, ["the", "and"]);
}

#[test]
fn world_or_group_writable_stopwords_are_refused() {
    for (mode, why) in [(0o666, "world-writable"), (0o664, "group-writable")] {
        let dir = planted(mode);
        let e = nlkit::stem::stopwords::words("english", Some(dir.path())).unwrap_err();
        assert!(matches!(e, nlkit::Error::UntrustedData { .. }), "{e}");
        let msg = e.to_string();
        assert!(msg.contains(why) && msg.contains("chmod go-w"), "{msg}");
    }
}

#[test]
fn a_world_writable_zip_resource_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let corpora = dir.path().join("corpora");
    std::fs::create_dir_all(&corpora).unwrap();
    let zip_path = corpora.join("stopwords.zip");
    {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        w.start_file(
            "stopwords/english",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        w.write_all(b"the\n").unwrap();
        w.finish().unwrap();
    }
    std::fs::set_permissions(&zip_path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(nlkit::stem::stopwords::words("english", Some(dir.path())).is_ok());
    std::fs::set_permissions(&zip_path, std::fs::Permissions::from_mode(0o646)).unwrap();
    let e = nlkit::stem::stopwords::words("english", Some(dir.path())).unwrap_err();
    assert!(e.to_string().contains("world-writable"), "{e}");
}

#[test]
fn the_cli_refuses_with_one_line_and_trusts_on_request() {
    let dir = planted(0o666);
    let bin = env!("CARGO_BIN_EXE_nlkit");
    let run = |trust: bool| {
        let mut c = std::process::Command::new(bin);
        c.args(["corpus", "stopwords", "words", "--data"])
            .arg(dir.path())
            .env_remove("NLKIT_TRUST_DATA");
        if trust {
            c.env("NLKIT_TRUST_DATA", "1");
        }
        c.output().unwrap()
    };
    let out = run(false);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("nlkit: ") && err.contains("world-writable"),
        "{err}"
    );
    let out = run(true);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
