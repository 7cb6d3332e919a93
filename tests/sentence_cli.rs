//! `nlkit sentences` output formats and units.
mod common;
use common::run_nlkit;

const TEXT: &[u8] = b"Mr. Smith left. He came\nback (late.) Dr. Who?\n\nNew paragraph! Yes.\n";

#[test]
fn paragraph_text_prints_one_sentence_per_line() {
    let (code, out, err) = run_nlkit(&["sentences"], TEXT);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.contains(&"He came back (late.)"), "{out}");
    assert_eq!(lines.first(), Some(&"Mr. Smith left."));
    assert_eq!(lines.last(), Some(&"Yes."));
}

#[test]
fn paragraph_jsonl_and_spans_index_the_paragraph() {
    let (_, out, _) = run_nlkit(&["sentences", "--format", "jsonl"], TEXT);
    let (_, spans, _) = run_nlkit(&["sentences", "--format", "jsonl", "--spans"], TEXT);
    let paras = [
        "Mr. Smith left. He came\nback (late.) Dr. Who?",
        "New paragraph! Yes.",
    ];
    let sents: Vec<Vec<String>> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let spans: Vec<Vec<[usize; 2]>> = spans
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(sents.len(), 2);
    for ((para, ss), sp) in paras.iter().zip(&sents).zip(&spans) {
        let via: Vec<&str> = sp.iter().map(|[a, b]| &para[*a..*b]).collect();
        assert_eq!(&via, ss);
    }
    let (_, text_spans, _) = run_nlkit(&["sentences", "--spans"], TEXT);
    assert!(
        text_spans.starts_with("0\t15\tMr. Smith left.\n"),
        "{text_spans}"
    );
}

#[test]
fn line_unit_gives_one_output_line_per_input_line() {
    let (code, out, _) = run_nlkit(&["sentences", "--unit", "line"], TEXT);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 4);
    assert_eq!(out.lines().next(), Some("Mr. Smith left.\tHe came"));
    let (_, out, _) = run_nlkit(&["sentences", "--unit", "line", "--spans"], TEXT);
    assert_eq!(out.lines().next(), Some("0:15\t16:23"));
}

#[test]
fn jobs_keep_order_and_punkt_dir_is_used() {
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!(
            "Para {i} is here. Dr. Who came at 5 p.m. to see it.\n\n"
        ));
    }
    let (_, one, _) = run_nlkit(&["sentences"], text.as_bytes());
    let (_, two, _) = run_nlkit(&["sentences", "--jobs", "2"], text.as_bytes());
    assert_eq!(one, two);
    let Some(data) = common::nltk_data() else {
        return;
    };
    let dir = data.join("tokenizers/punkt_tab/english");
    let (code, out, err) = run_nlkit(&["sentences", "--punkt", dir.to_str().unwrap()], TEXT);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Mr. Smith left."));
}
