//! Unit tests of the perceptron's fast tagging path against the plain algorithm.

use super::*;

/// The plain algorithm: every feature of every token looked up in turn
/// and summed in `f64` in NLTK's order, with no windows, integer sums
/// or word cache.
fn reference(t: &PerceptronTagger, tokens: &[&str]) -> Vec<u16> {
    let context = make_context(tokens);
    let mut clusters = Vec::new();
    cluster_context(t.clusters(), tokens, &mut clusters);
    let first = t.first_context(tokens);
    let mut buf = String::new();
    let (mut prev, mut prev2): (&str, &str) = (START[0], START[1]);
    let mut out = Vec::new();
    for (i, &w) in tokens.iter().enumerate() {
        let ctx = Context {
            words: &context,
            clusters: &clusters,
            first: &first,
        };
        let id = match t.tagdict.get(w) {
            Some(&c) => c,
            None => t.argmax_f64(i, w, ctx, prev, prev2, &mut buf),
        };
        out.push(id);
        prev2 = prev;
        prev = &t.classes[id as usize];
    }
    out
}

/// The fast path gives the plain algorithm's tags: on real text, on a
/// sentence longer than a window, and after the word cache is full.
#[test]
fn fast_tagging_equals_the_plain_algorithm() {
    let text = include_str!("../../../corpora/samples/inaugural-2009.txt");
    let xpos = crate::tag::default_english_xpos().unwrap();
    let upos = crate::tag::default_english_upos().unwrap();
    let mut sents: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect();
    sents.push(text.split_whitespace().take(300).collect());
    let many: Vec<String> = (0..WordCache::WORDS + 100)
        .map(|i| format!("Word{i}s"))
        .collect();
    sents.push(many.iter().map(String::as_str).collect());
    // tokens with spaces: their features are keyed by their strings
    sents.push(vec!["New York", "is", "a b", "déjà vu", " ", "."]);
    // a word is cached when seen a second time: three rounds tag with an
    // empty, a filling and a full cache
    for round in 0..3 {
        for s in &sents {
            // alternate models on one thread: each keeps its own cache
            for t in [xpos, upos] {
                assert_eq!(t.tag_ids(s), reference(t, s), "round {round}: {s:?}");
            }
        }
    }
    assert!(xpos.tag_ids(&[]).is_empty());
}

/// Models with more classes than the tag-pair table takes are tagged
/// by looking up their tag features one by one, with the same tags.
#[test]
fn many_classes_fall_back_to_lookups() {
    let words: Vec<String> = (0..80).map(|i| format!("w{}", i % 37)).collect();
    let sents: Vec<Vec<(String, String)>> = words
        .chunks(7)
        .enumerate()
        .map(|(k, c)| {
            c.iter()
                .enumerate()
                .map(|(i, w)| (w.clone(), format!("T{}", (k * 7 + i) % 70)))
                .collect()
        })
        .collect();
    let t = PerceptronTagger::train(
        &sents,
        &TrainConfig {
            iterations: 3,
            feature_set: FeatureSet::Extended,
            ..TrainConfig::default()
        },
    )
    .unwrap();
    assert!(t.classes.len() > WordCache::TAG_PAIR_CLASSES);
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    for s in refs.chunks(9) {
        assert_eq!(t.tag_ids(s), reference(&t, s));
    }
}

/// A weight that is not a multiple of 0.001 is refused, not rounded.
#[test]
fn weights_must_be_thousandths() {
    let e = PerceptronTagger::from_parts(
        ["NN".to_string()],
        [],
        [("bias", vec![("NN", 0.0005)])],
        FeatureSet::Nltk,
        ModelMeta::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("multiple of 0.001"), "{e}");
}

/// NLTK's JSON model read by the hand-written reader (names kept in file
/// order, sorted on first use) equals the same model built through
/// `from_parts` (sorted at once): same bytes saved, same tags, same
/// feature lookups; duplicates and empty rows as a map reads them.
#[test]
fn nltk_json_reader_equals_the_general_path() {
    let weights = r#"{"i word the": {"DT": 2.5, "NN": -0.25},
        "bias": {"NN": 0.5, "DT": 0.125, "VB": 0.001},
        "i suffix ing": {"VB": 1.5},
        "i word dog": {"NN": 1.0},
        "i-1 tag DT": {"NN": 0.75, "VB": -1.75e0},
        "i word x": {},
        "i pref1 d": {"XX": 3.0},
        "i word \u00e9t\u00e9": {"VB": 0.002}}"#;
    let dir = tempfile::tempdir().unwrap();
    let files = nltk_json::nltk_model_files("eng");
    std::fs::write(dir.path().join(&files[0]), weights).unwrap();
    std::fs::write(dir.path().join(&files[1]), r#"{"a": "DT"}"#).unwrap();
    std::fs::write(dir.path().join(&files[2]), r#"["VB", "NN", "DT"]"#).unwrap();
    let fast = PerceptronTagger::load_nltk(dir.path()).unwrap();
    assert!(fast.features.len() == 6 && fast.features.get("i word x").is_none());
    let parsed: HashMap<String, HashMap<String, f64>> = serde_json::from_str(weights).unwrap();
    let rows: Vec<(&str, Vec<(&str, f64)>)> = parsed
        .iter()
        .map(|(f, r)| {
            (
                f.as_str(),
                r.iter().map(|(t, &w)| (t.as_str(), w)).collect(),
            )
        })
        .collect();
    let general = PerceptronTagger::from_parts(
        ["VB", "NN", "DT"].map(String::from),
        [("a".to_string(), "DT".to_string())],
        rows,
        FeatureSet::Nltk,
        ModelMeta::default(),
    )
    .unwrap();
    for f in general.features.iter() {
        assert_eq!(
            fast.features.get(f).map(|r| fast.features.name(r as usize)),
            Some(f)
        );
    }
    let (mut a, mut b) = (fast.clone(), general.clone());
    a.meta = ModelMeta::default();
    b.meta = ModelMeta::default();
    assert_eq!(a.to_bytes().unwrap(), b.to_bytes().unwrap());
    for s in [&["the", "dog", "a", "été"][..], &["running", "x"], &[]] {
        assert_eq!(fast.tag(s), general.tag(s));
        assert_eq!(reference(&fast, s), fast.tag_ids(s));
    }
    // a name given twice: the last row counts, as in a map
    std::fs::write(
        dir.path().join(&files[0]),
        r#"{"i word b": {"NN": 1}, "bias": {"VB": 0.5}, "i word b": {"DT": 1}, "i word c": {"NN": 2}, "i word c": {}}"#,
    )
    .unwrap();
    let t = PerceptronTagger::load_nltk(dir.path()).unwrap();
    assert_eq!(t.tag(&["b"]), ["DT"]);
    assert!(t.features.get("i word c").is_none());
    assert_eq!(t.features.len(), 2);
}

/// The index gives every feature its row's weights, whether the row is
/// dense, kept in the index slot (one or two weights) or sparse.
#[test]
fn index_rows_hold_every_features_weights() {
    let xpos = crate::tag::default_english_xpos().unwrap();
    let upos = crate::tag::default_english_upos().unwrap();
    for t in [xpos, upos] {
        let nc = t.classes.len();
        let (mut inline, mut other) = (0, 0);
        for (r, name) in t.features.iter().enumerate() {
            let (a, b) = (t.row_start[r] as usize, t.row_start[r + 1] as usize);
            let mut want = vec![0; nc];
            for e in t.entries[a..b].iter().map(|&e| Entry::from_raw(e)) {
                want[e.class()] += t.values[e.value()];
            }
            let row = t
                .index
                .get_hashed(crate::tag::fxhash::name_key(name))
                .unwrap();
            if row.1 as u32 & INLINE != 0 {
                inline += 1;
                assert!(b - a <= 2, "{name}");
            } else {
                other += 1;
            }
            let mut got = vec![0; nc];
            t.add_row(row, &mut got);
            assert_eq!(got, want, "{name}");
        }
        assert!(inline > 0 && other > 0);
    }
}

/// The keys tagging computes from part hashes (`keys`) are the keys of
/// the feature strings, for every template of both embedded models,
/// every previous tag, the masks tagging uses and tokens and tags with
/// spaces, empty or non-ASCII.
#[test]
fn part_hash_keys_equal_the_keys_of_the_features() {
    use crate::tag::features::bit;
    let xpos = crate::tag::default_english_xpos().unwrap();
    let upos = crate::tag::default_english_upos().unwrap();
    let sents: [&[&str]; 3] = [
        &["The", "dog", "barks", "."],
        &["New-York", "a b", "déjà", "1999", "x", "Ünïcode"],
        &["", " ", "ok"],
    ];
    let sorted = |mut v: Vec<u64>| {
        v.sort_unstable();
        v
    };
    let mut checked = 0;
    for t in [xpos, upos] {
        let hashes = t.tag_hashes();
        for toks in sents {
            let context = make_context(toks);
            let mut clusters = Vec::new();
            cluster_context(t.clusters(), toks, &mut clusters);
            let first = t.first_context(toks);
            let ctx = Context {
                words: &context,
                clusters: &clusters,
                first: &first,
            };
            let mut sp = keys::SentenceParts::default();
            let first_hash = |q: usize| part_hash(first.get(q).copied().unwrap_or(""));
            sp.fill(toks, ctx, |_| None, first_hash);
            for (other_mask, tag_mask) in [(0, 0), (bit(CAP) | FIRST_OWN | FIRST_NEXT, FIRST_PREV)]
            {
                for (j, &word) in toks.iter().enumerate() {
                    let i = j + 2;
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    t.push_other_keys(i, word, ctx, &sp, other_mask, &mut a);
                    let which = Templates::OtherContextExcept(other_mask);
                    t.push_hashes(which, i, word, ctx, "", &mut b);
                    assert_eq!(sorted(a), sorted(b), "{toks:?} {j}");
                    let prevs = (0..hashes.len())
                        .map(|p| (t.tag_name(p), hashes[p]))
                        .chain([("A B", 0)]);
                    for prev in prevs {
                        let (mut a, mut b) = (Vec::new(), Vec::new());
                        t.push_tag_keys(i, word, ctx, &sp, tag_mask, prev, &mut a);
                        let which = Templates::TagsAndWordsExcept(tag_mask);
                        t.push_hashes(which, i, word, ctx, prev.0, &mut b);
                        assert_eq!(sorted(a), sorted(b), "{toks:?} {j} {prev:?}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 0);
}

/// The keys of a word not in the word cache, keyed from part hashes
/// (`keys::push_word_keys`), are the keys of its word-only and neighbour
/// features' strings, group by group, for every feature set, every token
/// and tokens with spaces, empty, non-ASCII, with digits and hyphens.
#[test]
fn word_keys_equal_the_keys_of_the_features() {
    let upos = crate::tag::default_english_upos().unwrap();
    let sents: [&[&str]; 4] = [
        &["The", "dog", "barks", "."],
        &[
            "New-York",
            "a b",
            "déjà",
            "1999",
            "x",
            "Ünïcode",
            "McDonald's",
        ],
        &["", " ", "ok"],
        &["extraordinarily-long-word123"],
    ];
    let sets = [
        FeatureSet::Nltk,
        FeatureSet::Extended,
        FeatureSet::Clusters,
        FeatureSet::Stacked,
    ];
    let mut checked = 0;
    for toks in sents {
        let context = make_context(toks);
        let mut clusters = Vec::new();
        cluster_context(upos.clusters(), toks, &mut clusters);
        let first = upos.first_context(toks);
        let ctx = Context {
            words: &context,
            clusters: &clusters,
            first: &first,
        };
        let mut sp = keys::SentenceParts::default();
        let first_hash = |q: usize| part_hash(first.get(q).copied().unwrap_or(""));
        sp.fill(toks, ctx, |_| None, first_hash);
        for set in sets {
            for (p, &word) in toks.iter().enumerate() {
                let q = p + 2;
                let (mut a, mut ends) = (Vec::new(), Vec::new());
                let mut buf = String::new();
                let group = |g: usize, n: usize| ends.push((g, n));
                keys::push_word_keys(set, q, word, ctx, &sp, &mut buf, &mut a, group);
                let mut b = Vec::new();
                let mut want = Vec::new();
                let push = |which: Templates, i: usize, w: &str, b: &mut Vec<u64>| {
                    for_each_feature_parts(set, which, i, w, ctx, "", "", |k, parts| {
                        b.push(hash_parts(k, parts))
                    })
                };
                push(Templates::WordOnly, q, word, &mut b);
                want.push((0, b.len()));
                for (k, &d) in cache::OFFSETS.iter().enumerate() {
                    let i = q.wrapping_add_signed(-isize::from(d));
                    push(Templates::Neighbour(d), i, "", &mut b);
                    want.push((1 + k, b.len()));
                }
                assert_eq!(a, b, "{set:?} {toks:?} {p}");
                assert_eq!(ends, want, "{set:?} {toks:?} {p}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 4 * 15);
}
