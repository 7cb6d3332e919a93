//! NLTK's metrics.doctest (the parts nlkit implements: set scores,
//! distances, windowdiff, ConfusionMatrix) and the agreement and n-gram
//! examples of NLTK's docstrings, as Rust tests.
use std::collections::HashSet;

use nlkit::metrics::agreement::AnnotationTask;
use nlkit::metrics::distance::{
    binary_distance, edit_distance, edit_distance_align, jaccard_distance, masi_distance,
};
use nlkit::metrics::segmentation::windowdiff;
use nlkit::metrics::{accuracy, scores, ConfusionMatrix, PrettyFormatOptions};
use nlkit::util::ngrams::{everygrams, padded_ngrams, skipgrams};

#[test]
fn standard_ir_scores() {
    let reference: Vec<&str> = "DET NN VB DET JJ NN NN IN DET NN".split(' ').collect();
    let test: Vec<&str> = "DET VB VB DET NN NN NN IN DET NN".split(' ').collect();
    assert_eq!(accuracy(&reference, &test).unwrap(), 0.8);
    let (rs, ts): (HashSet<_>, HashSet<_>) =
        (reference.into_iter().collect(), test.into_iter().collect());
    assert_eq!(scores::precision(&rs, &ts), Some(1.0));
    assert_eq!(scores::recall(&rs, &ts), Some(0.8));
    assert!(format!("{}", scores::f_measure(&rs, &ts, 0.5).unwrap()).starts_with("0.88888888888"));
    let empty = HashSet::new();
    assert_eq!(scores::precision(&rs, &empty), None);
    assert_eq!(scores::f_measure(&empty, &ts, 0.5), None);
}

#[test]
fn distance_metrics() {
    assert_eq!(edit_distance("rain", "shine", 1, false).unwrap(), 3);
    let al = |a, b| edit_distance_align(a, b, 1).unwrap();
    assert_eq!(
        al("shine", "shine"),
        [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]
    );
    assert_eq!(
        al("rain", "brainy"),
        [(0, 0), (0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (4, 6)]
    );
    assert_eq!(
        al("", "brainy"),
        [(0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (0, 6)]
    );
    assert_eq!(al("", ""), [(0, 0)]);
    let s1: HashSet<i32> = [1, 2, 3, 4].into();
    let s2: HashSet<i32> = [3, 4, 5].into();
    assert_eq!(binary_distance(&s1, &s2), 1.0);
    assert_eq!(jaccard_distance(&s1, &s2).unwrap(), 0.6);
    assert_eq!(masi_distance(&s1, &s2).unwrap(), 0.8666666666666667);
    let none: HashSet<i32> = HashSet::new();
    assert!(jaccard_distance(&none, &none).is_err() && masi_distance(&none, &none).is_err());
    // the pairs of NLTK's distance.demo(), with the values NLTK 3.10.4 prints
    for (a, b, plain, trans) in [
        ("abcdef", "acbdef", 2, 1),
        ("language", "lnaguaeg", 4, 2),
        ("language", "lnaugage", 3, 2),
        ("language", "lngauage", 2, 2),
    ] {
        assert_eq!(edit_distance(a, b, 1, false).unwrap(), plain, "{a} {b}");
        assert_eq!(edit_distance(a, b, 1, true).unwrap(), trans, "{a} {b}");
    }
    let long = "a".repeat(2001);
    assert!(edit_distance(&long, "b", 1, true).is_err());
    assert_eq!(edit_distance(&long, "b", 1, false).unwrap(), 2001);
}

#[test]
fn windowdiff_doctest() {
    let (s1, s2, s3) = (b"000100000010", b"000010000100", b"100000010000");
    let (s4, s5) = (b"000000000000", b"111111111111");
    assert_eq!(windowdiff(s1, s1, 3, &b'1', false).unwrap(), 0.0);
    assert!((windowdiff(s1, s2, 3, &b'1', false).unwrap() - 0.3).abs() < 1e-6);
    assert!((windowdiff(s2, s3, 3, &b'1', false).unwrap() - 0.8).abs() < 1e-6);
    assert_eq!(windowdiff(s1, s4, 3, &b'1', false).unwrap(), 0.5);
    assert_eq!(windowdiff(s1, s5, 3, &b'1', false).unwrap(), 1.0);
}

const CONFUSION: &[&str] = &[
    // print(ConfusionMatrix(reference, test))
    r#"  |   . 1 2 3 T _ a c d e f g h i n o r s t z |
--+-------------------------------------------+
  |<8>. . . . . 1 . . . . . . . . . . . . . . |
. | .<2>. . . . . . . . . . . . . . . . . . . |
1 | . .<1>. . . . . . . . . . . . . . . . . . |
2 | . . .<1>. . . . . . . . . . . . . . . . . |
3 | . . . .<1>. . . . . . . . . . . . . . . . |
T | . . . . .<2>. . . . . . . . . . . . . . . |
_ | . . . . . .<.>. . . . . . . . . . . . . . |
a | . . . . . . .<4>. . . . . . . . . . . . . |
c | . . . . . . . .<1>. . . . . . . . . . . . |
d | . . . . . . . . .<1>. . . . . . . . . . . |
e | . . . . . . . . . .<6>. . . 3 . . . . . . |
f | . . . . . . . . . . .<1>. . . . . . . . . |
g | . . . . . . . . . . . .<1>. . . . . . . . |
h | . . . . . . . . . . . . .<2>. . . . . . . |
i | . . . . . . . . . . 1 . . .<1>. 1 . . . . |
n | . . . . . . . . . . . . . . .<2>. . . . . |
o | . . . . . . . . . . . . . . . .<3>. . . . |
r | . . . . . . . . . . . . . . . . .<2>. . . |
s | . . . . . . . . . . . . . . . . . .<2>. 1 |
t | . . . . . . . . . . . . . . . . . . .<3>. |
z | . . . . . . . . . . . . . . . . . . . .<.>|
--+-------------------------------------------+
(row = reference; col = test)
"#,
    // print(cm.pretty_format(sort_by_count=True))
    r#"  |   e a i o s t . T h n r 1 2 3 c d f g _ z |
--+-------------------------------------------+
  |<8>. . . . . . . . . . . . . . . . . . 1 . |
e | .<6>. 3 . . . . . . . . . . . . . . . . . |
a | . .<4>. . . . . . . . . . . . . . . . . . |
i | . 1 .<1>1 . . . . . . . . . . . . . . . . |
o | . . . .<3>. . . . . . . . . . . . . . . . |
s | . . . . .<2>. . . . . . . . . . . . . . 1 |
t | . . . . . .<3>. . . . . . . . . . . . . . |
. | . . . . . . .<2>. . . . . . . . . . . . . |
T | . . . . . . . .<2>. . . . . . . . . . . . |
h | . . . . . . . . .<2>. . . . . . . . . . . |
n | . . . . . . . . . .<2>. . . . . . . . . . |
r | . . . . . . . . . . .<2>. . . . . . . . . |
1 | . . . . . . . . . . . .<1>. . . . . . . . |
2 | . . . . . . . . . . . . .<1>. . . . . . . |
3 | . . . . . . . . . . . . . .<1>. . . . . . |
c | . . . . . . . . . . . . . . .<1>. . . . . |
d | . . . . . . . . . . . . . . . .<1>. . . . |
f | . . . . . . . . . . . . . . . . .<1>. . . |
g | . . . . . . . . . . . . . . . . . .<1>. . |
_ | . . . . . . . . . . . . . . . . . . .<.>. |
z | . . . . . . . . . . . . . . . . . . . .<.>|
--+-------------------------------------------+
(row = reference; col = test)
"#,
    // print(cm.pretty_format(sort_by_count=True, truncate=10))
    r#"  |   e a i o s t . T h |
--+---------------------+
  |<8>. . . . . . . . . |
e | .<6>. 3 . . . . . . |
a | . .<4>. . . . . . . |
i | . 1 .<1>1 . . . . . |
o | . . . .<3>. . . . . |
s | . . . . .<2>. . . . |
t | . . . . . .<3>. . . |
. | . . . . . . .<2>. . |
T | . . . . . . . .<2>. |
h | . . . . . . . . .<2>|
--+---------------------+
(row = reference; col = test)
"#,
    // print(cm.pretty_format(sort_by_count=True, truncate=10, values_in_chart=False))
    r#"   |                   1 |
   | 1 2 3 4 5 6 7 8 9 0 |
---+---------------------+
 1 |<8>. . . . . . . . . |
 2 | .<6>. 3 . . . . . . |
 3 | . .<4>. . . . . . . |
 4 | . 1 .<1>1 . . . . . |
 5 | . . . .<3>. . . . . |
 6 | . . . . .<2>. . . . |
 7 | . . . . . .<3>. . . |
 8 | . . . . . . .<2>. . |
 9 | . . . . . . . .<2>. |
10 | . . . . . . . . .<2>|
---+---------------------+
(row = reference; col = test)
Value key:
     1:  
     2: e
     3: a
     4: i
     5: o
     6: s
     7: t
     8: .
     9: T
    10: h
"#,
];

#[test]
fn confusion_matrix_doctest() {
    let chars = |s: &str| s.chars().map(String::from).collect::<Vec<_>>();
    let reference = chars("This is the reference data.  Testing 123.  aoaeoeoe");
    let test = chars("Thos iz_the rifirenci data.  Testeng 123.  aoaeoeoe");
    let cm = ConfusionMatrix::new(&reference, &test).unwrap();
    let opts = [
        PrettyFormatOptions::default(),
        PrettyFormatOptions {
            sort_by_count: true,
            ..Default::default()
        },
        PrettyFormatOptions {
            sort_by_count: true,
            truncate: 10,
            ..Default::default()
        },
        PrettyFormatOptions {
            sort_by_count: true,
            truncate: 10,
            numbers_in_chart: true,
            ..Default::default()
        },
    ];
    for (o, want) in opts.iter().zip(CONFUSION) {
        assert_eq!(cm.nltk_pretty_format(*o), *want, "{o:?}");
    }
    // NLTK: recall("e") 0.666..., precision("e") 0.857..., f_measure 0.749...
    assert!((cm.recall("e").unwrap() - 6.0 / 9.0).abs() < 1e-12);
    assert!((cm.precision("e").unwrap() - 6.0 / 7.0).abs() < 1e-12);
}

#[test]
fn agreement_docstring_example() {
    // NLTK's agreement.py example: three coders, three items
    let data = [
        ("c1", "1", "v1"),
        ("c2", "1", "v1"),
        ("c3", "1", "v1"),
        ("c1", "2", "v2"),
        ("c2", "2", "v2"),
        ("c3", "2", "v2"),
        ("c1", "3", "v3"),
        ("c2", "3", "v3"),
        ("c3", "3", "v3"),
    ];
    let t = AnnotationTask::new(data.iter().map(|&(c, i, l)| (c, i, l.to_string())));
    assert_eq!(t.avg_ao().unwrap(), 1.0);
    assert_eq!(t.kappa().unwrap(), 1.0);
    assert_eq!(t.alpha().unwrap(), 1.0);
    let one: AnnotationTask<String> =
        AnnotationTask::new(std::iter::empty::<(&str, &str, String)>());
    assert!(one.alpha().is_err() && one.s().is_err() && one.kappa().is_err());
    let gap = AnnotationTask::new([("a", "1", 1), ("b", "2", 1), ("a", "2", 2)]);
    assert!(gap.avg_ao().is_err(), "coder b never labelled item 1");
}

#[test]
fn util_docstrings() {
    let s = ["1", "2", "3", "4", "5"];
    let right: Vec<Vec<Option<&str>>> = padded_ngrams(s.map(Some), 2, None, Some(None)).collect();
    assert_eq!(right.last().unwrap(), &[Some("5"), None]);
    let sent = ["a", "b", "c"];
    let all: Vec<Vec<&str>> = everygrams(sent, 1, None, None, None).collect();
    assert_eq!(all.len(), 6);
    let insurgents: Vec<&str> = "Insurgents killed in ongoing fighting".split(' ').collect();
    let two: Vec<Vec<&str>> = skipgrams(insurgents, 2, 2).unwrap().collect();
    assert_eq!(
        two,
        [
            ["Insurgents", "killed"],
            ["Insurgents", "in"],
            ["Insurgents", "ongoing"],
            ["killed", "in"],
            ["killed", "ongoing"],
            ["killed", "fighting"],
            ["in", "ongoing"],
            ["in", "fighting"],
            ["ongoing", "fighting"],
        ]
    );
}
