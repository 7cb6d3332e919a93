"""nlkit's Python API gives NLTK 3.10.4's answers on real text."""

import itertools

import pytest

import nlkit


def test_word_and_sent_tokenize(nltk, texts, lines):
    for t in texts:
        assert nlkit.sent_tokenize(t) == nltk.sent_tokenize(t)
        assert nlkit.word_tokenize(t) == nltk.word_tokenize(t)
    for l in lines[:300]:
        assert nlkit.word_tokenize(l, preserve_line=True) == nltk.word_tokenize(l, preserve_line=True)


def test_batches_equal_single_calls(nltk, texts):
    assert nlkit.word_tokenize(texts) == [nltk.word_tokenize(t) for t in texts]
    assert nlkit.sent_tokenize(tuple(texts)) == [nltk.sent_tokenize(t) for t in texts]


def test_pos_tag(nltk, texts):
    sents = [nltk.word_tokenize(s) for t in texts[:2] for s in nltk.sent_tokenize(t)][:120]
    assert nlkit.pos_tag(sents[0]) == nltk.pos_tag(sents[0])
    assert nlkit.pos_tag(sents[1], tagset="universal") == nltk.pos_tag(sents[1], tagset="universal")
    assert nlkit.pos_tag_sents(sents) == nltk.pos_tag_sents(sents)
    assert nlkit.pos_tag_sents(sents, tagset="universal") == nltk.pos_tag_sents(sents, tagset="universal")
    assert nlkit.pos_tag([]) == nltk.pos_tag([])
    tagger = nlkit.PerceptronTagger()
    assert tagger.tag(sents[2]) == nltk.tag.PerceptronTagger().tag(sents[2])
    assert tagger.tag_sents(sents[:5]) == nltk.tag.PerceptronTagger().tag_sents(sents[:5])


def test_treebank_and_detokenizer(nltk, lines):
    from nltk.tokenize import NLTKWordTokenizer, TreebankWordDetokenizer, TreebankWordTokenizer
    tb, ntb, dt = TreebankWordTokenizer(), NLTKWordTokenizer(), TreebankWordDetokenizer()
    ours, ours_n, ours_d = nlkit.TreebankWordTokenizer(), nlkit.NLTKWordTokenizer(), nlkit.TreebankWordDetokenizer()
    for l in lines[:400] + ["He said (quietly) \"no\" -- [x] {y}", "“Don't”, she said."]:
        for cp in (False, True):
            assert ours.tokenize(l, convert_parentheses=cp) == tb.tokenize(l, convert_parentheses=cp)
            assert ours_n.tokenize(l, convert_parentheses=cp) == ntb.tokenize(l, convert_parentheses=cp)
        with pytest.warns(DeprecationWarning):
            assert ours.tokenize(l, return_str=True) == tb.tokenize(l, return_str=True)
        assert list(ours.span_tokenize(l)) == list(tb.span_tokenize(l))
        toks = tb.tokenize(l)
        assert ours_d.detokenize(toks) == dt.detokenize(toks)
        toks = tb.tokenize(l, convert_parentheses=True)
        assert ours_d.detokenize(toks, convert_parentheses=True) == dt.detokenize(toks, convert_parentheses=True)


def test_tweet_options(nltk, lines):
    from nltk.tokenize import TweetTokenizer
    extra = ["@remy: This is waaaaayyyy too much for you!!!!!! :-) <3 #nlp http://t.co/x 555-123-4567",
             "RT @user_1: Héllo WORLD :D :P ;-) &amp; 2022-01-01 +1 (800) 555 0000"]
    for opts in itertools.product([True, False], repeat=4):
        kw = dict(zip(["preserve_case", "reduce_len", "strip_handles", "match_phone_numbers"], opts))
        a, b = nlkit.TweetTokenizer(**kw), TweetTokenizer(**kw)
        for l in lines[:60] + extra:
            assert a.tokenize(l) == b.tokenize(l), (kw, l)


def test_toktok_and_regexp(nltk, lines):
    from nltk.tokenize import RegexpTokenizer, ToktokTokenizer, WordPunctTokenizer
    tt = ToktokTokenizer()
    for l in lines[:300] + ["Hi, you & me|them... ¿Qué? «Ja» 3.14 $5"]:
        assert nlkit.ToktokTokenizer().tokenize(l) == tt.tokenize(l)
        assert nlkit.ToktokTokenizer().tokenize(l, return_str=True) == tt.tokenize(l, return_str=True)
        assert nlkit.WordPunctTokenizer().tokenize(l) == WordPunctTokenizer().tokenize(l)
    for pat, gaps in ((r"\w+|\$[\d\.]+|\S+", False), (r"\s+", True), (r"[A-Z]\w+", False)):
        a, b = nlkit.RegexpTokenizer(pat, gaps=gaps), RegexpTokenizer(pat, gaps=gaps)
        for l in lines[:100]:
            assert a.tokenize(l) == b.tokenize(l)
            assert list(a.span_tokenize(l)) == list(b.span_tokenize(l))


def test_punkt_pretrained_and_trained(nltk, texts):
    from nltk.tokenize import PunktSentenceTokenizer, PunktTokenizer
    pre = nlkit.PunktTokenizer()
    for t in texts:
        assert pre.tokenize(t) == PunktTokenizer().tokenize(t)
        assert list(pre.span_tokenize(t)) == list(PunktTokenizer().span_tokenize(t))
        assert pre.tokenize(t, realign_boundaries=False) == PunktTokenizer().tokenize(t, realign_boundaries=False)
    train = "\n".join(texts[:4])
    ours, theirs = nlkit.PunktSentenceTokenizer(train), PunktSentenceTokenizer(train)
    assert ours.abbrev_types() == sorted(theirs._params.abbrev_types)
    for t in texts:
        assert ours.tokenize(t) == theirs.tokenize(t)
    assert nlkit.PunktSentenceTokenizer().tokenize(texts[0]) == PunktSentenceTokenizer().tokenize(texts[0])


def test_stemmers(nltk, vocab):
    from nltk.stem import LancasterStemmer, PorterStemmer, SnowballStemmer
    for mode in ("NLTK_EXTENSIONS", "MARTIN_EXTENSIONS", "ORIGINAL_ALGORITHM"):
        a, b = nlkit.PorterStemmer(mode), PorterStemmer(mode)
        assert [a.stem(w) for w in vocab] == [b.stem(w) for w in vocab]
        assert [a.stem(w, to_lowercase=False) for w in vocab] == [b.stem(w, to_lowercase=False) for w in vocab]
        assert a.stem_many(vocab) == [b.stem(w) for w in vocab]
    for lang in ("english", "porter", "german", "french", "spanish", "dutch", "russian"):
        a, b = nlkit.SnowballStemmer(lang), SnowballStemmer(lang)
        assert [a.stem(w) for w in vocab] == [b.stem(w) for w in vocab], lang
    a, b = nlkit.SnowballStemmer("english", ignore_stopwords=True), SnowballStemmer("english", ignore_stopwords=True)
    assert [a.stem(w) for w in vocab] == [b.stem(w) for w in vocab]
    assert nlkit.SnowballStemmer.languages == SnowballStemmer.languages
    for flag in (False, True):
        a, b = nlkit.LancasterStemmer(strip_prefix_flag=flag), LancasterStemmer(strip_prefix_flag=flag)
        assert [a.stem(w) for w in vocab] == [b.stem(w) for w in vocab]
    rules = ("ssen4>", "s1t.")
    assert ([nlkit.LancasterStemmer(rules).stem(w) for w in vocab]
            == [LancasterStemmer(rules).stem(w) for w in vocab])


def test_lemmatizer(nltk, vocab):
    from nltk.stem import WordNetLemmatizer
    a, b = nlkit.WordNetLemmatizer(), WordNetLemmatizer()
    words = [w.lower() for w in vocab[:1500]] + ["geese", "better", "ran", "leaves", "abaci", "wolves"]
    for pos in "nvars":
        assert [a.lemmatize(w, pos) for w in words] == [b.lemmatize(w, pos) for w in words], pos
    assert a.lemmatize_many(words, ["v"] * len(words)) == [b.lemmatize(w, "v") for w in words]


def test_freqdist_and_ngrams(nltk, texts):
    toks = nltk.word_tokenize(texts[0])
    a, b = nlkit.FreqDist(toks), nltk.FreqDist(toks)
    assert dict(a) == dict(b) and a.N() == b.N() and a.B() == b.B()
    assert list(a)[:50] == list(b)[:50]
    assert a.most_common(20) == b.most_common(20)
    assert a.hapaxes() == b.hapaxes() and a.max() == b.max()
    assert a.freq("the") == b.freq("the") and dict(a.r_Nr()) == dict(b.r_Nr())
    assert repr(a) == repr(b) and str(a) == str(b)
    for n in (1, 2, 3, 5):
        assert list(nlkit.ngrams(toks, n)) == list(nltk.ngrams(toks, n))
        assert (list(nlkit.ngrams(toks[:10], n, pad_left=True, pad_right=True, left_pad_symbol="<s>"))
                == list(nltk.ngrams(toks[:10], n, pad_left=True, pad_right=True, left_pad_symbol="<s>")))
    assert list(nlkit.bigrams(toks)) == list(nltk.bigrams(toks))
    assert list(nlkit.everygrams(toks[:30], 1, 4)) == list(nltk.everygrams(toks[:30], 1, 4))
