//! VADER: NLTK's sentiment.doctest (Vader part) as Rust tests, the
//! committed parity sample (tests/parity/sentiment/*.jsonl, written by
//! scripts/parity/sentiment.py), and a live comparison with the NLTK oracle.
mod common;

use nlkit::sentiment::SentimentIntensityAnalyzer;

fn analyzer() -> Option<SentimentIntensityAnalyzer> {
    let data = common::nltk_data()?;
    Some(SentimentIntensityAnalyzer::load(Some(&data)).expect("vader_lexicon in .nltk_data"))
}

/// NLTK's sentiment.doctest: sentence, then neg, neu, pos, compound as printed there.
const DOCTEST: &[(&str, [f64; 4])] = &[
    (
        r#"VADER is smart, handsome, and funny."#,
        [0.0, 0.254, 0.746, 0.8316],
    ),
    (
        r#"VADER is smart, handsome, and funny!"#,
        [0.0, 0.248, 0.752, 0.8439],
    ),
    (
        r#"VADER is very smart, handsome, and funny."#,
        [0.0, 0.299, 0.701, 0.8545],
    ),
    (
        r#"VADER is VERY SMART, handsome, and FUNNY."#,
        [0.0, 0.246, 0.754, 0.9227],
    ),
    (
        r#"VADER is VERY SMART, handsome, and FUNNY!!!"#,
        [0.0, 0.233, 0.767, 0.9342],
    ),
    (
        r#"VADER is VERY SMART, really handsome, and INCREDIBLY FUNNY!!!"#,
        [0.0, 0.294, 0.706, 0.9469],
    ),
    (r#"The book was good."#, [0.0, 0.508, 0.492, 0.4404]),
    (r#"The book was kind of good."#, [0.0, 0.657, 0.343, 0.3832]),
    (
        r#"The plot was good, but the characters are uncompelling and the dialog is not great."#,
        [0.327, 0.579, 0.094, -0.7042],
    ),
    (
        r#"A really bad, horrible book."#,
        [0.791, 0.209, 0.0, -0.8211],
    ),
    (
        r#"At least it isn't a horrible book."#,
        [0.0, 0.637, 0.363, 0.431],
    ),
    (r#":) and :D"#, [0.0, 0.124, 0.876, 0.7925]),
    (r#""#, [0.0, 0.0, 0.0, 0.0]),
    (r#"Today sux"#, [0.714, 0.286, 0.0, -0.3612]),
    (r#"Today sux!"#, [0.736, 0.264, 0.0, -0.4199]),
    (r#"Today SUX!"#, [0.779, 0.221, 0.0, -0.5461]),
    (
        r#"Today kinda sux! But I'll get by, lol"#,
        [0.138, 0.517, 0.344, 0.5249],
    ),
    (
        r#"It was one of the worst movies I've seen, despite good reviews."#,
        [0.394, 0.606, 0.0, -0.7584],
    ),
    (r#"Unbelievably bad acting!!"#, [0.686, 0.314, 0.0, -0.6572]),
    (r#"Poor direction."#, [0.756, 0.244, 0.0, -0.4767]),
    (r#"VERY poor production."#, [0.674, 0.326, 0.0, -0.6281]),
    (r#"The movie was bad."#, [0.538, 0.462, 0.0, -0.5423]),
    (r#"Very bad movie."#, [0.655, 0.345, 0.0, -0.5849]),
    (r#"VERY bad movie."#, [0.694, 0.306, 0.0, -0.6732]),
    (r#"VERY BAD movie."#, [0.724, 0.276, 0.0, -0.7398]),
    (r#"VERY BAD movie!"#, [0.735, 0.265, 0.0, -0.7616]),
    (
        r#"Most automated sentiment analysis tools are shit."#,
        [0.375, 0.625, 0.0, -0.5574],
    ),
    (
        r#"VADER sentiment analysis is the shit."#,
        [0.0, 0.556, 0.444, 0.6124],
    ),
    (
        r#"Sentiment analysis has never been good."#,
        [0.325, 0.675, 0.0, -0.3412],
    ),
    (
        r#"Sentiment analysis with VADER has never been this good."#,
        [0.0, 0.703, 0.297, 0.5228],
    ),
    (
        r#"Warren Beatty has never been so entertaining."#,
        [0.0, 0.616, 0.384, 0.5777],
    ),
    (
        r#"I won't say that the movie is astounding and I wouldn't claim that the movie is too banal either."#,
        [0.0, 0.851, 0.149, 0.4215],
    ),
    (
        r#"I like to hate Michael Bay films, but I couldn't fault this one"#,
        [0.157, 0.534, 0.309, 0.3153],
    ),
    (
        r#"I like to hate Michael Bay films, BUT I couldn't help but fault this one"#,
        [0.277, 0.477, 0.246, -0.1531],
    ),
    (
        r#"It's one thing to watch an Uwe Boll film, but another thing entirely to pay for it"#,
        [0.112, 0.888, 0.0, -0.2541],
    ),
    (r#"The movie was too good"#, [0.0, 0.58, 0.42, 0.4404]),
    (
        r#"This movie was actually neither that funny, nor super witty."#,
        [0.41, 0.59, 0.0, -0.6759],
    ),
    (
        r#"This movie doesn't care about cleverness, wit or any other kind of intelligent humor."#,
        [0.265, 0.497, 0.239, -0.1338],
    ),
    (
        r#"Those who find ugly meanings in beautiful things are corrupt without being charming."#,
        [0.314, 0.493, 0.192, -0.3553],
    ),
    (
        r#"There are slow and repetitive parts, BUT it has just enough spice to keep it interesting."#,
        [0.079, 0.735, 0.186, 0.4678],
    ),
    (
        r#"The script is not fantastic, but the acting is decent and the cinematography is EXCELLENT!"#,
        [0.092, 0.607, 0.301, 0.7565],
    ),
    (
        r#"Roger Dodger is one of the most compelling variations on this theme."#,
        [0.0, 0.834, 0.166, 0.2944],
    ),
    (
        r#"Roger Dodger is one of the least compelling variations on this theme."#,
        [0.132, 0.868, 0.0, -0.1695],
    ),
    (
        r#"Roger Dodger is at least compelling as a variation on the theme."#,
        [0.0, 0.84, 0.16, 0.2263],
    ),
    (
        r#"they fall in love with the product"#,
        [0.0, 0.588, 0.412, 0.6369],
    ),
    (r#"but then it breaks"#, [0.0, 1.0, 0.0, 0.0]),
    (
        r#"usually around the time the 90 day warranty expires"#,
        [0.0, 1.0, 0.0, 0.0],
    ),
    (
        r#"the twin towers collapsed today"#,
        [0.344, 0.656, 0.0, -0.2732],
    ),
    (
        r#"However, Mr. Carter solemnly argues, his client carried out the kidnapping under orders and in the ''least offensive way possible.''"#,
        [0.23, 0.697, 0.074, -0.5859],
    ),
];

#[test]
fn nltk_sentiment_doctest() {
    let Some(vader) = analyzer() else { return };
    for (text, [neg, neu, pos, compound]) in DOCTEST {
        let s = vader.polarity_scores(text);
        assert_eq!(
            [s.neg, s.neu, s.pos, s.compound],
            [*neg, *neu, *pos, *compound],
            "{text:?}"
        );
    }
}

#[test]
fn committed_sample_equals_nltk() {
    let Some(vader) = analyzer() else { return };
    let mut n = 0;
    for (file, line, v) in common::parity_cases("sentiment") {
        let text = v["text"].as_str().expect("text");
        let want = v["nltk"].as_str().expect("nltk");
        assert_eq!(
            vader.polarity_scores(text).to_json(),
            want,
            "{file}:{line}: {text:?}"
        );
        n += 1;
    }
    assert!(n >= 100, "only {n} cases");
}

#[test]
fn live_oracle_agrees() {
    let Some(data) = common::nltk_data() else {
        return;
    };
    let sentences = [
        "The food was GREAT!!! but the service was not good at all :(",
        "I don't think this is the bomb, it's kind of meh...",
        "NEVER so happy!?!? Not bad, not bad at all",
        "At least it isn't horrible. Yeah right.",
        "He cut the mustard but it was the kiss of death 😀 😡",
        "Kinda sorta GOOD, very very BAD, extremely :) <3",
        "\u{1c5}UN ÉTÉ TRÈS BEAU but sad\u{a0}day",
        "hello hello HELLO love love LOVE!!!!!",
        "least good, very least good, at least good",
        "it is not the shit, hand to mouth living sucks",
        "",
        "   ",
        "!!!???",
        "no nope nowhere nothing without despite good",
        "The plot was good, but the characters are uncompelling and the dialog is not great.",
        "Σ ΟΔΟΣ is GOOD, İSTANBUL is GREAT",
        "sort of good; just enough fun, kind of dull",
        "NOT GOOD. NOT BAD. Not Good.",
        "wow...amazing,,, lol!!",
        "can't won't shouldn't n't ain't uh-uh fun",
        "this is so so so good",
        "never this good, never so bad, never really good",
        "BUT but But good bad",
        ":-) :( :D xD ;) ^_^ D: =)",
        "the bomb the shit bad ass yeah right",
        "great great great great great great great great great",
        "?!?great great!?! !!good good!!! 'fine' \"nice\"",
        "terrible horrible no good very bad day",
        "I LOVE IT",
        "I love IT",
        // more than 24 distinct lexicon words, then repeats in new contexts
        // (the first occurrence's score is reused past the linear scan)
        "good bad happy sad love hate great terrible nice awful fun boring best worst amazing \
         horrible beautiful ugly win lose like dislike glad angry joy fear hope not good, NOT \
         happy, kind of love, very HATE, never so great, at least nice but fun!! Good good",
    ];
    let script = "import sys, json\nfrom nltk.sentiment.vader import SentimentIntensityAnalyzer\n\
        s = SentimentIntensityAnalyzer()\n\
        for line in sys.stdin.read().split('\\n')[:-1]:\n    print(json.dumps(s.polarity_scores(line)))\n";
    let input: String = sentences.iter().map(|s| format!("{s}\n")).collect();
    let Some(out) = common::run_nltk(script, &input) else {
        return;
    };
    let vader = SentimentIntensityAnalyzer::load(Some(&data)).expect("lexicon");
    let want: Vec<&str> = out.lines().collect();
    assert_eq!(want.len(), sentences.len());
    for (s, w) in sentences.iter().zip(want) {
        assert_eq!(vader.polarity_scores(s).to_json(), w, "{s:?}");
    }
}
