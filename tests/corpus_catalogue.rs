//! corpora/catalogue.toml stays true: bundled paths exist, and the corpora it
//! lists with a reader are exactly the ones `nlkit corpus` knows.

#[test]
fn catalogue_matches_the_tree_and_the_readers() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("corpora/catalogue.toml")).unwrap();
    let mut section = "";
    let mut with_reader = Vec::new();
    let mut id = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("[[") {
            section = if line.contains("bundled") {
                "bundled"
            } else {
                "downloadable"
            };
            continue;
        }
        let Some((k, v)) = line.split_once(" = ") else {
            continue;
        };
        let v = v.trim_matches('"');
        match (section, k) {
            ("bundled", "path") => assert!(root.join(v).exists(), "bundled path {v} is missing"),
            ("downloadable", "id") => id = v.to_string(),
            ("downloadable", "reader") if v != "none" => with_reader.push(id.clone()),
            _ => {}
        }
    }
    with_reader.sort();
    let mut known: Vec<String> = nlkit::corpus::KNOWN_CORPORA
        .iter()
        .map(|c| c.0.to_string())
        .collect();
    known.sort();
    assert_eq!(with_reader, known);
}
