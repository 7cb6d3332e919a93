"""nlkit: NLTK's answers at native speed.

An NLTK-shaped API over the nlkit Rust library: the same names, signatures
and results as NLTK 3.10.4 (``word_tokenize``, ``sent_tokenize``,
``pos_tag``, the tokenizer, stemmer and lemmatizer classes, ``FreqDist``,
``ngrams``, ``wordnet``, corpus readers, ``download``), reading NLTK's data
packages from the NLTK data path.
``patch_nltk()`` makes NLTK itself use nlkit in a running process.
"""

from . import _native, corpus, downloader
from .downloader import download
from .pipeline import Pipeline, pipeline
from .patch import is_patched, patch_nltk, unpatch_nltk
from .probability import FreqDist
from .stem import LancasterStemmer, PorterStemmer, SnowballStemmer, WordNetLemmatizer
from .tag import PerceptronTagger, map_tag, pos_tag, pos_tag_sents
from .tokenize import (
    NLTKWordTokenizer,
    PunktSentenceTokenizer,
    PunktTokenizer,
    RegexpTokenizer,
    ToktokTokenizer,
    TreebankWordDetokenizer,
    TreebankWordTokenizer,
    TweetTokenizer,
    WordPunctTokenizer,
    sent_tokenize,
    word_tokenize,
    wordpunct_tokenize,
)
from .tree import RegexpParser, Tree
from .parse import (
    CFG, PCFG, ChartParser, InsideChartParser, LongestChartParser, Nonterminal,
    RandomChartParser, UnsortedChartParser, ViterbiParser,
)
from . import parse
from .util import bigrams, everygrams, ngrams, trigrams
from .wordnet import wn, wordnet  # the reader, as nltk.corpus.wordnet

__version__ = _native.__version__

__all__ = [
    "word_tokenize", "sent_tokenize", "wordpunct_tokenize",
    "PunktSentenceTokenizer", "PunktTokenizer", "TreebankWordTokenizer", "NLTKWordTokenizer",
    "TreebankWordDetokenizer", "TweetTokenizer", "ToktokTokenizer", "RegexpTokenizer",
    "WordPunctTokenizer", "PorterStemmer", "SnowballStemmer", "LancasterStemmer",
    "WordNetLemmatizer", "pos_tag", "pos_tag_sents", "PerceptronTagger", "map_tag",
    "FreqDist", "ngrams", "bigrams", "trigrams", "everygrams",
    "patch_nltk", "unpatch_nltk", "is_patched", "Pipeline", "pipeline", "wordnet", "wn", "corpus", "Tree", "RegexpParser",
    "download", "downloader",
    "CFG", "PCFG", "Nonterminal", "ChartParser", "ViterbiParser", "InsideChartParser",
    "LongestChartParser", "RandomChartParser", "UnsortedChartParser", "parse",
]
