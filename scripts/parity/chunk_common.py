"""Shared pieces of the chunker parity scripts: the NLTK book's chapter 7
grammars (and NLTK's own regexp demo grammars), conll2000 loading, and the
book's tagger-based chunkers."""
import os

import nltk
from nltk.corpus import conll2000

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ALL_TYPES = ["NP", "VP", "PP", "ADVP", "SBAR", "ADJP", "PRT", "CONJP", "INTJ", "LST", "UCP"]

# (name, grammar, loop, chunk types scored)
GRAMMARS = [
    ("book_2.1_np", r"NP: {<DT>?<JJ>*<NN>}", 1, ["NP"]),
    ("book_2.3_np_possessive", r"""
NP: {<DT|PP\$>?<JJ>*<NN>}   # chunk determiner/possessive, adjectives and noun
    {<NNP>+}                # chunk sequences of proper nouns
""", 1, ["NP"]),
    ("book_2.4_np_cd_nns", r"NP: {<CD><NNS>}", 1, ["NP"]),
    ("book_3.2_cdjnp", r"NP: {<[CDJNP].*>+}", 1, ["NP"]),
    ("book_2.5_chinking", r"""
  NP:
    {<.*>+}          # Chunk everything
    }<VBD|IN>+{      # Chink sequences of VBD and IN
""", 1, ["NP"]),
    ("book_4.1_cascade", r"""
  NP: {<DT|JJ|NN.*>+}          # Chunk sequences of DT, JJ, NN
  PP: {<IN><NP>}               # Chunk prepositions followed by NP
  VP: {<VB.*><NP|PP|CLAUSE>+$} # Chunk verbs and their arguments
  CLAUSE: {<NP><VP>}           # Chunk NP, VP
""", 1, ["NP"]),
    ("book_4.1_cascade_loop2", r"""
  NP: {<DT|JJ|NN.*>+}          # Chunk sequences of DT, JJ, NN
  PP: {<IN><NP>}               # Chunk prepositions followed by NP
  VP: {<VB.*><NP|PP|CLAUSE>+$} # Chunk verbs and their arguments
  CLAUSE: {<NP><VP>}           # Chunk NP, VP
""", 2, ["NP"]),
    ("nltk_demo_merge", r"""
NP:
  {<.*>}              # start by chunking each tag
  }<[\.VI].*>+{       # unchunk any verbs, prepositions or periods
  <DT|JJ>{}<NN.*>     # merge det/adj with nouns
""", 1, ["NP"]),
    ("nltk_demo_split_stages", r"""
NP: {<.*>*}             # start by chunking everything
    }<[\.VI].*>+{       # strip any verbs, prepositions or periods
    <.*>}{<DT>          # separate on determiners
PP: {<IN><NP>}          # PP = preposition + noun phrase
VP: {<VB.*><NP|PP>*}    # VP = verb words + NPs and PPs
""", 1, ["NP"]),
    ("np_vp_pp", r"""
NP: {<DT>?<JJ.*>*<NN.*>+}
    {<PRP.*>}
VP: {<MD>?<VB.*>+}
PP: {<IN>}
""", 1, ALL_TYPES),
    ("context_and_quantifiers", r"""
NP: <IN>{<DT>?<NN.*>+}<.*>      # chunk with context
    {<CD>{2,}}
    {<DT><NN.*>{1,3}}
    {<JJ>{,2}<NNS>}
    <NN>}{<NNS>                  # split
""", 1, ["NP"]),
]


def tagged_test(limit=None):
    sents = conll2000.chunked_sents("test.txt", chunk_types=ALL_TYPES)
    out = []
    for t in sents[:limit] if limit else sents:
        out.append(t.leaves())
    return out


def gold(chunk_types, fileid="test.txt"):
    return conll2000.chunked_sents(fileid, chunk_types=chunk_types)


class UnigramChunker(nltk.ChunkParserI):
    """The NLTK book's chapter 7 UnigramChunker (BigramChunker with bigram=True)."""

    def __init__(self, train_sents, bigram=False):
        train_data = [[(t, c) for w, t, c in nltk.chunk.tree2conlltags(sent)] for sent in train_sents]
        self.tagger = nltk.BigramTagger(train_data) if bigram else nltk.UnigramTagger(train_data)

    def parse(self, sentence):
        pos_tags = [pos for (word, pos) in sentence]
        tagged_pos_tags = self.tagger.tag(pos_tags)
        chunktags = [chunktag for (pos, chunktag) in tagged_pos_tags]
        conlltags = [(word, pos, chunktag) for ((word, pos), chunktag) in zip(sentence, chunktags)]
        return nltk.chunk.conlltags2tree(conlltags)
