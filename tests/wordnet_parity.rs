//! WordNet and the WordNet lemmatizer against NLTK 3.10.4: the fixed sample
//! in tests/parity/wordnet (written by scripts/parity/gen_wordnet.py).
mod common;

use nlkit::wordnet::{Pos, Synset, WordNet, WordNetLemmatizer};
use serde_json::Value;

fn wordnet() -> Option<WordNet> {
    let data = common::nltk_data()?;
    Some(WordNet::open(&data.join("corpora/wordnet")).expect("open WordNet"))
}

fn names(v: Vec<Synset>) -> Vec<String> {
    let mut n: Vec<String> = v.iter().map(|s| s.name().to_string()).collect();
    n.sort();
    n
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

/// Floats are stored as Python `repr` strings (parsed here exactly).
fn float(v: &Value) -> Option<f64> {
    v.as_str().map(|s| s.parse().unwrap())
}

#[test]
fn wordnet_matches_nltk_sample() {
    let Some(wn) = wordnet() else { return };
    let lem = WordNetLemmatizer::new(wn.clone());
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, line, case) in common::parity_cases("wordnet") {
        let at = format!("{file}:{line}");
        match case["kind"].as_str().unwrap() {
            "lemma" => {
                let w = case["word"].as_str().unwrap();
                for p in ["n", "v", "a", "r", "s"] {
                    let got = lem.lemmatize(w, p.parse().unwrap()).unwrap();
                    if got != case[p].as_str().unwrap() {
                        failures.push(format!(
                            "{at}: lemmatize({w:?}, {p}) = {got:?}, NLTK {}",
                            case[p]
                        ));
                    }
                }
            }
            "synsets" => {
                let w = case["word"].as_str().unwrap();
                if let Some(p) = case["pos"].as_str() {
                    let got: Vec<String> = wn
                        .synsets(w, Some(p.parse().unwrap()))
                        .unwrap()
                        .iter()
                        .map(|s| s.name().to_string())
                        .collect();
                    if got != strs(&case["names"]) {
                        failures.push(format!("{at}: synsets({w:?}, {p}) = {got:?}"));
                    }
                    continue;
                }
                let got = wn.synsets(w, None).unwrap();
                let want = case["synsets"].as_array().unwrap();
                let got_names: Vec<&str> = got.iter().map(|s| s.name()).collect();
                let want_names: Vec<&str> =
                    want.iter().map(|s| s["name"].as_str().unwrap()).collect();
                if got_names != want_names {
                    failures.push(format!(
                        "{at}: synsets({w:?}) = {got_names:?}, NLTK {want_names:?}"
                    ));
                    continue;
                }
                for (s, e) in got.iter().zip(want) {
                    let ok = s.definition() == e["definition"].as_str().unwrap()
                        && s.examples() == strs(&e["examples"])
                        && s.lemma_names() == strs(&e["lemma_names"])
                        && s.lexname() == e["lexname"].as_str().unwrap()
                        && s.pos().as_char().to_string() == e["pos"].as_str().unwrap()
                        && u64::from(s.offset()) == e["offset"].as_u64().unwrap()
                        && names(s.hypernyms().unwrap()) == strs(&e["hypernyms"])
                        && names(s.instance_hypernyms().unwrap()) == strs(&e["instance_hypernyms"]);
                    if !ok {
                        failures.push(format!("{at}: {} differs from NLTK", s.name()));
                    }
                }
            }
            "name" => {
                let input = case["input"].as_str().unwrap();
                let got = wn.synset(input);
                match (got, case["name"].as_str()) {
                    (Ok(s), Some(n)) if s.name() == n => {}
                    (Err(_), None) => {}
                    (g, n) => failures.push(format!("{at}: synset({input:?}) = {g:?}, NLTK {n:?}")),
                }
            }
            "similarity" => {
                let a = wn.synset(case["a"].as_str().unwrap()).unwrap();
                let b = wn.synset(case["b"].as_str().unwrap()).unwrap();
                let path = a.path_similarity(&b).unwrap();
                let wup = a.wup_similarity(&b).unwrap();
                let lch = names(a.lowest_common_hypernyms(&b, false, false).unwrap());
                let dist = a
                    .shortest_path_distance(&b, false)
                    .unwrap()
                    .map(|d| d as u64);
                if path != float(&case["path"])
                    || wup != float(&case["wup"])
                    || lch != strs(&case["lch_hypernyms"])
                    || dist != case["distance"].as_u64()
                {
                    failures.push(format!(
                        "{at}: {a} {b}: path {path:?} wup {wup:?} lch {lch:?} dist {dist:?}, NLTK {} {} {} {}",
                        case["path"], case["wup"], case["lch_hypernyms"], case["distance"]
                    ));
                }
            }
            "synset_info" => {
                let s = wn.synset(case["name"].as_str().unwrap()).unwrap();
                let rels: [(&str, Vec<Synset>); 9] = [
                    ("root_hypernyms", s.root_hypernyms().unwrap()),
                    ("hyponyms", s.hyponyms().unwrap()),
                    ("similar_tos", s.similar_tos().unwrap()),
                    ("part_meronyms", s.part_meronyms().unwrap()),
                    ("member_holonyms", s.member_holonyms().unwrap()),
                    ("entailments", s.entailments().unwrap()),
                    ("also_sees", s.also_sees().unwrap()),
                    ("verb_groups", s.verb_groups().unwrap()),
                    ("attributes", s.attributes().unwrap()),
                ];
                for (k, v) in rels {
                    if names(v) != strs(&case[k]) {
                        failures.push(format!("{at}: {s} {k} differs"));
                    }
                }
                if u64::from(s.min_depth().unwrap()) != case["min_depth"].as_u64().unwrap()
                    || u64::from(s.max_depth().unwrap()) != case["max_depth"].as_u64().unwrap()
                {
                    failures.push(format!("{at}: {s} depths differ"));
                }
                for (l, e) in s.lemmas().iter().zip(case["lemmas"].as_array().unwrap()) {
                    let reprs = |v: Vec<nlkit::wordnet::Lemma>| -> Vec<String> {
                        v.iter().map(|x| x.to_string()).collect()
                    };
                    let ok = l.name() == e["name"].as_str().unwrap()
                        && l.key().unwrap() == e["key"].as_str().unwrap()
                        && u64::from(l.count().unwrap()) == e["count"].as_u64().unwrap()
                        && reprs(l.antonyms().unwrap()) == strs(&e["antonyms"])
                        && reprs(l.pertainyms().unwrap()) == strs(&e["pertainyms"])
                        && reprs(l.derivationally_related_forms().unwrap())
                            == strs(&e["derivationally_related_forms"]);
                    if !ok {
                        failures.push(format!("{at}: {l} differs from NLTK"));
                    }
                }
            }
            k => panic!("{at}: unknown kind {k}"),
        }
        checked += 1;
    }
    assert!(checked > 3000, "only {checked} cases");
    assert!(
        failures.is_empty(),
        "{} differences from NLTK, first: {:#?}",
        failures.len(),
        &failures[..failures.len().min(20)]
    );
}

#[test]
fn wordnet_reads_the_zip_like_the_folder() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let zip = data.join("corpora/wordnet.zip");
    if !zip.exists() {
        return;
    }
    let a = WordNet::open(&zip).unwrap();
    let b = WordNet::open(&data.join("corpora/wordnet")).unwrap();
    let c = WordNet::open(&data).unwrap();
    for w in ["dog", "run", "big", "quickly"] {
        let x: Vec<String> = a
            .synsets(w, None)
            .unwrap()
            .iter()
            .map(|s| s.name().to_string())
            .collect();
        let y: Vec<String> = b
            .synsets(w, None)
            .unwrap()
            .iter()
            .map(|s| s.name().to_string())
            .collect();
        let z: Vec<String> = c
            .synsets(w, None)
            .unwrap()
            .iter()
            .map(|s| s.name().to_string())
            .collect();
        assert_eq!(x, y);
        assert_eq!(x, z);
        assert!(!x.is_empty());
    }
    let lem = WordNetLemmatizer::new(a);
    assert_eq!(lem.lemmatize("geese", Pos::Noun).unwrap(), "goose");
}

#[test]
fn cli_lemmatize_and_wordnet_match_nltk() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let dir = data.join("corpora/wordnet");
    let dir = dir.to_str().unwrap();
    let words = "geese\nwas\nbetter\n\nDogs\n";
    let Some(want) = common::run_nltk(
        "import sys\nfrom nltk.stem import WordNetLemmatizer as W\nl=W()\nfor w in sys.stdin.read().split('\\n')[:-1]: print(l.lemmatize(w, 'v'))",
        words,
    ) else {
        return;
    };
    let (code, out, err) = common::run_nlkit(
        &["lemmatize", "--pos", "v", "--wordnet", dir],
        words.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, want);

    let tagged = "The\tDT\ngeese\tNNS\nwere\tVBD\nbetter\tJJR\n\n";
    let (code, out, err) = common::run_nlkit(
        &["lemmatize", "--tagged", "--wordnet", dir],
        tagged.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let Some(want) = common::run_nltk(
        "import sys\nfrom nltk.stem import WordNetLemmatizer as W\nl=W()\nm={'J':'a','V':'v','N':'n','R':'r'}\nfor line in sys.stdin.read().split('\\n')[:-1]:\n  if not line: print(''); continue\n  w,t=line.split('\\t'); print(l.lemmatize(w, m.get(t[:1],'n')))",
        tagged,
    ) else {
        return;
    };
    assert_eq!(out, want);

    let (code, out, err) = common::run_nlkit(
        &["wordnet", "dog", "--format", "json", "--wordnet", dir],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    let got: Vec<&str> = v["synsets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    let Some(want) = common::run_nltk(
        "from nltk.corpus import wordnet as wn\nprint(' '.join(s.name() for s in wn.synsets('dog')))",
        "",
    ) else {
        return;
    };
    assert_eq!(got.join(" "), want.trim());
}
