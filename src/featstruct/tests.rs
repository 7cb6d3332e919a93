use super::*;

fn fs(s: &str) -> FeatStruct {
    FeatStruct::fromstring(s).unwrap()
}

#[test]
fn repr_sorts_and_quotes() {
    assert_eq!(
        fs("[NUM='sg', AGR=[PER=3], +aux]").repr(),
        "[AGR=[PER=3], NUM='sg', +aux]"
    );
    assert_eq!(fs("[a=\"it's\"]").repr(), "[a=\"it's\"]");
    assert_eq!(fs("[a=b, c=None, d=True]").repr(), "[a='b', c=None, +d]");
    assert_eq!(fs("[1, [a=2], ?x, 'y']").repr(), "[1, [a=2], ?x, 'y']");
}

#[test]
fn reentrance_and_cycles() {
    let f = fs("[a=(1)[b=1], c->(1)]");
    assert_eq!(f.repr(), "[a=(1)[b=1], c->(1)]");
    let cyc = fs("(1)[a->(1)]");
    assert_eq!(cyc.repr(), "(1)[a->(1)]");
    assert_eq!(cyc.to_string(), "(1) [ a -> (1) ]");
    let u = cyc.unify(&fs("[a=[a=[b=2]]]")).unwrap().unwrap();
    assert_eq!(u.repr(), "(1)[a->(1), b=2]");
    assert!(cyc.equal_values(&cyc.clone(), true));
}

#[test]
fn unify_renames_and_binds() {
    let u = fs("[a=?x, b=?x]").unify(&fs("[a=1]")).unwrap().unwrap();
    assert_eq!(u.repr(), "[a=1, b=1]");
    let u = fs("[a=?x]").unify(&fs("[b=?x, c=?x2]")).unwrap().unwrap();
    assert_eq!(u.repr(), "[a=?x, b=?x3, c=?x2]");
    assert!(fs("[a=[b=1]]").unify(&fs("[a=1]")).unwrap().is_none());
    assert!(fs("[1, 2]").unify(&fs("[1]")).unwrap().is_none());
}

#[test]
fn subsumes_is_directional() {
    assert!(fs("[a=?x]").subsumes(&fs("[a=1]")).unwrap());
    assert!(!fs("[a=1]").subsumes(&fs("[a=?x]")).unwrap());
}

#[test]
fn bad_input_has_position() {
    let e = FeatStruct::fromstring("[a=1 b=2]").unwrap_err().to_string();
    assert_eq!(
        e,
        "Error parsing feature structure\n    [a=1 b=2]\n        ^ Expected comma"
    );
    for bad in [
        "",
        "[",
        "[a=",
        "[a->(9)]",
        "(1)[a=(1)[]]",
        "[a=1]]",
        "[a=1, a=2]",
        "[a='x]",
    ] {
        assert!(FeatStruct::fromstring(bad).is_err(), "{bad}");
    }
    assert!(FeatStruct::fromstring("[a=([b=1], 2)]")
        .unwrap_err()
        .to_string()
        .contains("not supported"));
    // A logic value NLTK's logic parser rejects: the position of the value.
    let e = FeatStruct::fromstring("[a=<P(>]").unwrap_err().to_string();
    assert!(e.ends_with("^ Expected logic expression"), "{e}");
    assert!(FeatStruct::fromstring("[*bad*=1]").is_err());
    assert!(FeatStruct::fromstring("[a=99999999999999999999999]").is_err());
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let n = 100_000;
    let s = format!("{}1{}", "[a=".repeat(n), "]".repeat(n));
    let e = FeatStruct::fromstring(&s).unwrap_err().to_string();
    assert!(e.contains("exceeds MAX_DEPTH (100)"), "{e}");
    let ok = format!(
        "{}1{}",
        "[a=".repeat(MAX_DEPTH - 1),
        "]".repeat(MAX_DEPTH - 1)
    );
    let f = FeatStruct::fromstring(&ok).unwrap();
    assert_eq!(f.unify(&f).unwrap().unwrap().repr(), f.repr());
    let lists = format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(FeatStruct::fromstring(&lists).is_err());
}

/// `[k99999=(1)[], k99998=(2)[p->(1)], ...]`: shallow text, a deep chain.
fn chain(n: usize) -> String {
    let mut parts = vec![format!("k{:06}=(1)[]", n)];
    for i in 2..=n {
        parts.push(format!("k{:06}=({i})[p->({})]", n + 1 - i, i - 1));
    }
    format!("[{}]", parts.join(", "))
}

#[test]
fn deep_reentrance_chains_are_refused() {
    let e = FeatStruct::fromstring(&chain(100_000))
        .unwrap_err()
        .to_string();
    assert!(e.contains("deeper than 250"), "{e}");
    let ok = fs(&chain(240));
    assert!(ok.repr().len() > 240);
    assert!(ok.to_string().len() > 240);
    assert!(ok.unify(&ok).unwrap().is_some());
    assert!(ok.subsumes(&ok).unwrap());
}

#[test]
fn logic_values_type_prefix_and_slash() {
    let fs = FeatStruct::fromstring(r"NP[NUM='sg', SEM=<\x.dog(x)>]/NP").unwrap();
    assert_eq!(fs.repr(), r"NP[NUM='sg', SEM=<\x.dog(x)>]/NP[]");
    // Alpha-equivalent expressions unify; different ones do not.
    let a = FeatStruct::fromstring(r"[SEM=<\x.dog(x)>]").unwrap();
    let b = FeatStruct::fromstring(r"[SEM=<\y.dog(y)>]").unwrap();
    let c = FeatStruct::fromstring(r"[SEM=<\y.cat(y)>]").unwrap();
    assert!(a.unify(&b).unwrap().is_some());
    assert!(a.unify(&c).unwrap().is_none());
    // Variables inside expressions are substituted after unification.
    let d = FeatStruct::fromstring(r"[SUBJ=?s, SEM=<?vp(?s)>]").unwrap();
    let e = FeatStruct::fromstring(r"[SUBJ=<john>, SEM=?z]").unwrap();
    let u = d.unify(&e).unwrap().unwrap();
    assert_eq!(u.repr(), r"[SEM=<?vp(john)>, SUBJ=<john>]");
    // The slash feature defaults to False.
    let np = FeatStruct::fromstring("NP[]").unwrap();
    let slashed = FeatStruct::fromstring("NP[]/VP").unwrap();
    assert!(np.unify(&slashed).unwrap().is_none());
}

#[test]
fn tuples_sets_and_concatenation() {
    let fs = FeatStruct::fromstring("[a=(1, 'x', ?y), b={b, a}, c=(), d={/}]").unwrap();
    assert_eq!(fs.repr(), "[a=(1, x, ?y), b={a, b}, c=(), d={/}]");
    // A concatenation collapses into a tuple once its variables are bound.
    let g = FeatStruct::fromstring("[x=?n, s=(?n + WHERE + ?v), v='c']").unwrap();
    let h = FeatStruct::fromstring("[x=(SELECT, City), v=?v]").unwrap();
    let u = g.unify(&h).unwrap().unwrap();
    assert_eq!(u.get(&["s"]).unwrap().repr(), "(SELECT, City, WHERE, c)");
    let e = FeatStruct::fromstring("[a=(1 2)]").unwrap_err().to_string();
    assert!(e.ends_with("^ Expected ',' or '+' or '\\)'"), "{e}");
}

/// Unification without up-front copies (`overlay.rs`) on reentrant inputs
/// on either side, merged nodes of one input, cycles, lists and renamed
/// variables: NLTK 3.10.4's answers, and the general algorithm's (run by
/// passing an empty bindings dict) agrees.
#[test]
fn overlay_unification_matches_nltk_and_general_path() {
    let cases = [
        (
            "[a=[p=1], b=[q=2]]",
            "[a=(1)[], b->(1)]",
            "[a=(1)[p=1, q=2], b->(1)]",
        ),
        (
            "[a=(1)[], b->(1)]",
            "[a=[x=1], b=[y=2]]",
            "[a=(1)[x=1, y=2], b->(1)]",
        ),
        (
            "[b=[q=2]]",
            "[a=(1)[p=1], b->(1)]",
            "[a=(1)[p=1, q=2], b->(1)]",
        ),
        ("[[a=1], [b=2]]", "[(1)[], ->(1)]", "[(1)[a=1, b=2], ->(1)]"),
        (
            "[a=(1)[b=(2)[c=1]], d->(2), e->(1)]",
            "[a=[b=[e=3]], d=[f=4], e=[g=5]]",
            "[a=(1)[b=(2)[c=1, e=3, f=4], g=5], d->(2), e->(1)]",
        ),
        (
            "(1)[a->(1), b=1]",
            "[a=[a=[a=[c=2]]]]",
            "(1)[a->(1), b=1, c=2]",
        ),
        (
            "[a=?x, c=[d=?y]]",
            "[b=?x, c=[e=?y, f=?x]]",
            "[a=?x, b=?x2, c=[d=?y, e=?y2, f=?x2]]",
        ),
        ("[a=[p=1], b=[p=2]]", "[a=(1)[], b->(1)]", "None"),
    ];
    for (a, b, want) in cases {
        let (a, b) = (fs(a), fs(b));
        let got = a.unify(&b).unwrap().map_or("None".into(), |u| u.repr());
        assert_eq!(got, want);
        let mut bindings = crate::featstruct::Bindings::new();
        let general = a
            .unify_full(&b, Some(&mut bindings), true)
            .unwrap()
            .map_or("None".into(), |u| u.repr());
        assert_eq!(general, want);
        // The result is a structure like any other: unified again, printed.
        if let Some(u) = a.unify(&b).unwrap() {
            assert_eq!(u.unify(&u).unwrap().unwrap().repr(), want);
            assert!(u.equal_values(&fs(want), true));
        }
    }
}

/// The common-case unification and the general algorithm agree, both
/// ways round, on the random pairs of the parity data (the general
/// algorithm run directly, without caller bindings, as `unify` would), and
/// with an empty bindings dict wherever no variable gets bound to a
/// structure (NLTK forwards those only for the caller's bindings), the same
/// check as the `featstruct` fuzz target.
#[test]
fn overlay_agrees_with_general_path_on_random_pairs() {
    let data = include_str!("../../tests/parity/featstruct/random.jsonl");
    let (mut compared, mut bound, mut to_struct) = (0, 0, 0);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let c: serde_json::Value = serde_json::from_str(line).unwrap();
        let a = fs(c["a"].as_str().unwrap());
        let b = fs(c["b"].as_str().unwrap());
        for (x, y) in [(&a, &b), (&b, &a), (&a, &a)] {
            let fast = x.unify(y).unwrap().map(|u| u.repr());
            let direct = x
                .unify_general(y, None, true, true)
                .unwrap()
                .map(|u| u.repr());
            assert_eq!(fast, direct, "{line}");
            let mut bindings = crate::featstruct::Bindings::new();
            let general = x
                .unify_full(y, Some(&mut bindings), true)
                .unwrap()
                .map(|u| u.repr());
            let structs = bindings
                .values()
                .any(|v| matches!(v, crate::featstruct::FeatValue::Struct(_)));
            if structs {
                to_struct += 1;
            } else {
                assert_eq!(fast, general, "{line}");
                compared += 1;
                bound += usize::from(!bindings.is_empty());
            }
        }
    }
    assert!(compared > 4000, "{compared}");
    assert!(bound > 100, "{bound}");
    assert!(to_struct > 50, "{to_struct}");
}

/// Unification with `[]` on either side (`empty.rs`, a copy of the other
/// structure): NLTK 3.10.4's `repr()` and `str()`, the general algorithm's
/// answer, and the shortcut taken only where it applies (not for lists,
/// expressions or `*slash*`).
#[test]
fn unification_with_an_empty_dict_copies_the_other_side() {
    let cases = [
        (
            "[]",
            "(1)[c=[d=?x], a->(1), b=1]",
            Some("(1)[a->(1), b=1, c=[d=?x]]"),
            "    [ a -> (1)       ]\n(1) [ b = 1          ]\n    [                ]\n    [ c = [ d = ?x ] ]",
        ),
        (
            "[b=[x=(1)[y=2], z->(1)], a=?v]",
            "[]",
            Some("[a=?v, b=[x=(1)[y=2], z->(1)]]"),
            "[ a = ?v                    ]\n[                           ]\n[     [ x = (1) [ y = 2 ] ] ]\n[ b = [                   ] ]\n[     [ z -> (1)          ] ]",
        ),
        (
            "[]",
            "NP[num='sg', ?x=?y]",
            Some("NP[?x=?y, num='sg']"),
            "[ *type* = 'NP' ]\n[ ?x     = ?y   ]\n[ num    = 'sg' ]",
        ),
        ("[]", "[]", Some("[]"), "[]"),
        (
            "[]",
            "[z=[b=?x, a=(1)[-r, q='s']], +y, x->(1)]",
            Some("[x=(1)[q='s', -r], +y, z=[a->(1), b=?x]]"),
            "[ x = (1) [ q = 's'   ] ]\n[         [ r = False ] ]\n[                       ]\n[ y = True              ]\n[                       ]\n[ z = [ a -> (1) ]      ]\n[     [ b = ?x   ]      ]",
        ),
        ("[]", "[1, 2]", None, ""),
    ];
    for (a, b, want, drawn) in cases {
        let (a, b) = (fs(a), fs(b));
        assert!(super::empty::unify(&a, &b).is_some() == want.is_some());
        let got = a.unify(&b).unwrap();
        let general = a.unify_general(&b, None, true, true).unwrap();
        assert_eq!(got.as_ref().map(|u| u.repr()).as_deref(), want);
        assert_eq!(general.as_ref().map(|u| u.repr()).as_deref(), want);
        if let (Some(u), Some(g)) = (got, general) {
            assert_eq!(u.to_string(), drawn);
            assert_eq!(u.to_string(), g.to_string());
            assert_eq!(u.variables(), g.variables());
            assert!(u.equal_values(&g, true));
            assert_eq!(u.unify(&u).unwrap().unwrap().repr(), u.repr());
        }
    }
    // Outside the common case: left to the other paths.
    for (a, b) in [
        ("[]", r"[a=<\x.dog(x)>]"),
        ("[]", "S[a=1]/NP"),
        ("[a=(1, 2)]", "[]"),
    ] {
        assert!(super::empty::unify(&fs(a), &fs(b)).is_none(), "{a} {b}");
    }
}
