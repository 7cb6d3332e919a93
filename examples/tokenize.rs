//! Tokenizers and sentence splitting, as NLTK users know them.
//!
//! Run: `cargo run --example tokenize -- "Mr. Smith's dog didn't bark. @bob :-) #fun"`

use nlkit::prelude::*;
use nlkit::tokenize::{NLTKWordTokenizer, TreebankWordDetokenizer, TweetTokenizer};

fn main() -> nlkit::Result<()> {
    let text = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "Mr. Smith's dog didn't bark. @bob :-) #fun".into());
    // nltk.sent_tokenize / nltk.word_tokenize
    for s in sent_tokenize(&text) {
        println!("sentence: {s}");
    }
    println!("word_tokenize: {:?}", word_tokenize(&text));
    // tokens with byte spans, in one pass
    for (tok, span) in NLTKWordTokenizer::new().tokens_with_spans(&text)? {
        println!("{tok}\t{}..{}", span.start, span.end);
    }
    // TweetTokenizer keeps handles, emoticons and hashtags whole
    println!("tweet: {:?}", TweetTokenizer::new().tokenize(&text));
    // and back to text
    let toks = word_tokenize(&text);
    let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
    println!(
        "detokenized: {}",
        TreebankWordDetokenizer::new().detokenize(&refs)
    );
    Ok(())
}
