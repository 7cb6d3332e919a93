"""nlkit's CFG/PCFG, chart parsers, Viterbi, the probabilistic chart parsers
with beams, and Tree.fromstring, against NLTK 3.10.4."""

import pytest

import nlkit

TOY = """
S -> NP VP
VP -> V NP | VP PP
NP -> NP PP | Det N | 'I'
PP -> P NP
V -> 'saw'
Det -> 'the' | 'a'
N -> 'man' | 'park' | 'telescope'
P -> 'in' | 'with'
"""

PTOY = """
S -> NP VP [1.0]
NP -> Det N [0.5] | NP PP [0.25] | 'John' [0.1] | 'I' [0.15]
Det -> 'the' [0.8] | 'my' [0.2]
N -> 'man' [0.5] | 'telescope' [0.5]
VP -> VP PP [0.1] | V NP [0.7] | V [0.2]
V -> 'ate' [0.35] | 'saw' [0.65]
PP -> P NP [1.0]
P -> 'with' [0.61] | 'under' [0.39]
"""

SENTS = ["I saw the man in the park with a telescope", "I saw a man", "the man saw I in a park"]
PSENTS = ["I saw John with my telescope", "I saw the man with my telescope under the man with John"]


def test_chart_parser_gives_nltks_trees(nltk):
    ours, theirs = nlkit.CFG.fromstring(TOY), nltk.CFG.fromstring(TOY)
    assert str(ours.start()) == str(theirs.start())
    assert [str(p) for p in ours.productions()] == [str(p) for p in theirs.productions()]
    for s in SENTS:
        toks = s.split()
        a = sorted(str(t) for t in nlkit.ChartParser(ours).parse(toks))
        b = sorted(str(t) for t in nltk.ChartParser(theirs).parse(toks))
        assert a == b and a
        assert nlkit.ChartParser(ours).count(toks) == len(b)
        assert all(t.to_nltk() in list(nltk.ChartParser(theirs).parse(toks))
                   for t in nlkit.ChartParser(ours).parse(toks))


def test_probabilistic_parsers_give_nltks_parses_and_order(nltk):
    from nltk.parse import pchart
    ours, theirs = nlkit.PCFG.fromstring(PTOY), nltk.PCFG.fromstring(PTOY)
    assert [str(p) for p in ours.productions()] == [str(p) for p in theirs.productions()]
    for s in PSENTS:
        toks = s.split()
        a = nlkit.ViterbiParser(ours).parse_one(toks)
        b = nltk.ViterbiParser(theirs).parse_one(toks)
        assert str(a) == str(b) and a.prob() == b.prob()
        for name in ("InsideChartParser", "LongestChartParser", "UnsortedChartParser"):
            for beam in (0, 3, 12):
                a = [(str(t), t.prob()) for t in getattr(nlkit, name)(ours, beam_size=beam).parse(toks)]
                b = [(str(t), t.prob()) for t in getattr(pchart, name)(theirs, beam_size=beam).parse(toks)]
                assert a == b, (name, beam, s)


def test_tree_fromstring_equals_nltk(nltk):
    for s in ["(S (NP (DT the) (NN dog)) (VP (VBD barked)))", "( (S (X y)))", "(A)", "(S a b (T c) d)"]:
        a, b = nlkit.Tree.fromstring(s), nltk.Tree.fromstring(s)
        assert str(a) == str(b) and repr(a) == repr(b) and a.to_nltk() == b
        assert a.leaves() == b.leaves() and a.height() == b.height()
    a = nlkit.Tree.fromstring("( (S (X y)))", remove_empty_top_bracketing=True)
    assert str(a) == str(nltk.Tree.fromstring("( (S (X y)))", remove_empty_top_bracketing=True))
    deep = lambda n: "(A " * n + "x" + ")" * n  # noqa: E731
    assert nlkit.Tree.fromstring(deep(150)).height() == 151
    with pytest.raises(ValueError, match="depth"):  # the library's depth limit, not a crash
        nlkit.Tree.fromstring(deep(100000))


def test_bad_input():
    with pytest.raises(ValueError):
        nlkit.CFG.fromstring("S -> NP\nNP 'x'")
    with pytest.raises(ValueError):
        nlkit.PCFG.fromstring("S -> 'a' [0.5]")  # does not sum to 1
    with pytest.raises(TypeError):
        nlkit.CFG.fromstring(None)
    g = nlkit.CFG.fromstring(TOY)
    with pytest.raises(ValueError, match="does not cover"):
        nlkit.ChartParser(g).parse_all("I saw the dog".split())
    with pytest.raises(TypeError):
        nlkit.ChartParser(g).parse("I saw a man")  # a string, not tokens
    with pytest.raises(TypeError):
        nlkit.ViterbiParser(g)  # not a PCFG
    with pytest.raises(ValueError):
        nlkit.InsideChartParser(nlkit.PCFG.fromstring(PTOY), beam_size=-1)
    with pytest.raises(ValueError):
        nlkit.Tree.fromstring("(S (NP x)")
    with pytest.raises(ValueError):
        nlkit.InsideChartParser(nlkit.PCFG.fromstring("S -> A 'a' [1.0]\nA -> [1.0]")).parse_all(["a"])
    assert nlkit.ChartParser(g).parse_all([]) == []
