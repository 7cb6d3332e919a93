"""nlkit.corpus readers answer as nltk.corpus's."""

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
