"""patch_nltk(): NLTK's own functions, answered by nlkit, with NLTK's
results; options nlkit lacks fall through to NLTK; unpatch_nltk() restores."""

import pytest

import nlkit


@pytest.fixture
def patched(nltk, data_dir):
    nlkit.patch_nltk()
    yield nltk
    nlkit.unpatch_nltk()


def _results(nltk, texts):
    """What a typical NLTK script computes (through NLTK's own names)."""
    from nltk.stem import LancasterStemmer, PorterStemmer, SnowballStemmer, WordNetLemmatizer
    from nltk.tokenize import ToktokTokenizer, TreebankWordDetokenizer, TreebankWordTokenizer, TweetTokenizer
    out = []
    wnl, porter = WordNetLemmatizer(), PorterStemmer()
    for t in texts[:4]:
        t = t[:8000]
        sents = nltk.sent_tokenize(t)
        toks = [nltk.word_tokenize(s) for s in sents]
        tagged = nltk.pos_tag_sents(toks)
        out.append((sents, toks, tagged, nltk.pos_tag(toks[0], tagset="universal"),
                    nltk.tokenize.word_tokenize(t), nltk.tag.pos_tag(toks[-1])))
        words = [w for s in toks for w in s][:1500]
        out.append([porter.stem(w) for w in words])
        out.append([PorterStemmer("ORIGINAL_ALGORITHM").stem(w, to_lowercase=False) for w in words])
        out.append([SnowballStemmer("english").stem(w) for w in words])
        out.append([SnowballStemmer("german", ignore_stopwords=True).stem(w) for w in words])
        out.append([LancasterStemmer().stem(w) for w in words])
        out.append([wnl.lemmatize(w.lower(), "v") for w in words])
        out.append(TreebankWordTokenizer().tokenize(t[:3000], convert_parentheses=True))
        out.append(TreebankWordDetokenizer().detokenize(toks[0]))
        out.append(TweetTokenizer(reduce_len=True, strip_handles=True).tokenize(t[:3000]))
        out.append(ToktokTokenizer().tokenize(t[:3000]))
        chunker = nltk.RegexpParser("NP: {<DT>?<JJ.*>*<NN.*>+}\nPP: {<IN><NP>}\nVP: {<VB.*><NP|PP>+$}", loop=2)
        out.append([chunker.parse(s) for s in tagged[:40]])
    return out


def test_patched_results_equal_nltk(nltk, data_dir, texts):
    before = _results(nltk, texts)
    nlkit.patch_nltk()
    try:
        assert nlkit.is_patched()
        assert nltk.word_tokenize is not nltk.word_tokenize.__nlkit_original__
        assert nltk.word_tokenize is nltk.tokenize.word_tokenize
        assert nltk.pos_tag is nltk.tag.pos_tag
        during = _results(nltk, texts)
    finally:
        nlkit.unpatch_nltk()
    assert not nlkit.is_patched()
    assert before == during


def test_unpatch_restores_everything(nltk, data_dir):
    from nltk.stem import PorterStemmer
    from nltk.tokenize import TreebankWordTokenizer
    originals = (nltk.word_tokenize, nltk.tokenize.word_tokenize, nltk.sent_tokenize, nltk.pos_tag,
                 nltk.pos_tag_sents, PorterStemmer.__dict__["stem"], TreebankWordTokenizer.__dict__["tokenize"])
    nlkit.patch_nltk()
    nlkit.patch_nltk()  # idempotent
    assert nltk.word_tokenize is not originals[0]
    assert PorterStemmer.__dict__["stem"] is not originals[5]
    nlkit.unpatch_nltk()
    assert originals == (nltk.word_tokenize, nltk.tokenize.word_tokenize, nltk.sent_tokenize, nltk.pos_tag,
                         nltk.pos_tag_sents, PorterStemmer.__dict__["stem"],
                         TreebankWordTokenizer.__dict__["tokenize"])


def _outcome(f, *a, **kw):
    try:
        return ("ok", f(*a, **kw))
    except Exception as e:  # the exception type is part of NLTK's answer
        return ("raises", type(e))


@pytest.mark.parametrize("call", [
    lambda n: n.word_tokenize(b"bytes are not text"),
    lambda n: n.word_tokenize(None),
    lambda n: n.word_tokenize("x", language="klingon"),
    lambda n: n.sent_tokenize(123),
    lambda n: n.pos_tag("a string"),
    lambda n: n.pos_tag(["fine", "words"], tagset="brown"),
    lambda n: n.pos_tag(iter(["a", "generator"])),
    lambda n: n.pos_tag(["x"], lang="xyz"),
    lambda n: n.pos_tag_sents([["ok"], "not a list"]),
    lambda n: n.stem.PorterStemmer().stem(None),
    lambda n: n.stem.WordNetLemmatizer().lemmatize("dogs", pos="q"),
    lambda n: n.stem.LancasterStemmer(("ssen4>",)).stem("happiness"),
    lambda n: n.tokenize.TreebankWordTokenizer().tokenize(42),
    lambda n: n.tokenize.TweetTokenizer().tokenize(["list"]),
    lambda n: n.RegexpParser("NP: {<DT><NN>}").parse(n.Tree("S", [("the", "DT"), ("dog", "NN")])),
    lambda n: n.RegexpParser("NP: {<DT><NN>}").parse([("the", "DT"), ("dog",)]),
    lambda n: n.RegexpParser("NP: {<DT><NN>}").parse([["the", "DT"], ["dog", "NN"]]),
])
def test_fall_through_gives_nltk_answer(nltk, data_dir, call):
    before = _outcome(call, nltk)
    nlkit.patch_nltk()
    try:
        during = _outcome(call, nltk)
    finally:
        nlkit.unpatch_nltk()
    assert before == during


def test_subclasses_keep_nltk_code(patched):
    from nltk.tokenize import TreebankWordTokenizer

    class Mine(TreebankWordTokenizer):
        CONTRACTIONS2 = []

    assert Mine().tokenize("I cannot go.") == ["I", "cannot", "go", "."]


def test_fast_paths_are_taken(patched, monkeypatch):
    """Each patched entry point answers from nlkit (not by falling back)."""
    import nlkit.patch as P
    from nlkit import _native

    ok = set()

    class Spy:
        def __getattr__(self, name):
            obj = getattr(_native, name)

            def call(*a, **kw):
                r = obj(*a, **kw)
                ok.add(name)
                return r

            return call

    monkeypatch.setattr(P, "_native", Spy())
    n = patched
    from nltk.stem import LancasterStemmer, PorterStemmer, SnowballStemmer, WordNetLemmatizer
    from nltk.tokenize import (NLTKWordTokenizer, ToktokTokenizer, TreebankWordDetokenizer,
                               TreebankWordTokenizer, TweetTokenizer)
    toks = n.word_tokenize("The dogs were running home. They ate.")
    n.sent_tokenize("The dogs ran. They ate.")
    n.pos_tag(toks)
    n.pos_tag_sents([toks])
    PorterStemmer().stem("running")
    LancasterStemmer().stem("running")
    SnowballStemmer("english").stem("running")
    WordNetLemmatizer().lemmatize("dogs")
    TreebankWordTokenizer().tokenize("Hi there.")
    NLTKWordTokenizer().tokenize("Hi there.")
    TreebankWordDetokenizer().detokenize(["Hi", "there", "."])
    TweetTokenizer().tokenize("@a hi :)")
    ToktokTokenizer().tokenize("Hi there.")
    n.RegexpParser("NP: {<DT><NN>}").parse([("the", "DT"), ("dog", "NN")])
    # the native objects' methods ran too: the results equal NLTK's (other tests)
    assert ok >= {"word_tokenize", "sent_tokenize", "Porter", "Lancaster", "Snowball", "treebank_tokenize",
                  "nltk_word_tokenize", "detokenize", "tweet_tokenize", "toktok_tokenize", "RegexpParser"}


def test_tagger_and_lemmatizer_fast_paths(patched, monkeypatch):
    """With NLTK's own tagger and morphy broken, the patched calls still answer."""
    n = patched
    from nltk.corpus.reader.wordnet import WordNetCorpusReader
    from nltk.stem import WordNetLemmatizer

    def broken(*a, **kw):
        raise AssertionError("fell back to NLTK")

    monkeypatch.setattr(n.tag.PerceptronTagger, "tag", broken)
    monkeypatch.setattr(WordNetCorpusReader, "_morphy", broken)
    assert n.pos_tag(["The", "dog", "barks", "."])[1] == ("dog", "NN")
    assert n.pos_tag_sents([["Dogs", "bark", "."]], tagset="universal")[0][0] == ("Dogs", "NOUN")
    assert WordNetLemmatizer().lemmatize("geese") == "goose"
