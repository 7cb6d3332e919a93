"""nlkit.corpus readers answer as nltk.corpus's."""

import pathlib

import pytest

import nlkit.corpus as ours


def test_views_equal_nltk(nltk, data_dir):
    from nltk.corpus import brown, conll2000, inaugural, treebank
    assert ours.brown.fileids() == brown.fileids()
    assert ours.brown.categories() == brown.categories()
    assert ours.brown.categories("ca01") == brown.categories("ca01")
    assert ours.brown.fileids(categories="news") == brown.fileids(categories="news")
    assert ours.brown.words("ca01") == list(brown.words("ca01"))
    assert ours.brown.sents(["cb01", "cb02"]) == list(brown.sents(["cb01", "cb02"]))
    assert ours.brown.tagged_words(categories="reviews") == list(brown.tagged_words(categories="reviews"))
    assert ours.treebank.tagged_words("wsj_0001.mrg") == list(treebank.tagged_words("wsj_0001.mrg"))
    assert ours.conll2000.sents("test.txt")[:200] == list(conll2000.sents("test.txt"))[:200]
    assert ours.inaugural.words("2009-Obama.txt") == list(inaugural.words("2009-Obama.txt"))


def test_bad_input(data_dir):
    with pytest.raises(ValueError):
        ours.reader("no_such_corpus_id").words()
    with pytest.raises(ValueError):
        ours.brown.words(fileids="ca01", categories="news")
    with pytest.raises((ValueError, OSError, KeyError)):
        ours.brown.words("not-a-file")
    with pytest.raises(TypeError):
        ours.brown.words(fileids=5)


def test_missing_corpus_is_lookup_error(tmp_path):
    from nlkit import _native
    with pytest.raises(LookupError, match="Resource .*brown.* not found"):
        _native.CorpusReader.open("brown", [str(tmp_path)])


def _s(trees):
    return [str(t) for t in trees]


def test_more_views_equal_nltk(nltk, data_dir):
    from nltk.corpus import brown, conll2000, conll2002, inaugural, movie_reviews, stopwords, treebank
    assert ours.brown.raw("ca01") == brown.raw("ca01")
    assert ours.brown.paras("ca02") == list(brown.paras("ca02"))
    assert ours.brown.tagged_sents("cb01") == list(brown.tagged_sents("cb01"))
    assert ours.brown.tagged_paras(categories="humor") == list(brown.tagged_paras(categories="humor"))
    assert ours.brown.tagged_words("ca01", tagset="universal") == list(brown.tagged_words("ca01", tagset="universal"))
    assert ours.brown.tagged_sents(categories="news", tagset="universal")[:300] == \
        list(brown.tagged_sents(categories="news", tagset="universal"))[:300]
    assert ours.brown.tagged_paras("ca03", tagset="brown") == list(brown.tagged_paras("ca03", tagset="brown"))
    fs = ["wsj_0001.mrg", "wsj_0002.mrg", "wsj_0099.mrg"]
    assert ours.treebank.raw(fs) == treebank.raw(fs)
    assert ours.treebank.tagged_sents(fs) == list(treebank.tagged_sents(fs))
    assert ours.treebank.tagged_sents(fs, tagset="universal") == list(treebank.tagged_sents(fs, tagset="universal"))
    assert _s(ours.treebank.parsed_sents(fs)) == _s(treebank.parsed_sents(fs))
    assert ours.treebank.parsed_sents("wsj_0001.mrg")[0].to_nltk() == treebank.parsed_sents("wsj_0001.mrg")[0]
    some = treebank.fileids()[::10]
    assert _s(ours.treebank.parsed_sents(some)) == _s(treebank.parsed_sents(some))
    assert ours.conll2000.iob_sents("test.txt") == list(conll2000.iob_sents("test.txt"))
    assert ours.conll2000.tagged_sents("test.txt", tagset="universal")[:500] == \
        list(conll2000.tagged_sents("test.txt", tagset="universal"))[:500]
    assert _s(ours.conll2000.chunked_sents("test.txt")) == _s(conll2000.chunked_sents("test.txt"))
    assert _s(ours.conll2000.chunked_sents("test.txt", chunk_types=["NP"])[:1000]) == \
        _s(conll2000.chunked_sents("test.txt", chunk_types=["NP"])[:1000])
    assert _s(ours.conll2000.chunked_sents("test.txt", tagset="universal")[:200]) == \
        _s(conll2000.chunked_sents("test.txt", tagset="universal")[:200])
    t = ours.conll2000.chunked_sents("test.txt")[0]
    assert t.to_nltk() == conll2000.chunked_sents("test.txt")[0]
    for f in ("esp.testb", "ned.testa"):
        assert _s(ours.conll2002.chunked_sents(f)) == _s(conll2002.chunked_sents(f)), f
    assert ours.conll2002.iob_sents("esp.testa") == list(conll2002.iob_sents("esp.testa"))
    assert ours.conll2002.tagged_sents("ned.testb") == list(conll2002.tagged_sents("ned.testb"))
    assert ours.conll2002.raw("esp.testb") == conll2002.raw("esp.testb")
    assert ours.movie_reviews.raw(categories="pos") == movie_reviews.raw(categories="pos")
    assert ours.movie_reviews.paras(["neg/cv000_29416.txt", "pos/cv000_29590.txt"]) == \
        list(movie_reviews.paras(["neg/cv000_29416.txt", "pos/cv000_29590.txt"]))
    few = movie_reviews.fileids("neg")[:40]
    assert ours.movie_reviews.sents(few) == list(movie_reviews.sents(few))
    assert ours.inaugural.paras("1789-Washington.txt") == list(inaugural.paras("1789-Washington.txt"))
    assert ours.inaugural.raw() == inaugural.raw()
    assert ours.stopwords.words("english") == stopwords.words("english")
    assert ours.stopwords.words(["german", "french"]) == stopwords.words(["german", "french"])
    assert ours.stopwords.raw("english") == stopwords.raw("english")
    assert ours.stopwords.fileids() == stopwords.fileids()


def _err(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the type is what is compared
        return type(e)
    return None


def test_more_views_bad_input(nltk, data_dir):
    from nltk.corpus import brown, conll2000, movie_reviews, stopwords, treebank
    cases = [
        (lambda: ours.brown.raw("nope"), lambda: brown.raw("nope")),
        (lambda: ours.brown.tagged_sents(categories="nope"), lambda: brown.tagged_sents(categories="nope")),
        (lambda: ours.treebank.parsed_sents("nope"), lambda: treebank.parsed_sents("nope")),
        (lambda: ours.conll2000.chunked_sents("nope"), lambda: conll2000.chunked_sents("nope")),
        (lambda: ours.movie_reviews.paras(categories="nope"), lambda: movie_reviews.paras(categories="nope")),
        (lambda: ours.stopwords.words("klingon"), lambda: stopwords.words("klingon")),
        (lambda: ours.brown.raw(5), lambda: brown.raw(5)),
    ]
    for o, t in cases:
        want = _err(t)
        assert want is not None
        assert _err(o) is want, (want, _err(o))
    # views the corpus's NLTK reader does not have
    for f in (lambda: ours.brown.parsed_sents(), lambda: ours.inaugural.tagged_sents(),
              lambda: ours.stopwords.paras(), lambda: ours.treebank.chunked_sents()):
        with pytest.raises(ValueError):
            f()
    with pytest.raises(ValueError):
        ours.conll2002.tagged_words(tagset="universal")
    with pytest.raises(ValueError):
        ours.treebank.tagged_sents(tagset="klingon")
    with pytest.raises(TypeError):
        ours.brown.tagged_words(tagset=5)
    with pytest.raises(TypeError):
        ours.conll2000.chunked_sents(chunk_types=5)


def test_universal_tagset_needs_its_mapping(data_dir, tmp_path):
    from nlkit import _native
    (tmp_path / "corpora").mkdir()
    (tmp_path / "corpora" / "brown").symlink_to(pathlib.Path(data_dir, "corpora", "brown").resolve())
    r = _native.CorpusReader.open("brown", [str(tmp_path)])
    assert r.tagged_words(["ca01"], None, None)[:2] == [("The", "AT"), ("Fulton", "NP-TL")]
    with pytest.raises(LookupError, match="universal_tagset"):
        r.tagged_words(["ca01"], None, "universal")
