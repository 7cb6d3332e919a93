"""Shared fixtures: NLTK 3.10.4 (the oracle) and its data.

Without NLTK or its data these tests skip with a message; under ``CI=true``
a missing prerequisite is a failure, like the Rust tests."""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CI = os.environ.get("CI") == "true"

if not os.environ.get("NLTK_DATA") and (ROOT / ".nltk_data").is_dir():
    os.environ["NLTK_DATA"] = str(ROOT / ".nltk_data")


def require(ok, what):
    if ok:
        return
    if CI:
        pytest.fail(f"{what} is required under CI but was not found", pytrace=False)
    pytest.skip(f"{what} not found; skipping")


@pytest.fixture(scope="session")
def nltk():
    try:
        import nltk as n
    except ImportError:
        n = None
    require(n is not None and n.__version__ == "3.10.4", "NLTK 3.10.4 (the oracle)")
    return n


@pytest.fixture(scope="session")
def data_dir(nltk):
    d = os.environ.get("NLTK_DATA", "")
    ok = bool(d) and os.path.isdir(os.path.join(d, "tokenizers", "punkt_tab", "english"))
    require(ok, "NLTK data (NLTK_DATA with punkt_tab, taggers, wordnet)")
    return d


@pytest.fixture(scope="session")
def texts(data_dir):
    """Real English text: the inaugural addresses and some web text."""
    out = []
    for sub, names in (("inaugural", ["1789-Washington.txt", "1861-Lincoln.txt", "1933-Roosevelt.txt",
                                      "2009-Obama.txt"]),
                       ("webtext", ["overheard.txt", "firefox.txt"])):
        for n in names:
            p = pathlib.Path(data_dir, "corpora", sub, n)
            require(p.is_file(), f"corpus file {p}")
            t = p.read_text(encoding="latin-1")
            out.append(t[:20000])
    return out


@pytest.fixture(scope="session")
def lines(texts):
    return [l for t in texts for l in t.splitlines() if l.strip()]


@pytest.fixture(scope="session")
def vocab(nltk, texts):
    words = sorted({w for t in texts for w in nltk.word_tokenize(t)})
    return words
