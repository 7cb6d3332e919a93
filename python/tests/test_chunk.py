"""nlkit.RegexpParser and Tree print and convert as NLTK's."""

import pytest

import nlkit

GRAMMAR = r"""
NP: {<DT|PP\$>?<JJ.*>*<NN.*>+}
    }<VB.*>{
PP: {<IN><NP>}
VP: {<VB.*><NP|PP|CLAUSE>+$}
CLAUSE: {<NP><VP>}
"""


def test_parse_equals_nltk(nltk, data_dir):
    from nltk.corpus import conll2000
    sents = list(conll2000.tagged_sents("test.txt"))[:150]
    for loop in (1, 2):
        ours, theirs = nlkit.RegexpParser(GRAMMAR, loop=loop), nltk.RegexpParser(GRAMMAR, loop=loop)
        for s in sents:
            a, b = ours.parse(s), theirs.parse(s)
            assert str(a) == str(b)
            assert repr(a) == repr(b)
            assert a.to_nltk() == b
            assert nlkit.Tree.from_nltk(b) == a
            assert a.leaves() == b.leaves() and a.height() == b.height()
    t = nlkit.RegexpParser("NP: {<DT><NN>}", root_label="ROOT").parse([("the", "DT"), ("1/2", "NN")])
    assert repr(t) == "Tree('ROOT', [Tree('NP', [('the', 'DT'), ('1/2', 'NN')])])"
    assert str(t) == "(ROOT (NP the/DT 1/2/NN))"


def test_bad_input():
    with pytest.raises(ValueError):
        nlkit.RegexpParser("{<DT>}")  # no stage label
    with pytest.raises(ValueError):
        nlkit.RegexpParser("NP: {<DT>")
    p = nlkit.RegexpParser("NP: {<DT><NN>}")
    for bad in ("a string", [None], [("a", None)], 5):
        with pytest.raises(TypeError):
            p.parse(bad)
    with pytest.raises(ValueError):  # as NLTK: not a (word, tag) pair
        p.parse([("a",)])
