//! CoNLL-U reader on arbitrary bytes: sentences or a Format error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::corpus::conllu::ConlluReader;

fuzz_target!(|data: &[u8]| {
    for s in ConlluReader::new(data, "fuzz.conllu") {
        match s {
            Ok(s) => {
                let _ = s.forms();
            }
            Err(_) => break,
        }
    }
});
