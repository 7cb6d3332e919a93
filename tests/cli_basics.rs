//! CLI behaviour shared by all subcommands: usage errors, bad input, pipes.
mod common;
use common::run_nlkit;

#[test]
fn unknown_subcommand_is_usage_error() {
    let (code, _, err) = run_nlkit(&["no-such-command"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("no-such-command"));
}

#[test]
fn pipeline_reports_invalid_utf8_with_offset() {
    let (code, _, err) = run_nlkit(&["pipeline"], b"Fine text.\nBad \xff byte.\n");
    assert_eq!(code, 1);
    assert!(err.starts_with("nlkit: "), "{err}");
    assert!(err.contains("byte offset 15"), "{err}");
}

#[test]
fn pipeline_lossy_accepts_invalid_utf8() {
    let (code, out, err) = run_nlkit(&["pipeline", "--lossy"], b"Bad \xff byte.\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains('\u{fffd}'));
}

#[test]
fn pipeline_empty_input_gives_no_output() {
    let (code, out, _) = run_nlkit(&["pipeline"], b"");
    assert_eq!(code, 0);
    assert!(out.is_empty());
}

#[test]
fn pipeline_missing_file_is_clear_error() {
    let (code, _, err) = run_nlkit(&["pipeline", "/nonexistent/file.txt"], b"");
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent/file.txt"), "{err}");
}

#[test]
fn pipeline_spans_index_the_input_and_jobs_keep_order() {
    let mut text = String::new();
    for i in 0..300 {
        text.push_str(&format!(
            "Paragraph {i} has words. And a second sentence here.\n\n"
        ));
    }
    let (c1, out1, _) = run_nlkit(&["pipeline"], text.as_bytes());
    let (c2, out2, _) = run_nlkit(&["pipeline", "--jobs", "2"], text.as_bytes());
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(out1, out2);
    for line in out1.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let toks = v["tokens"].as_array().unwrap();
        let spans = v["spans"].as_array().unwrap();
        assert_eq!(toks.len(), spans.len());
        for (t, s) in toks.iter().zip(spans) {
            let (a, b) = (
                s[0].as_u64().unwrap() as usize,
                s[1].as_u64().unwrap() as usize,
            );
            let t = t.as_str().unwrap();
            // Tokens NLTK rewrites (quotes) are the only ones that may differ from the text.
            if !matches!(t, "``" | "''") {
                assert_eq!(&text[a..b], t);
            }
        }
    }
}

#[test]
fn closed_pipe_exits_quietly() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut text = String::new();
    for i in 0..20000 {
        text.push_str(&format!("Sentence number {i} is here.\n\n"));
    }
    let mut child = Command::new(common::nlkit_bin())
        .arg("pipeline")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut sin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = sin.write_all(text.as_bytes());
    });
    // Read one line, then close our end of the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    let _ = std::io::Read::read(&mut stdout, &mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn pipeline_tags_every_token_on_the_bundled_sample() {
    let sample = common::root().join("corpora/samples/inaugural-2009.txt");
    let (code, out, err) = run_nlkit(&["pipeline", sample.to_str().unwrap()], b"");
    assert_eq!(code, 0, "{err}");
    let mut n = 0;
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let len = v["tokens"].as_array().unwrap().len();
        assert_eq!(v["tags"].as_array().unwrap().len(), len);
        assert_eq!(v["upos"].as_array().unwrap().len(), len);
        assert!(v.get("lemmas").is_none());
        n += 1;
    }
    assert!(n > 100, "only {n} sentences");
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["text"], "My fellow citizens:");
    assert_eq!(
        first["tokens"],
        serde_json::json!(["My", "fellow", "citizens", ":"])
    );
}

#[test]
fn pipeline_conllu_has_one_block_per_sentence() {
    let (code, out, _) = run_nlkit(
        &["pipeline", "--format", "conllu"],
        b"The cat sat. It slept.\n",
    );
    assert_eq!(code, 0);
    assert_eq!(out.matches("# sent_id").count(), 2);
    let tok_lines: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert_eq!(tok_lines.len(), 7); // The cat sat . | It slept .
    for l in tok_lines {
        assert_eq!(l.split('\t').count(), 10, "{l}");
    }
}

#[test]
fn pipeline_lemmas_with_wordnet() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let data = data.to_str().unwrap().to_string();
    let (code, out, err) = run_nlkit(
        &["pipeline", "--lemmas", "--wordnet", &data],
        b"The children were running to the churches. Paris is better.\n",
    );
    assert_eq!(code, 0, "{err}");
    let recs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 2);
    let lemmas = recs[0]["lemmas"].as_array().unwrap();
    assert_eq!(lemmas.len(), recs[0]["tokens"].as_array().unwrap().len());
    assert_eq!(lemmas[1], "child");
    assert_eq!(lemmas[2], "be");
    assert_eq!(lemmas[3], "run");
    assert_eq!(lemmas[6], "church");
    assert_eq!(recs[1]["lemmas"][0], "Paris");
}

#[test]
fn pipeline_lemmas_without_wordnet_is_clear_error() {
    let (code, out, err) = run_nlkit(
        &["pipeline", "--lemmas", "--wordnet", "/nonexistent/wn"],
        b"Hi.\n",
    );
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("nlkit download wordnet"), "{err}");
}
