//! DRT expressions (NLTK's `DrtExpression.fromstring`): parse arbitrary
//! text; what parses is printed and read back, simplified, converted to
//! first-order logic, resolved, normalized and drawn, none of which may
//! panic or overflow the stack.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::sem::drt::DrtExpression;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(d) = DrtExpression::fromstring(text) {
        let printed = d.to_string();
        let _ = DrtExpression::fromstring(&printed);
        let _ = d.free();
        let _ = d.get_refs(true);
        let _ = d.pretty_format();
        let _ = d.fol();
        let _ = d.resolve_anaphora();
        let _ = d.eliminate_equality();
        if let Ok(s) = d.simplify() {
            let _ = s.to_string();
            let _ = s.equals(&d);
            let _ = s.fol();
        }
        let _ = d.normalize();
    }
});
