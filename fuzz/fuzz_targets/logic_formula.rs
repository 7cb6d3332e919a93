//! First-order logic formulas (NLTK's `Expression.fromstring`): parse
//! arbitrary text; what parses is printed, simplified, compared and its
//! variables listed, none of which may panic or overflow the stack.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::sem::logic::Expression;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(e) = Expression::fromstring(text) {
        let printed = e.to_string();
        let _ = Expression::fromstring(&printed);
        let _ = e.free();
        let _ = e.constants();
        let _ = e.predicates();
        if let Ok(s) = e.simplify() {
            let _ = s.to_string();
            let _ = s.equals(&e);
        }
        let _ = e.normalize();
    }
});
