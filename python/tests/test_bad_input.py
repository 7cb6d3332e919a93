"""Bad input from Python: typed exceptions, never a crash."""

import pytest

import nlkit
from nlkit import _native


@pytest.mark.parametrize("bad", [None, 42, 3.5, b"bytes", b"\xff\xfe non-UTF-8", ["a", None], object()])
def test_wrong_types_raise_type_error(data_dir, bad):
    for f in (nlkit.word_tokenize, nlkit.sent_tokenize, nlkit.TreebankWordTokenizer().tokenize,
              nlkit.TweetTokenizer().tokenize, nlkit.ToktokTokenizer().tokenize,
              nlkit.PorterStemmer().stem, nlkit.SnowballStemmer("english").stem,
              nlkit.LancasterStemmer().stem, nlkit.WordNetLemmatizer().lemmatize,
              nlkit.RegexpTokenizer(r"\w+").tokenize):
        with pytest.raises(TypeError):
            f(bad)


def test_bad_token_lists(data_dir):
    with pytest.raises(TypeError, match="expected a list of strings, got a string"):
        nlkit.pos_tag("a string")
    for bad in ([None], ["ok", 1], [b"x"], None, 5):
        with pytest.raises(TypeError):
            nlkit.pos_tag(bad)
        with pytest.raises(TypeError):
            nlkit.pos_tag_sents([bad])
        with pytest.raises(TypeError):
            nlkit.TreebankWordDetokenizer().detokenize(bad)


def test_lone_surrogates_are_a_value_error(data_dir):
    # A str that is not valid Unicode text (what errors="surrogateescape" gives).
    s = b"caf\xe9 ok".decode("utf-8", errors="surrogateescape")
    with pytest.raises(UnicodeEncodeError):
        nlkit.word_tokenize(s)
    with pytest.raises(ValueError):
        nlkit.pos_tag([s])


def test_huge_inputs(data_dir):
    big = "The quick brown fox jumps over the lazy dog. " * 200_000  # 9 MB
    toks = nlkit.word_tokenize([big])[0]
    assert len(toks) == 2_000_000
    one_word = "a" * 5_000_000
    assert nlkit.word_tokenize(one_word) == [one_word]
    assert nlkit.PorterStemmer().stem(one_word) == one_word
    assert len(nlkit.pos_tag(["word"] * 100_000)) == 100_000


def test_bad_options(data_dir):
    with pytest.raises(ValueError):
        nlkit.SnowballStemmer("klingon")
    with pytest.raises(ValueError):
        nlkit.PorterStemmer("FAST")
    with pytest.raises(ValueError):
        nlkit.RegexpTokenizer("(unclosed")
    with pytest.raises(ValueError):
        nlkit.RegexpTokenizer(r"\w+", flags=0)
    with pytest.raises(ValueError):
        nlkit.LancasterStemmer(("not a rule",))
    with pytest.raises(ValueError):
        nlkit.pos_tag(["a"], tagset="brown")
    with pytest.raises(NotImplementedError):
        nlkit.pos_tag(["a"], lang="rus")
    with pytest.raises(KeyError):
        nlkit.WordNetLemmatizer().lemmatize("dogs", pos="q")
    with pytest.raises(ValueError):
        nlkit.word_tokenize("x", language="../../etc")


def test_missing_data_is_nltks_lookup_error(tmp_path):
    empty = [str(tmp_path)]
    for call in (lambda: _native.word_tokenize("Hi.", "english", False, empty),
                 lambda: _native.sent_tokenize("Hi.", "english", empty),
                 lambda: _native.Perceptron.load("eng", empty),
                 lambda: _native.Lemmatizer.load(empty)):
        with pytest.raises(LookupError, match=r"Resource .* not found") as e:
            call()
        assert str(tmp_path) in str(e.value)
        assert "nltk.download(" in str(e.value)
    # No punkt_tab model for this language in any data folder either.
    with pytest.raises(LookupError, match="punkt_tab"):
        nlkit.sent_tokenize("Hi.", language="klingon")
    # preserve_line needs no model
    assert _native.word_tokenize("Hi there.", "english", True, empty) == ["Hi", "there", "."]


def test_corrupt_data_is_an_error_not_a_crash(tmp_path):
    d = tmp_path / "taggers" / "averaged_perceptron_tagger_eng"
    d.mkdir(parents=True)
    for f in ("averaged_perceptron_tagger_eng.weights.json", "averaged_perceptron_tagger_eng.tagdict.json",
              "averaged_perceptron_tagger_eng.classes.json"):
        (d / f).write_text("{not json")
    with pytest.raises(ValueError):
        _native.Perceptron.load("eng", [str(tmp_path)])
    p = tmp_path / "tokenizers" / "punkt_tab" / "english"
    p.mkdir(parents=True)
    (p / "abbrev_types.txt").write_bytes(b"\xff\xfe\x00")
    with pytest.raises((ValueError, OSError)):
        _native.sent_tokenize("Hi.", "english", [str(tmp_path)])
