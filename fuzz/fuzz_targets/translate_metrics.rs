//! MT metrics on arbitrary text: lines `ref|ref<TAB>hyp` become a corpus;
//! every metric and smoothing method returns a score or an error, no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::translate::{
    corpus_bleu, corpus_chrf, corpus_gleu, corpus_nist, corpus_ribes, Bleu, Chrf, Smoothing,
    SmoothingFunction,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut refs: Vec<Vec<Vec<&str>>> = Vec::new();
    let mut hyps: Vec<Vec<&str>> = Vec::new();
    for line in text.lines().take(64) {
        let (r, h) = line.split_once('\t').unwrap_or((line, ""));
        refs.push(r.split('|').map(|x| x.split_whitespace().collect()).collect());
        hyps.push(h.split_whitespace().collect());
    }
    let order = data.first().map_or(4, |b| (*b % 6) as usize);
    for m in 0..8 {
        let b = Bleu {
            weights: vec![vec![1.0 / order.max(1) as f64; order], vec![0.25; 4]],
            smoothing: SmoothingFunction {
                method: Smoothing::from_index(m).unwrap_or_default(),
                ..Default::default()
            },
            auto_reweigh: m % 2 == 0,
        };
        let _ = corpus_bleu(&refs, &hyps, &b);
    }
    let _ = corpus_gleu(&refs, &hyps, 1, order);
    let _ = corpus_nist(&refs, &hyps, order);
    let _ = corpus_ribes(&refs, &hyps, 0.25, 0.1);
    let r: Vec<String> = refs.iter().map(|r| r.first().map(|t| t.join(" ")).unwrap_or_default()).collect();
    let h: Vec<String> = hyps.iter().map(|t| t.join(" ")).collect();
    let _ = corpus_chrf(&r, &h, &Chrf { max_len: order, ..Default::default() });
});
