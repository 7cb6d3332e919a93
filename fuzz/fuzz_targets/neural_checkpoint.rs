//! Loading a neural sequence labeller from arbitrary bytes: `config.json`
//! and `model.safetensors` (split at the first NUL byte; the config's
//! weights checksum is set to the weights' own, so that the weights and the
//! shape checks are reached), then labelling a sentence: a model or an
//! error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit::neural::labeller::{weights_checksum, SequenceLabeller};

fuzz_target!(|data: &[u8]| {
    let cut = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (json, weights) = (&data[..cut], data.get(cut + 1..).unwrap_or(&[]));
    let json = match serde_json::from_slice::<serde_json::Value>(json) {
        Ok(serde_json::Value::Object(mut m)) => {
            m.insert("weights_fnv1a64".into(), weights_checksum(weights).into());
            serde_json::to_vec(&m).unwrap_or_default()
        }
        _ => json.to_vec(),
    };
    let dev = candle_core::Device::Cpu;
    if let Ok(m) = SequenceLabeller::from_bytes(&json, weights, "fuzz".as_ref(), &dev) {
        let tags = m.label(&["A", "sentence", "."]).expect("a loaded model labels");
        assert_eq!(tags.len(), 3);
    }
});
