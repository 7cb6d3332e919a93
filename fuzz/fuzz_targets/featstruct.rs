//! Feature-structure reader on arbitrary text: a structure (whose repr,
//! str, self-unification and self-subsumption must not panic or overflow) or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::featstruct::FeatStruct;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(fs) = FeatStruct::fromstring(s) {
        let _ = fs.repr();
        let _ = fs.to_string();
        if let Ok(Some(u)) = fs.unify(&fs) {
            let _ = u.repr();
        }
        let _ = fs.subsumes(&fs);
    }
});
