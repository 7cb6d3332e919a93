//! `Corpus::raw`, `paras`, `tagged_sents`, `tagged_paras`, `iob_sents` and
//! `chunked_sents` on small brown- and conll2000-shaped corpora, against
//! NLTK's own readers over the same files; bad input gives an error, never a
//! panic. (Parity on the real corpora: python/tests/test_corpus.py.)
mod common;

use std::path::Path;

use common::{run_nltk, write};
use nlkit::corpus::{open_corpus, Corpus};
use serde_json::{json, Value};

const BROWN_CA01: &str = "\n\n\tThe/at Fulton/np-tl County/nn-tl said/vbd ./.\n\tIt/pps ran/vbd\n\n\n\tAnother/dti para/nn ,/, here/rb ./.\n\n";
const BROWN_CB01: &str = "\n\n\tOne/cd line/nn only/rb\n\n\n\n";
const CATS: &str = "ca01 news\ncb01 editorial\n";
const CONLL: &str = "Confidence NN B-NP\nin IN B-PP\nthe DT B-NP\npound NN I-NP\nis VBZ B-VP\nwidely RB I-VP\n. . O\n\nHe PRP B-NP\nleft VBD B-VP\nearly RB B-ADVP\n. . O\n";

fn corpora() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "corpora/brown/ca01", BROWN_CA01.as_bytes());
    write(d.path(), "corpora/brown/cb01", BROWN_CB01.as_bytes());
    write(d.path(), "corpora/brown/cats.txt", CATS.as_bytes());
    write(d.path(), "corpora/conll2000/train.txt", CONLL.as_bytes());
    write(
        d.path(),
        "corpora/conll2000/test.txt",
        b"He PRP B-NP\nsat VBD B-VP\n",
    );
    d
}

fn all<T>(it: nlkit::corpus::Items<'_, T>) -> Vec<T> {
    it.collect::<nlkit::Result<Vec<T>>>().unwrap()
}

fn ours(dir: &Path) -> Value {
    let brown = open_corpus("brown", Some(dir)).unwrap();
    let conll = open_corpus("conll2000", Some(dir)).unwrap();
    let sel = ["ca01".to_string()];
    json!({
        "raw": brown.raw(None).unwrap(),
        "raw_ca01": brown.raw(Some(&sel)).unwrap(),
        "paras": all(brown.paras(None)),
        "tagged_sents": all(brown.tagged_sents(None)),
        "tagged_paras": all(brown.tagged_paras(Some(&sel))),
        "conll_tagged_sents": all(conll.tagged_sents(None)),
        "iob_sents": all(conll.iob_sents(None)),
        "chunked": all(conll.chunked_sents(None, None)).iter().map(|t| t.to_string()).collect::<Vec<_>>(),
        "chunked_np": all(conll.chunked_sents(None, Some(vec!["NP".into()]))).iter().map(|t| t.to_string()).collect::<Vec<_>>(),
    })
}

const NLTK: &str = r#"
import json, sys, nltk
root = sys.stdin.read().strip()
nltk.data.path.insert(0, root)
from nltk.corpus.reader import CategorizedTaggedCorpusReader, ConllChunkCorpusReader
brown = CategorizedTaggedCorpusReader(root + "/corpora/brown", r"c[a-z]\d\d", cat_file="cats.txt", encoding="ascii")
conll = ConllChunkCorpusReader(root + "/corpora/conll2000", ["train.txt", "test.txt"], ("NP", "VP", "PP"), encoding="ascii")
flat = lambda ts: [t.pformat(margin=10**9) for t in ts]
print(json.dumps({
    "raw": brown.raw(), "raw_ca01": brown.raw("ca01"),
    "paras": list(brown.paras()), "tagged_sents": list(brown.tagged_sents()),
    "tagged_paras": list(brown.tagged_paras("ca01")),
    "conll_tagged_sents": list(conll.tagged_sents()), "iob_sents": list(conll.iob_sents()),
    "chunked": flat(conll.chunked_sents()), "chunked_np": flat(conll.chunked_sents(chunk_types=["NP"])),
}))
"#;

#[test]
fn views_equal_nltk_on_the_same_files() {
    let d = corpora();
    let got = ours(d.path());
    assert_eq!(got["paras"].as_array().unwrap().len(), 3);
    let Some(out) = run_nltk(NLTK, &d.path().display().to_string()) else {
        return;
    };
    let want: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(got, want);
}

fn err<T: std::fmt::Debug>(r: nlkit::Result<T>) -> String {
    r.unwrap_err().to_string()
}

#[test]
fn bad_input_is_an_error() {
    let d = corpora();
    let brown = open_corpus("brown", Some(d.path())).unwrap();
    let conll = open_corpus("conll2000", Some(d.path())).unwrap();
    let nope = ["nope".to_string()];
    assert!(err(brown.raw(Some(&nope))).contains("nope"));
    for e in [
        err(brown.paras(Some(&nope)).collect::<nlkit::Result<Vec<_>>>()),
        err(brown
            .tagged_paras(Some(&nope))
            .collect::<nlkit::Result<Vec<_>>>()),
        err(conll
            .chunked_sents(Some(&nope), None)
            .collect::<nlkit::Result<Vec<_>>>()),
    ] {
        assert!(e.contains("nope"), "{e}");
    }
    // Views the corpus's reader does not have.
    let no = |c: &Corpus| {
        [
            err(c
                .chunked_sents(None, None)
                .collect::<nlkit::Result<Vec<_>>>()),
            err(c.iob_sents(None).collect::<nlkit::Result<Vec<_>>>()),
        ]
    };
    for e in no(&brown) {
        assert!(e.contains("has no"), "{e}");
    }
    assert!(err(conll.paras(None).collect::<nlkit::Result<Vec<_>>>()).contains("has no"));
    assert!(err(conll.tagged_paras(None).collect::<nlkit::Result<Vec<_>>>()).contains("has no"));
    // A malformed chunk tag, a short line, a file that is not ASCII.
    write(d.path(), "corpora/conll2000/test.txt", b"He PRP X-NP\n");
    let conll = open_corpus("conll2000", Some(d.path())).unwrap();
    let e = err(conll
        .chunked_sents(None, None)
        .collect::<nlkit::Result<Vec<_>>>());
    assert!(e.contains("X-NP"), "{e}");
    write(d.path(), "corpora/conll2000/test.txt", b"He PRP\n");
    let conll = open_corpus("conll2000", Some(d.path())).unwrap();
    assert!(conll
        .iob_sents(None)
        .collect::<nlkit::Result<Vec<_>>>()
        .is_err());
    write(d.path(), "corpora/brown/cb01", b"caf\xe9/nn\n");
    let brown = open_corpus("brown", Some(d.path())).unwrap();
    assert!(brown.raw(None).is_err());
    assert!(brown
        .tagged_paras(None)
        .collect::<nlkit::Result<Vec<_>>>()
        .is_err());
}
