//! Trains the UD sentence splitter compiled into nlkit
//! (`corpora/ud/en_ewt_sentences.tsv`) on a UD treebank as raw text: each
//! `# newpar`/`# newdoc` block one paragraph, its sentences (rebuilt from the
//! forms and SpaceAfter=No) joined by one space. The threshold is tuned on
//! the dev file (sentence F1, spans as the CoNLL 2018 scorer compares them).
//!
//! Run: `cargo run --release --example train_ud_sentences -- \
//!   ../shared/data/ud/en_ewt/en_ewt-ud-train.conllu \
//!   ../shared/data/ud/en_ewt/en_ewt-ud-dev.conllu corpora/ud/en_ewt_sentences.tsv`

use nlkit::sentence::UdSentenceTokenizer;
use nlkit::Span;

/// Paragraphs of raw text with their sentences' byte spans.
fn paragraphs(path: &str) -> nlkit::Result<Vec<(String, Vec<Span>)>> {
    let text = std::fs::read_to_string(path).map_err(|e| nlkit::Error::io(path, e))?;
    let mut out: Vec<(String, Vec<Span>)> = Vec::new();
    let mut para = String::new();
    let mut spans = Vec::new();
    let mut sent = String::new();
    let mut mwt_end = 0usize;
    let flush_sent = |para: &mut String, spans: &mut Vec<Span>, sent: &mut String| {
        let s = sent.trim_end();
        if !s.is_empty() {
            if !para.is_empty() {
                para.push(' ');
            }
            let start = para.len();
            para.push_str(s);
            spans.push(Span::new(start, para.len()));
        }
        sent.clear();
    };
    for line in text.lines() {
        if line.starts_with("# newpar") || line.starts_with("# newdoc") {
            flush_sent(&mut para, &mut spans, &mut sent);
            if !para.is_empty() {
                out.push((std::mem::take(&mut para), std::mem::take(&mut spans)));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush_sent(&mut para, &mut spans, &mut sent);
            mwt_end = 0;
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains('.') {
            continue;
        }
        let space = !cols[9].split('|').any(|m| m == "SpaceAfter=No");
        if let Some((_, b)) = cols[0].split_once('-') {
            mwt_end = b.parse().unwrap_or(0);
        } else if cols[0].parse::<usize>().unwrap_or(0) <= mwt_end {
            continue;
        }
        sent.push_str(cols[1]);
        if space {
            sent.push(' ');
        }
    }
    flush_sent(&mut para, &mut spans, &mut sent);
    if !para.is_empty() {
        out.push((para, spans));
    }
    Ok(out)
}

fn main() -> nlkit::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [train, dev, out] = args
        .get(..3)
        .and_then(|a| <[String; 3]>::try_from(a.to_vec()).ok())
        .ok_or_else(|| {
            nlkit::Error::InvalidInput(
                "usage: train_ud_sentences TRAIN.conllu DEV.conllu OUT.tsv [EPOCHS]".into(),
            )
        })?;
    let epochs: usize = args.get(3).and_then(|e| e.parse().ok()).unwrap_or(8);
    let train = paragraphs(&train)?;
    let dev = paragraphs(&dev)?;
    let data: Vec<(String, Vec<usize>)> = train
        .iter()
        .map(|(t, s)| (t.clone(), s.iter().map(|s| s.end).collect()))
        .collect();
    let mut model = UdSentenceTokenizer::train(&data, epochs, 1, 2)?;
    let mut best = (f64::MIN, 0.0f32);
    for k in -24..=24 {
        let t = k as f32 * 0.125;
        let (mut correct, mut gold, mut sys) = (0usize, 0usize, 0usize);
        for (text, spans) in &dev {
            let pred = model.span_tokenize_with(text, t);
            gold += spans.len();
            sys += pred.len();
            correct += pred.iter().filter(|p| spans.contains(p)).count();
        }
        let f1 = 2.0 * correct as f64 / (gold + sys).max(1) as f64 * 100.0;
        if f1 > best.0 {
            best = (f1, t);
        }
    }
    model.set_threshold(best.1);
    eprintln!(
        "{} features; threshold {} (dev F1 {:.2})",
        model.n_features(),
        best.1,
        best.0
    );
    std::fs::write(&out, model.to_model_string()).map_err(|e| nlkit::Error::io(&out, e))?;
    Ok(())
}
