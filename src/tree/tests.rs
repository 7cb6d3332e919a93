use super::*;

#[test]
fn empty_children_print_like_nltk() {
    let t = Tree::fromstring("(S )").unwrap();
    assert_eq!(t.to_string(), "(S )");
    assert_eq!(t.height(), 1);
}

#[test]
fn escaped_brackets_are_token_characters() {
    let t = Tree::fromstring(r"(X a\(b)").unwrap();
    assert_eq!(t.leaves(), [r"a\(b"]);
}

#[test]
fn errors_match_nltk_shape() {
    let e = Tree::fromstring("(S (NP x)").unwrap_err().to_string();
    assert!(
        e.starts_with("Tree.read(): expected ')' but got 'end-of-string'"),
        "{e}"
    );
    let e = Tree::fromstring("x").unwrap_err().to_string();
    assert!(e.contains("expected '(' but got 'x'"), "{e}");
    assert!(Tree::fromstring("").is_err());
    assert!(Tree::fromstring("(A) (B)").is_err());
}

#[test]
fn depth_is_capped() {
    let s = "(".repeat(600) + &")".repeat(600);
    assert!(Tree::fromstring(&s).is_err());
    let ok = "(".repeat(499) + &")".repeat(499);
    assert!(Tree::fromstring(&ok).is_ok());
    let bad = "(".repeat(500) + &")".repeat(500);
    assert!(Tree::fromstring(&bad).is_err());
}

#[test]
fn hundred_thousand_levels_are_safe() {
    const N: usize = 100_000;
    let s = "(a ".repeat(N) + "w" + &")".repeat(N);
    let t = ReadOptions::new().max_depth(None).read(&s).unwrap();
    assert_eq!(t.height(), N + 1);
    assert_eq!(t.leaves(), ["w"]);
    let c = t.clone();
    assert_eq!(c, t);
    let printed = t.to_string();
    assert_eq!(printed.len(), s.len());
    assert_eq!(t.treepositions(TreeOrder::Leaves), vec![vec![0; N]]);
    assert_eq!(t.subtrees().count(), N);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&t, &mut h);
    let mut u = t.clone();
    u.collapse_unary(true, true, "+");
    assert_eq!(u.height(), 2);
    let mut cnf = t.clone();
    cnf.chomsky_normal_form(&CnfOptions {
        vert_markov: 2,
        ..Default::default()
    });
    cnf.un_chomsky_normal_form(&UnCnfOptions::default());
    assert_eq!(cnf, t);
    let p = ParentedTree::new(&t);
    let leaf = p.find(|p, id| p.is_leaf(id)).unwrap();
    assert_eq!(p.treeposition(leaf).len(), N);
    assert_eq!(p.to_tree(p.root_id()).unwrap(), t);
    drop(c);
    drop(t);
}

#[test]
fn wide_trees_binarise_deeply() {
    let s = format!("(S {})", "(X x) ".repeat(20_000));
    let mut t = Tree::fromstring(&s).unwrap();
    let orig = t.clone();
    t.chomsky_normal_form(&CnfOptions::default());
    assert_eq!(t.height(), 20_000 + 1);
    t.un_chomsky_normal_form(&UnCnfOptions::default());
    assert_eq!(t, orig);
}

#[test]
fn read_options_as_nltk() {
    // expected values observed with NLTK 3.10.4's Tree.fromstring
    let t = ReadOptions::new()
        .brackets("[]")
        .read("[S [NP a b] [VP c]]")
        .unwrap();
    assert_eq!(t.to_string(), "(S (NP a b) (VP c))");
    let t = ReadOptions::new()
        .leaf_pattern(r"[A-Z][a-z]+ [A-Z][a-z]+|\w+")
        .read("(S (NP New York) (VP left))")
        .unwrap();
    assert_eq!(t.leaves(), ["New York", "left"]);
    let t = ReadOptions::new()
        .node_pattern("[A-Z]+")
        .read("(S-1 (NP-2 x))")
        .unwrap();
    assert_eq!(t.to_string(), "(S -1 (NP -2 x))");
    let t = ReadOptions::new()
        .remove_empty_top_bracketing(true)
        .read("( (S x) )")
        .unwrap();
    assert_eq!(t.to_string(), "(S x)");
}

#[test]
fn bad_read_options_are_errors() {
    let e = ReadOptions::new().brackets("( ").read("(S x)").unwrap_err();
    assert!(e.to_string().contains("whitespace brackets"), "{e}");
    assert!(ReadOptions::new().brackets("(").read("(S x)").is_err());
    assert!(ReadOptions::new().brackets("<<>").read("(S x)").is_err());
    let e = ReadOptions::new()
        .node_pattern("(")
        .read("(S x)")
        .unwrap_err();
    assert!(matches!(e, crate::Error::Regex { .. }), "{e}");
    assert!(ReadOptions::new().brackets("[]").read("[S x").is_err());
}

#[test]
fn navigation_and_positions() {
    let t = Tree::fromstring("(S (NP (D the) (N dog)) x (VP (V ran)))").unwrap();
    let post = t.treepositions(TreeOrder::Postorder);
    assert_eq!(post.first(), Some(&vec![0, 0, 0]));
    assert_eq!(post.last(), Some(&vec![]));
    let both = t.treepositions(TreeOrder::Bothorder);
    assert_eq!(both.len(), 2 * t.subtrees().count() + t.leaves().len());
    assert_eq!(t.leaf_treeposition(2), Some(vec![1]));
    assert_eq!(t.get(&[1]), Some(&Child::Leaf("x".into())));
    let p = ParentedTree::new(&t);
    let x = p.find(|p, id| p.is_leaf(id) && p.label(id) == "x").unwrap();
    assert_eq!(p.label(p.left_sibling(x).unwrap()), "NP");
    assert_eq!(p.label(p.right_sibling(x).unwrap()), "VP");
    assert_eq!(p.parent(p.root_id()), None);
    assert_eq!(p.to_tree(p.parent(x).unwrap()).unwrap(), t);
}
