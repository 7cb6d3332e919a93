"""Running text of the NLTK data corpora in ../shared/data/nltk_server, for
the training scripts beside this file (clusters.py, silver_text.py)."""
import os
import re
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
CORPORA = os.path.join(SHARED, "nltk_server", "packages", "corpora")


def members(corpus, pattern):
    """Yields the decoded text of each member of corpus.zip matching pattern, by name."""
    with zipfile.ZipFile(os.path.join(CORPORA, corpus + ".zip")) as z:
        for name in sorted(z.namelist()):
            if re.match(pattern, name):
                yield z.read(name).decode("utf-8", "replace")


def brown_sents():
    """Brown's sentences (lists of words, tags dropped), in file order."""
    for text in members("brown", r"brown/c[a-r]\d\d$"):
        for line in text.splitlines():
            toks = [t.rsplit("/", 1)[0] for t in line.split()]
            if toks:
                yield toks


def conll2000_train_sents():
    """CoNLL-2000 train's sentences (lists of words)."""
    for text in members("conll2000", r"conll2000/train\.txt$"):
        sent = []
        for line in text.splitlines():
            if line.strip():
                sent.append(line.split()[0])
            elif sent:
                yield sent
                sent = []
