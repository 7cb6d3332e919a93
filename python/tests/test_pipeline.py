"""nlkit.pipeline(texts) gives the lines `nlkit pipeline FILE` prints."""

import json
import os
import subprocess

import pytest

import nlkit

from conftest import ROOT, require


def _cli():
    for p in (os.environ.get("NLKIT_BIN"), ROOT / "target" / "debug" / "nlkit", ROOT / "target" / "release" / "nlkit"):
        if p and os.path.isfile(p):
            return str(p)
    require(False, "the nlkit binary (cargo build --features cli)")


def test_pipeline_equals_cli(tmp_path):
    cli = _cli()
    sample = (ROOT / "corpora" / "samples" / "inaugural-2009.txt").read_text(encoding="utf-8")
    texts = {"a.txt": sample, "b.txt": "Dr. Who arrived.\n\n\nHe left (quietly.) Then — rain!\n",
             "empty.txt": ""}
    names = []
    for name, t in texts.items():
        (tmp_path / name).write_text(t, encoding="utf-8")
        names.append(str(tmp_path / name))
    out = subprocess.run([cli, "pipeline", *names], capture_output=True, text=True, check=True).stdout
    ours = nlkit.Pipeline().json_lines(list(texts.values()), names)
    assert [l for doc in ours for l in doc] == out.splitlines()
    recs = nlkit.pipeline(["Hello world. Bye now."], docs=["d"])
    assert [r["tokens"] for r in recs[0]] == [["Hello", "world", "."], ["Bye", "now", "."]]
    assert recs[0][1]["sent"] == 1 and recs[0][1]["span"] == [13, 21]


def test_pipeline_with_lemmas_equals_cli(tmp_path, data_dir):
    cli = _cli()
    p = tmp_path / "t.txt"
    p.write_text("The geese were running home.\n\nCats ate mice.\n", encoding="utf-8")
    out = subprocess.run([cli, "pipeline", "--lemmas", "--wordnet", os.path.join(data_dir, "corpora", "wordnet"),
                          str(p)], capture_output=True, text=True, check=True).stdout
    assert nlkit.Pipeline(lemmas=True).json_lines([p.read_text()], [str(p)])[0] == out.splitlines()


def test_pipeline_bad_input():
    with pytest.raises(ValueError):
        nlkit.Pipeline(config="{not json")
    with pytest.raises(ValueError):
        nlkit.Pipeline(config={"format": "nlkit-pipeline", "version": 99})
    with pytest.raises(TypeError):
        nlkit.pipeline([None])
    with pytest.raises(ValueError):
        nlkit.Pipeline()._native.process(["a"], [])


def test_columns_equal_records():
    texts = ["Hello world. Bye now.", "", "Dr. Who left (quietly.)\n\nThen rain!"]
    recs = [r for doc in nlkit.pipeline(texts, docs=["a", "b", "c"]) for r in doc]
    cols = nlkit.Pipeline().columns(texts, ["a", "b", "c"])
    for name in ("doc", "sent", "text", "span", "tokens", "spans", "tags", "upos"):
        assert cols[name] == [r[name] for r in recs], name
    assert cols["lemmas"] == [None] * len(recs)
