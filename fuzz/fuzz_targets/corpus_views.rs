//! Corpus files from arbitrary bytes through the views `nlkit.corpus` adds
//! (`raw`, `paras`, `tagged_paras`, `iob_sents`, `chunked_sents`): a brown-
//! shaped and a conll2000-shaped corpus holding the input, each view a
//! result or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::corpus::{open_corpus, Corpus};

fn drain<T>(it: nlkit::corpus::Items<'_, T>) {
    for x in it {
        if x.is_err() {
            break;
        }
    }
}

fn views(c: &Corpus) {
    let _ = c.raw(None);
    drain(c.paras(None));
    drain(c.tagged_sents(None));
    drain(c.tagged_paras(None));
    drain(c.iob_sents(None));
    drain(c.chunked_sents(None, None));
    drain(c.chunked_sents(None, Some(vec!["NP".into()])));
}

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let root = dir.path().join("corpora");
    let ok = std::fs::create_dir_all(root.join("brown")).is_ok()
        && std::fs::create_dir_all(root.join("conll2000")).is_ok()
        && std::fs::write(root.join("brown/ca01"), data).is_ok()
        && std::fs::write(root.join("brown/cats.txt"), "ca01 news\n").is_ok()
        && std::fs::write(root.join("conll2000/train.txt"), data).is_ok()
        && std::fs::write(root.join("conll2000/test.txt"), "").is_ok();
    if !ok {
        return;
    }
    for id in ["brown", "conll2000"] {
        if let Ok(c) = open_corpus(id, Some(dir.path())) {
            views(&c);
        }
    }
});
