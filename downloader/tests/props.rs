//! Property tests: the index parser and the installer never panic on
//! arbitrary input, and nothing is ever written outside the data folder.

mod support;

use nlkit_downloader::{Downloader, Index, Options};
use proptest::prelude::*;
use support::{build_zip, one_package_index, tree, Entry};

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn index_parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = Index::parse(&bytes, "fuzz");
    }

    #[test]
    fn index_parse_never_panics_on_xmlish(parts in proptest::collection::vec(prop_oneof![
        Just("<nltk_data>".to_string()), Just("</nltk_data>".to_string()),
        Just("<packages>".to_string()), Just("<collections>".to_string()),
        Just("<collection id=\"c\">".to_string()), Just("</collection>".to_string()),
        Just("<item ref=\"c\"/>".to_string()), Just("<item ref=\"p\"/>".to_string()),
        "[a-z./ ]{0,8}".prop_map(|s| format!("<package id=\"{s}\" subdir=\"{s}\" url=\"{s}\" size=\"1\" checksum=\"0123456789abcdef0123456789abcdef\"/>")),
        Just("<package id=\"p\" subdir=\"c\" url=\"u\" size=\"1\" checksum=\"0123456789abcdef0123456789abcdef\"/>".to_string()),
        "[<>=\"a-z &;]{0,12}",
    ], 0..12)) {
        let xml = parts.concat();
        if let Ok(index) = Index::parse(xml.as_bytes(), "fuzz") {
            for c in index.collections() {
                let _ = index.expand(&[c.id.as_str()]);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Arbitrary entry names: either refused (nothing written) or installed
    /// strictly inside `<dir>/pkg/<id>/`.
    #[test]
    fn hostile_names_stay_inside(names in proptest::collection::vec("(pkg|\\.\\.|/|\\.|a|b|C:|\\\\)([/\\\\]?(pkg|\\.\\.|\\.|a|b|))*", 1..4)) {
        let entries: Vec<Entry> = names.iter().enumerate().map(|(i, n)| {
            let _ = i;
            Entry::File(n.as_str(), b"x")
        }).collect();
        let zip = std::panic::catch_unwind(|| build_zip(&entries));
        let Ok(zip) = zip else { return Ok(()) };
        let mirror = tempfile::tempdir().unwrap();
        std::fs::write(mirror.path().join("p.zip"), &zip).unwrap();
        std::fs::write(mirror.path().join("index.xml"), one_package_index("pkg", "x", "p.zip", &zip, 0)).unwrap();
        let outer = tempfile::tempdir().unwrap();
        let data = outer.path().join("data");
        let dl = Downloader::from_url(&mirror.path().join("index.xml").display().to_string(), &data, Options::default()).unwrap();
        let ok = dl.download(&["pkg"]).into_result().is_ok();
        for p in tree(outer.path()) {
            prop_assert!(p == "data" || p.starts_with("data/"), "escaped: {p}");
            if !ok {
                prop_assert!(p == "data" || p == "data/.nlkit-download.lock" || p == "data/x", "left behind: {p}");
            } else {
                prop_assert!(!p.starts_with("data/x/") || p == "data/x/pkg.zip" || p.starts_with("data/x/pkg/") || p == "data/x/pkg", "outside package: {p}");
            }
        }
    }
}
