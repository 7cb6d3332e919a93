//! Feature-structure reader on arbitrary text: a structure (whose repr,
//! str, self-unification and self-subsumption must not panic or overflow) or an error.
//! With a tab, the two structures either side of it are unified, and the
//! common-case unification must agree with the general algorithm (run by
//! passing an empty bindings dict) whenever no variable gets bound to a
//! structure (NLTK forwards those only for the caller's bindings).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::featstruct::{Bindings, FeatStruct, FeatValue};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Some((a, b)) = s.split_once('\t') {
        let (Ok(a), Ok(b)) = (FeatStruct::fromstring(a), FeatStruct::fromstring(b)) else {
            return;
        };
        let fast = a.unify(&b).map(|u| u.map(|u| u.repr()));
        let mut bindings = Bindings::new();
        let general = a
            .unify_full(&b, Some(&mut bindings), true)
            .map(|u| u.map(|u| u.repr()));
        if !bindings.values().any(|v| matches!(v, FeatValue::Struct(_))) {
            match (fast, general) {
                (Ok(x), Ok(y)) => assert_eq!(x, y),
                (Err(_), Err(_)) => {}
                (x, y) => panic!("unify {x:?} but the general algorithm {y:?}"),
            }
        }
        return;
    }
    if let Ok(fs) = FeatStruct::fromstring(s) {
        let _ = fs.repr();
        let _ = fs.to_string();
        if let Ok(Some(u)) = fs.unify(&fs) {
            let _ = u.repr();
        }
        let _ = fs.subsumes(&fs);
    }
});
