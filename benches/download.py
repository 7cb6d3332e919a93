#!/usr/bin/env python3
"""Downloader speed: download + verify + unzip every package of the shared
NLTK mirror (../shared/data/nltk_server, 31 packages, ~38 MB of zips) into
an empty folder.

nlkit: the release binary, `nlkit download <all ids> --jobs N --quiet`, over
HTTP from a threaded Python server on 127.0.0.1 (the index's URLs rewritten
to it) and from a file:// index. NLTK 3.10.4: `Downloader.download(id)` for
every id from a file:// index (NLTK refuses loopback HTTP URLs, so file:// is
the only transport it can be timed on here; it is the cheaper one).
Each timing is the best of --runs fresh installs; user and system CPU
seconds of the child processes are printed too (unpacking ~120 MB into many
small files is mostly file-system work, so the wall time depends heavily on
the disk and the machine's load).

Usage (repository root, after `cargo build --release --features cli`):
  .venv/bin/python benches/download.py [--runs 3]
"""
import argparse
import functools
import http.server
import os
import re
import resource
import shutil
import subprocess
import tempfile
import threading
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UPSTREAM = "https://raw.githubusercontent.com/nltk/nltk_data/gh-pages/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--nlkit", default=os.path.join(ROOT, "target", "release", "nlkit"))
    shared = os.environ.get("NLKIT_SHARED", os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--mirror", default=os.path.join(shared, "nltk_server"))
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="nlkit-dl-bench-")
    try:
        mirror = os.path.join(work, "mirror")
        os.makedirs(mirror)
        os.symlink(os.path.abspath(os.path.join(args.mirror, "packages")), os.path.join(mirror, "packages"))
        xml = open(os.path.join(args.mirror, "index.xml"), encoding="utf-8").read()
        ids = re.findall(r'<package id="([^"]+)"', xml)
        total = sum(int(s) for s in re.findall(r'<package [^>]*?\ssize="(\d+)"', xml))

        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=mirror))
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        base = "http://127.0.0.1:%d/" % srv.server_address[1]
        with open(os.path.join(mirror, "index-http.xml"), "w", encoding="utf-8") as f:
            f.write(xml.replace(UPSTREAM, base))
        with open(os.path.join(mirror, "index-file.xml"), "w", encoding="utf-8") as f:
            f.write(xml.replace(UPSTREAM, "file://" + os.path.realpath(args.mirror) + "/"))

        def fresh():
            d = tempfile.mkdtemp(dir=work)
            return d

        def best(f):
            # (wall, user CPU, system CPU) of the fastest run; CPU of the child processes.
            times = []
            for _ in range(args.runs):
                d = fresh()
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                f(d)
                wall = time.perf_counter() - t0
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                times.append((wall, r1.ru_utime - r0.ru_utime, r1.ru_stime - r0.ru_stime))
                shutil.rmtree(d)
            return min(times)

        def nlkit(index, jobs):
            def run(d):
                subprocess.run([args.nlkit, "download", "--quiet", "--index-url", index, "--dir", d,
                                "--jobs", str(jobs)] + ids, check=True)
            return run

        def nltk_run(d):
            code = (
                "import nltk, sys, warnings\n"
                "warnings.simplefilter('ignore')\n"
                "nltk.data.path += [%r, %r]\n"
                "dl = nltk.downloader.Downloader(server_index_url='file://%s/index-file.xml')\n"
                "for i in %r:\n"
                "    assert dl.download(i, download_dir=%r, quiet=True, raise_on_error=True)\n"
                % (mirror, os.path.realpath(args.mirror), mirror, ids, d)
            )
            env = dict(os.environ, NLTK_DATA=d)
            subprocess.run([os.path.join(ROOT, ".venv", "bin", "python"), "-c", code], check=True, env=env)

        print("packages: %d, zip bytes: %.1f MB, best of %d, fresh folder each run" % (len(ids), total / 1e6, args.runs))
        rows = []
        nltk_t = best(nltk_run)
        rows.append(("NLTK 3.10.4, file:// index", nltk_t))
        for label, index in (("HTTP 127.0.0.1", base + "index-http.xml"), ("file://", "file://" + mirror + "/index-file.xml")):
            for jobs in (1, 4):
                rows.append(("nlkit --jobs %d, %s" % (jobs, label), best(nlkit(index, jobs))))
        print("%-34s %8s %8s %8s %10s %14s" % ("", "wall", "user", "sys", "MB/s", "NLTK/this wall"))
        for label, (wall, user, sys_) in rows:
            print("%-34s %7.2fs %7.2fs %7.2fs %10.1f %13.1fx" % (label, wall, user, sys_, total / 1e6 / wall, nltk_t[0] / wall))
        srv.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    main()
