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
