//! Parity of the perceptron tagger (with NLTK's own model) and of `map_tag`
//! with NLTK 3.10.4, on the cases scripts/parity/gen_tag.py wrote from NLTK.
mod common;

use nlkit::tag::{map_tag, PerceptronTagger, Tagger, TagsetMapping};

fn strs(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn pos_tag_with_nltk_model_matches_nltk() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let tagger =
        PerceptronTagger::load_nltk(&data.join("taggers/averaged_perceptron_tagger_eng")).unwrap();
    let mut n = 0;
    for (file, line, case) in common::parity_cases("tag") {
        if file != "pos_tag.jsonl" {
            continue;
        }
        let tokens = strs(&case["tokens"]);
        let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let tags = tagger.tag(&words);
        assert_eq!(tags, strs(&case["tags"]), "{file}:{line}: {tokens:?}");
        let uni: Vec<&str> = tags.iter().map(|t| TagsetMapping::en_ptb_map(t)).collect();
        assert_eq!(uni, strs(&case["universal"]), "{file}:{line}: {tokens:?}");
        n += tokens.len();
    }
    assert!(n > 1000, "too few parity tokens: {n}");
}

#[test]
fn map_tag_matches_nltk() {
    for (file, line, case) in common::parity_cases("tag") {
        if file != "map_tag.jsonl" {
            continue;
        }
        let tag = case["tag"].as_str().unwrap();
        assert_eq!(
            map_tag("en-ptb", "universal", tag).unwrap(),
            case["universal"].as_str().unwrap(),
            "{file}:{line}"
        );
    }
}

#[test]
fn nltk_model_survives_nlkit_format_round_trip() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let tagger =
        PerceptronTagger::load_nltk(&data.join("taggers/averaged_perceptron_tagger_eng")).unwrap();
    let back = PerceptronTagger::from_bytes(&tagger.to_bytes().unwrap()).unwrap();
    for (file, _, case) in common::parity_cases("tag") {
        if file != "pos_tag.jsonl" {
            continue;
        }
        let tokens = strs(&case["tokens"]);
        let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
        assert_eq!(back.tag(&words), strs(&case["tags"]));
    }
}

#[test]
fn nltk_oracle_agrees_on_a_live_sentence() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let script = "import sys, json, nltk\nfor l in sys.stdin:\n    print(json.dumps([t for _, t in nltk.pos_tag(l.split())]))\n";
    let text = "John's big idea isn't all that bad .\nThey refuse to permit us to obtain the refuse permit\n";
    let Some(out) = common::run_nltk(script, text) else {
        return;
    };
    let tagger =
        PerceptronTagger::load_nltk(&data.join("taggers/averaged_perceptron_tagger_eng")).unwrap();
    for (line, expected) in text.lines().zip(out.lines()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let expected: Vec<String> = serde_json::from_str(expected).unwrap();
        assert_eq!(tagger.tag(&words), expected);
    }
}
