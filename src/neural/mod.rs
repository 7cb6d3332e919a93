//! Neural building blocks (candle), for the models that want more than a
//! linear model over sparse features.
//!
//! * [`Encoder`]: a BERT-style transformer encoder (such as
//!   all-MiniLM-L6-v2) loaded from a Hugging Face folder (`config.json`,
//!   `tokenizer.json`, `model.safetensors`); it gives every word of a
//!   pre-tokenized sentence the hidden states of all layers at the word's
//!   first word piece. nlkit's contextual taggers
//!   ([`crate::tag::ContextTagger`]) read them.
//!
//! * [`labeller`]: a trainable sequence labeller (word, shape and
//!   character features, a BiLSTM or dilated-CNN encoder, softmax or CRF)
//!   for POS tags, named entities and chunks, on the CPU or a CUDA GPU
//!   ([`parse_device`]).
//!
//! * Fine-tuning ([`finetune_tagger`], [`FineTunedTagger`]): the encoder
//!   trained end to end with a labelling layer for any tag column.
//!
//! The encoder runs on the CPU; the encoder's weights are not part of nlkit
//! (they are about 90 MB) and are read from the folder the user names.
//!
//! # Example
//! ```no_run
//! use nlkit::neural::Encoder;
//! let enc = Encoder::load(std::path::Path::new("all-MiniLM-L6-v2")).unwrap();
//! let states = enc.word_states(&["The", "cat", "sat"]).unwrap();
//! assert_eq!(states.dims(), &[3, enc.layers(), enc.hidden_size()]);
//! ```

mod any_labeller;
mod bert;
mod device;
mod finetune;
mod finetune_columns;
mod iob;
pub mod labeller;
mod ops;

pub use any_labeller::AnyLabeller;
pub use bert::Encoder;
pub use device::parse_device;
pub use finetune::{
    finetune_examples, finetune_tagger, FineTuneConfig, FineTunedTagger, FINETUNED_FORMAT,
    FINETUNED_VERSION,
};

/// Turns a candle error into nlkit's [`crate::Error::Model`].
pub(crate) fn candle_err(what: &str) -> impl Fn(candle_core::Error) -> crate::Error + '_ {
    move |e| crate::Error::Model(format!("{what}: {e}"))
}

/// The one result of a batch of one sentence: a batch call that returned
/// another number of results is a model defect, reported as
/// [`crate::Error::Model`] rather than turned into empty labels.
pub(crate) fn only_sentence<T>(mut batch: Vec<Vec<T>>) -> crate::Result<Vec<T>> {
    match (batch.pop(), batch.is_empty()) {
        (Some(one), true) => Ok(one),
        (one, _) => Err(crate::Error::Model(format!(
            "a batch of one sentence gave {} results",
            batch.len() + usize::from(one.is_some())
        ))),
    }
}
