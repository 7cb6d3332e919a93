#!/usr/bin/env python3
"""Writes the committed seed corpus of the fuzz targets: fuzz/seeds/<target>/.

Small, valid (or nearly valid) examples of each input, so that a few seconds of
fuzzing (`scripts/fuzz-smoke.sh`, run by the test command) reach past the first
parse error. Run from the repository root; binary seeds of tagger models are
made with the `nlkit` binary given as the first argument (optional: without it
the model seeds already committed are kept).

    python3 scripts/fuzz-seeds.py [target/debug/nlkit]
"""
import io
import json
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.join("fuzz", "seeds")


def put(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def text_seeds():
    put("tokenize", "prose", "Mr. Smith didn't go to Washington D.C. on Jan. 3, 1999. He said: \"It's $5.50!\"\n")
    put("tokenize", "tweet", "@user Check https://example.com/a?b=c :-) #nlp ... it's GREAT!!! \u2019s\n")
    put("tokenize", "mixed", "Na\u00efve caf\u00e9 \u2014 \u65e5\u672c\u8a9e \u0645\u0631\u062d\u0628\u0627 can't won\u2019t (e.g. 3-4 p.m.)\n")
    put("punkt_tab", "small", "a\tarmata\np\tl\n\0pat\nunfortunately\n\0calif\ngpl\ndr\n\0president\t110\nharry\t46\n")
    put("tree", "np", "(S (NP (DT the) (NN dog)) (VP (VBD barked)) (. .))")
    put("tree", "empty-top", "( (S (NP-SBJ (PRP He)) (VP (VBZ runs) (-NONE- *T*-1))))")
    put("conllu", "ewt-like",
        "# sent_id = s1\n# text = Don't stop.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "1\tDo\tdo\tAUX\tVBP\tMood=Ind\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n"
        "3\tstop\tstop\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n")
    put("index_xml", "one",
        '<?xml version="1.0"?><nltk_data><packages><package id="stopwords" name="Stopwords" '
        'subdir="corpora" url="https://example.org/stopwords.zip" size="10" unzipped_size="20" '
        'checksum="00000000000000000000000000000000" unzip="1"/></packages><collections>'
        '<collection id="all" name="All"><item ref="stopwords"/></collection></collections></nltk_data>')
    put("train_tagger", "tiny", "the/DT dog/NN runs/VBZ ./.\na/DT cat/NN sleeps/VBZ ./.\n")
    put("tagset_map", "ptb", "NN\tNOUN\nNNS\tNOUN\nVB\tVERB\nDT\tDET\n.\t.\n")
    put("corpus_views", "conll", "He PRP B-NP\nleft VBD B-VP\nearly RB I-ADVP\n. . O\n\nThe DT B-NP\ncat NN I-NP\n")
    put("corpus_views", "brown", "\n\n\tThe/at Fulton/np-tl said/vbd ./.\n\tIt/pps ran/vbd\n\n\n\tAnother/dti para/nn\n")
    put("word_clusters", "tiny", "the\t1\t10\t100\ndog\t2\t20\t200\ncat\t2\t20\t201\n")
    put("chunk_grammar", "np", "NP: {<DT>?<JJ>*<NN.*>+}\n    }<VB.*>{\nVP: {<VB.*><NP>}\0the/DT big/JJ dog/NN saw/VBD a/DT cat/NN")
    put("grammar", "cfg", "S -> NP VP\nNP -> Det N | 'John'\nVP -> V NP\nDet -> 'the'\nN -> 'dog' | 'cat'\nV -> 'saw'\n")
    put("grammar", "dependency", "'shot' -> 'I' | 'elephant' | 'in'\n'elephant' -> 'an' | 'in'\n'in' -> 'pajamas'\n")
    put("grammar", "leftrec", "S -> S S | NP\nNP -> NP PP | 'a'\nPP -> 'p' NP |\n")
    put("grammar", "pcfg", "S -> NP VP [1.0]\nNP -> 'John' [0.6] | 'Mary' [0.4]\nVP -> 'runs' [1.0]\n")
    put("feature_grammar", "agreement", "% start S\nS -> NP[NUM=?n] VP[NUM=?n]\nNP[NUM=?n] -> Det[NUM=?n] N[NUM=?n]\nDet[NUM=sg] -> 'a'\nN[NUM=sg] -> 'dog'\nVP[NUM=sg] -> 'barks'\n")
    put("feature_grammar", "semantics", "% start S\nS[SEM=<?np(?vp)>] -> NP[SEM=?np] VP[SEM=?vp]\nNP[SEM=<\\P.P(kim)>] -> 'Kim'\nVP[SEM=<\\x.walk(x)>] -> 'walks'\n")
    put("feature_grammar", "slash", "S[-INV] -> NP S/NP\nS[-INV]/?x -> NP VP/?x\nVP/?x -> V NP/?x\nNP/NP ->\nNP -> 'who' | 'you'\nV -> 'like'\n")
    put("feature_grammar", "sql", "S[SEM=(?np + WHERE + ?vp)] -> NP[SEM=?np] VP[SEM=?vp]\nNP[SEM=(?d + ?n)] -> Det[SEM=?d] N[SEM=?n]\nDet[SEM='SELECT'] -> 'What'\nN[SEM='City'] -> 'cities'\nVP[SEM={a, ?x}] -> 'are'\n")
    put("featstruct", "agr", "[NUM='sg', AGR=[PER=3, GND=?g], HEAD->(1)[POS=n], SUBJ->(1)]")
    put("logic_formula", "fol", "all x.(dog(x) -> exists y.(bone(y) & gnaw(x, y)))")
    put("logic_formula", "lambda", "\\x.\\y.(see(x, y) | -(x = y))")
    put("drt", "merge", "([x],[man(x)]) + ([y],[woman(y), (([],[PRO(y)]) -> ([z],[see(y,z)]))])")
    put("drt", "lambda", "\\P.(([x],[dog(x)]) + P(x))(\\y.([],[bark(y), -([],[big(y)])]))")
    put("translate_metrics", "two", "the cat sat on the mat|a cat was on the mat\tthe cat sat on mat\nhello there\thello\n")
    put("vader", "mixed", "I LOVE this!!! :) but the ending was not good at all... kinda meh \U0001F600\n")


def zip_seed():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        # fixed timestamps: the same bytes on every run
        for name, text in [("pkg/README", "a package\n"), ("pkg/english", "the\na\nan\n")]:
            z.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), text)
    put("zip_install", "pkg", buf.getvalue())


def context_head_seed():
    # a header with the metadata a head carries and one small tensor
    meta = {"format": "nlkit-context-head", "version": "1", "column": "xpos",
            "tags": json.dumps(["DT", "NN"]), "first_tags": json.dumps(["<pad>", "<unk>", "DT"]),
            "window": json.dumps([-1, 0, 1])}
    header = {"__metadata__": meta, "w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}}
    h = json.dumps(header).encode()
    put("context_head", "tiny", struct.pack("<Q", len(h)) + h + bytes(16))


def model_seeds(nlkit):
    train = "the/DT dog/NN runs/VBZ ./.\na/DT cat/NN sleeps/VBZ ./.\nthe/DT cat/NN runs/VBZ ./.\n"
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "train.txt")
        with open(data, "w") as f:
            f.write(train)
        for algo in ["perceptron", "hmm", "ngram", "brill"]:
            out = os.path.join(tmp, algo + ".bin")
            subprocess.run([nlkit, "train-tagger", "--algorithm", algo, "--train", data,
                            "--iterations", "1", "-o", out], check=True, capture_output=True)
            with open(out, "rb") as f:
                put("tagger_model", algo, f.read())
    # a tiny neural labeller: config.json, NUL, model.safetensors
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "ner.txt")
        with open(data, "w") as f:
            f.write("Ana X B-PER\nruns X O\n\nLima X B-LOC\nsleeps X O\n")
        out = os.path.join(tmp, "m")
        subprocess.run([nlkit, "train-neural", "--task", "ner", "--train", data, "--dev", data,
                        "--epochs", "1", "--hidden", "4", "--word-dim", "4", "--encoder-kind", "bilstm",
                        "-q", "-o", out], check=True, capture_output=True)
        with open(os.path.join(out, "config.json"), "rb") as c, open(os.path.join(out, "model.safetensors"), "rb") as w:
            put("neural_checkpoint", "tiny-bilstm", c.read() + b"\0" + w.read())
    put("tagger_model_body", "perceptron", b"\x00" + bytes(range(32)))
    put("tagger_model_body", "hmm", b"\x05" + b"\x01\x02DT\x02NN" + bytes(8))


def main():
    text_seeds()
    zip_seed()
    context_head_seed()
    if len(sys.argv) > 1:
        model_seeds(sys.argv[1])


if __name__ == "__main__":
    main()
