#!/usr/bin/env python3
"""Downloader parity: nlkit and NLTK 3.10.4 install every package of the
shared mirror (../shared/data/nltk_server) into two empty folders; then

1. the two folders must hold the same files with the same bytes
   (nlkit's `.nlkit-download.lock` aside);
2. NLTK's `Downloader.status` must call every package nlkit installed
   `installed`, and `nlkit download --status` every package NLTK installed;
3. after the same damage to both folders (a file removed from an unpacked
   package, an unpacked folder removed, an archive replaced) both must stop
   calling the package installed, and re-downloading what NLTK calls not
   installed / `nlkit download --update` must bring both back to identical
   trees.

NLTK reads the index from file:// URLs (it refuses loopback HTTP); nlkit
uses the same index with `--mirror`.

Usage (repository root, after `cargo build`):
  .venv/bin/python scripts/parity/download.py [--nlkit target/debug/nlkit]
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UPSTREAM = "https://raw.githubusercontent.com/nltk/nltk_data/gh-pages/"


def tree(d):
    out = {}
    for base, dirs, files in os.walk(d):
        for f in files:
            p = os.path.join(base, f)
            rel = os.path.relpath(p, d)
            if rel == ".nlkit-download.lock":
                continue
            with open(p, "rb") as fh:
                out[rel] = hashlib.sha256(fh.read()).hexdigest()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "debug", "nlkit"))
    shared = os.environ.get("NLKIT_SHARED", os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--mirror", default=os.path.join(shared, "nltk_server"))
    args = ap.parse_args()
    mirror = os.path.realpath(args.mirror)
    work = tempfile.mkdtemp(prefix="nlkit-dl-parity-")
    failures = 0
    try:
        xml = open(os.path.join(mirror, "index.xml"), encoding="utf-8").read()
        ids = re.findall(r'<package id="([^"]+)"', xml)
        file_index = os.path.join(work, "index.xml")
        with open(file_index, "w", encoding="utf-8") as f:
            f.write(xml.replace(UPSTREAM, "file://" + mirror + "/"))
        a, b = os.path.join(work, "nltk"), os.path.join(work, "nlkit")
        os.makedirs(a)
        os.makedirs(b)

        import nltk

        nltk.data.path += [work, mirror, a, b]
        dl = nltk.downloader.Downloader(server_index_url="file://" + file_index)

        def nltk_status(d):
            dl.clear_status_cache()
            return {i: dl.status(i, download_dir=d) for i in ids}

        def nlkit(*extra):
            r = subprocess.run([args.nlkit, "download", "--quiet", "--index-url", file_index, "--mirror", mirror] + list(extra),
                               capture_output=True, text=True)
            return r

        def nlkit_status(d):
            r = nlkit("--dir", d, "--status", *ids)
            assert r.returncode == 0, r.stderr
            return dict(line.split("\t") for line in r.stdout.splitlines())

        def check(label, ok, total, detail=""):
            nonlocal failures
            failures += ok != total
            print("%-58s %3d/%3d  %6.2f%%  %s" % (label, ok, total, 100.0 * ok / max(total, 1), detail))

        for i in ids:
            assert dl.download(i, download_dir=a, quiet=True, raise_on_error=True)
        r = nlkit("--dir", b, *ids)
        assert r.returncode == 0, r.stderr

        ta, tb = tree(a), tree(b)
        same = sum(1 for k in ta if tb.get(k) == ta[k])
        diff = sorted(set(ta) ^ set(tb))[:5] + [k for k in ta if k in tb and ta[k] != tb[k]][:5]
        check("identical files (NLTK install vs nlkit install)", same, max(len(ta), len(tb)), " ".join(diff))

        s = nltk_status(b)
        check("NLTK status of nlkit's install == installed", sum(v == "installed" for v in s.values()), len(ids),
              " ".join("%s=%s" % kv for kv in s.items() if kv[1] != "installed")[:200])
        s = nlkit_status(a)
        check("nlkit status of NLTK's install == installed", sum(v == "installed" for v in s.values()), len(ids),
              " ".join("%s=%s" % kv for kv in s.items() if kv[1] != "installed")[:200])

        # The same damage to both folders.
        for d in (a, b):
            os.remove(os.path.join(d, "corpora", "names", "male.txt"))
            shutil.rmtree(os.path.join(d, "corpora", "stopwords"))
            with open(os.path.join(d, "tokenizers", "punkt_tab.zip"), "wb") as f:
                f.write(b"not the archive")
        damaged = ["names", "stopwords", "punkt_tab"]
        sa, sb = nltk_status(a), nlkit_status(b)
        agree = sum((sa[i] == "installed") == (sb[i] == "installed") for i in ids)
        check("after damage: both agree installed vs not", agree, len(ids),
              " ".join("%s: nltk=%s nlkit=%s" % (i, sa[i], sb[i]) for i in damaged))

        # NLTK's update() only works on its default folder: re-download what it calls not installed.
        for i in ids:
            dl.clear_status_cache()
            if dl.status(i, download_dir=a) != "installed":
                assert dl.download(i, download_dir=a, quiet=True, force=True, raise_on_error=True)
        r = nlkit("--dir", b, "--update")
        assert r.returncode == 0, r.stderr
        ta, tb = tree(a), tree(b)
        same = sum(1 for k in ta if tb.get(k) == ta[k])
        check("identical files after repair", same, max(len(ta), len(tb)))
        s = nlkit_status(b)
        check("nlkit status after --update == installed", sum(v == "installed" for v in s.values()), len(ids))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("FAILED" if failures else "all identical")
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    main()
