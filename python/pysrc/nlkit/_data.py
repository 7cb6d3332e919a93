"""Where nlkit looks for NLTK data: ``nltk.data.path`` when NLTK is loaded,
else the same list NLTK would build (``NLTK_DATA``, ``~/nltk_data``, the
interpreter's prefix, the system folders)."""

import os
import sys


def path():
    """The NLTK data search path, as a list of folder names."""
    nltk_data = sys.modules.get("nltk.data")
    if nltk_data is not None:
        return [p for p in nltk_data.path if isinstance(p, str)]
    out = []
    env = os.environ.get("NLTK_DATA")
    if env:
        out += [p for p in env.split(os.pathsep) if p]
    home = os.path.expanduser("~/")
    if home != "~/":
        out.append(os.path.join(home, "nltk_data"))
    out += [
        os.path.join(sys.prefix, "nltk_data"),
        os.path.join(sys.prefix, "share", "nltk_data"),
        os.path.join(sys.prefix, "lib", "nltk_data"),
        "/usr/share/nltk_data",
        "/usr/local/share/nltk_data",
        "/usr/lib/nltk_data",
        "/usr/local/lib/nltk_data",
    ]
    return out


def find_file(name):
    """The local path of file ``name`` (e.g. ``corpora/stopwords/english``)
    in the first data folder that has it, or NLTK's ``LookupError``."""
    dirs = path()
    for d in dirs:
        p = os.path.join(d, *name.split("/"))
        if os.path.isfile(p):
            return p
    package = name.split("/")[1] if "/" in name else name
    stars = "*" * 70
    searched = "".join("    - %r\n" % d for d in dirs)
    raise LookupError(
        f"\n{stars}\n  Resource \x1b[93m{package}\x1b[0m not found.\n"
        "  Please use the NLTK Downloader to obtain the resource:\n\n"
        f"  \x1b[31m>>> import nltk\n  >>> nltk.download('{package}')\n  \x1b[0m\n"
        "  For more information see: https://www.nltk.org/data.html\n\n"
        f"  Attempted to load \x1b[93m{name}\x1b[0m\n\n  Searched in:\n{searched}{stars}\n"
    )


class paused_gc:
    """Pauses Python's cyclic garbage collector while a native call builds
    many tuples: each allocation burst would otherwise trigger collections
    that walk every live object (NLTK's models included). Reentrant; restores
    the previous state."""

    __slots__ = ("_was",)

    def __enter__(self):
        import gc

        self._was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        if self._was:
            import gc

            gc.enable()
        return False
