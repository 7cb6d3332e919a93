"""Input sentences for the VADER parity script and benchmark.

real_sentences(): every line of the movie_reviews corpus (one tokenized sentence per
line), the lines of webtext (chat, forum and review prose with caps, !!!, emoticons)
and of state_union / inaugural (formal prose), read straight from .nltk_data.
tricky_sentences(n, seed): generated sentences that exercise every VADER rule:
ALL CAPS words among others, boosters and dampeners (also in caps), negations
(incl. n't, "least", "never so"), "but", idioms, "kind of"/"sort of", !, ?, ?!?,
punctuation glued to words, emoticons, emoji, repeated tokens, odd Unicode
(title-case letters, dotted I, Kelvin sign, final sigma, non-ASCII whitespace).
"""

import os
import random
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("NLTK_DATA", os.path.join(ROOT, ".nltk_data"))


def _zip_lines(corpus, prefix_filter=None):
    path = os.path.join(DATA, "corpora", corpus + ".zip")
    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if name.endswith("/") or "README" in name:
                continue
            if prefix_filter and not prefix_filter(name):
                continue
            text = z.read(name).decode("utf-8", errors="replace")
            for line in text.replace("\r\n", "\n").split("\n"):
                line = line.strip()
                if line and "\r" not in line:
                    out.append(line)
    return out


def real_sentences():
    """(source, line) pairs of real corpus text."""
    out = []
    for corpus in ("movie_reviews", "webtext", "state_union", "inaugural"):
        out += [(corpus, s) for s in _zip_lines(corpus)]
    return out


def lexicon_words():
    with zipfile.ZipFile(os.path.join(DATA, "sentiment", "vader_lexicon.zip")) as z:
        text = z.read("vader_lexicon/vader_lexicon.txt").decode("utf-8")
    return [line.split("\t")[0] for line in text.split("\n") if line.strip()]


BOOST = ["very", "really", "so", "extremely", "totally", "kind of", "sort of", "kinda",
         "barely", "hardly", "slightly", "just enough", "most", "more", "less", "little",
         "fucking", "utterly", "quite", "somewhat", "almost"]
NEG = ["not", "never", "isn't", "don't", "cannot", "without", "nor", "nothing", "aint",
       "wasnt", "won't", "seldom", "despite", "didn't", "doesnt", "uh-uh", "n't"]
IDIOMS = ["the shit", "the bomb", "bad ass", "yeah right", "cut the mustard", "kiss of death",
          "hand to mouth"]
FILL = ["the", "movie", "film", "food", "service", "it", "was", "is", "this", "that", "i",
        "we", "plot", "at", "least", "very", "but", "BUT", "But", "of", "kind", "sort",
        "never", "so", "this", "THIS", "the", "a", "and", "actor", "ending", "story"]
PUNCT = ["!", "!!", "!!!", "!!!!!", "?", "??", "???", "????", "?!?", "!?!", ".", ",", ";", ":",
         "-", "'", '"', "...", ",,", "!?!?", "?!?!"]
EMO = [":)", ":(", ":D", ":-)", ";)", ":'(", "<3", ":P", "xD", "D:", "^_^", ":-/", "=)",
       "\U0001F600", "\U0001F621", "\U0001F44D", "\u2764\ufe0f", "\U0001F62D", "\U0001F525",
       "\u2639", "\u263a"]
ODD = ["\u01c5A", "\u0130YI", "\u212aind", "\u03a3\u039f\u03a3", "\u00c9T\u00c9", "GOOD\u00df",
       "na\u00efve", "\uff27\uff2f\uff2f\uff24", "\u1e9e", "NICE\u0301"]
SPACES = [" ", " ", " ", " ", "  ", "\t", "\u00a0", "\u2003", "\x1c", "\x1f", "\u3000",
          "\u2028", "\x85", "\u200b"]


def tricky_sentences(n, seed=28):
    rnd = random.Random(seed)
    lex = lexicon_words()
    out = []
    for _ in range(n):
        words = []
        for _ in range(rnd.randint(1, 14)):
            r = rnd.random()
            if r < 0.30:
                w = rnd.choice(lex)
            elif r < 0.42:
                w = rnd.choice(BOOST)
            elif r < 0.54:
                w = rnd.choice(NEG)
            elif r < 0.58:
                w = rnd.choice(IDIOMS)
            elif r < 0.66:
                w = rnd.choice(EMO)
            elif r < 0.69:
                w = rnd.choice(ODD)
            else:
                w = rnd.choice(FILL)
            c = rnd.random()
            if c < 0.15:
                w = w.upper()
            elif c < 0.20:
                w = w.capitalize()
            p = rnd.random()
            if p < 0.15:
                w = w + rnd.choice(PUNCT)
            elif p < 0.22:
                w = rnd.choice(PUNCT) + w
            words.append(w)
            if rnd.random() < 0.08 and words:
                words.append(rnd.choice(words))  # repeated token
        s = ""
        for i, w in enumerate(words):
            if i:
                s += rnd.choice(SPACES)
            s += w
        if rnd.random() < 0.3:
            s += rnd.choice(PUNCT)
        out.append(s.replace("\r", " ").replace("\n", " "))
    return out
