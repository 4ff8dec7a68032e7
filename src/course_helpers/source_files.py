"""Show the files a chapter talks about, read from disk, so the lesson and the code never drift apart.

A notebook that pasted a view or a template into its prose would keep showing the old version after
the file changed. ``show_file`` prints the real file, or the part of it between two markers, with
its path and line numbers, so that a learner can open it at the same place in an editor.
"""

from pathlib import Path

from penguin_model.data import REPO_ROOT


def excerpt(path, start=None, stop=None):
    """``(first line number, lines)`` of ``path``, from the line holding ``start`` to the next with ``stop``.

    Without ``start`` the excerpt begins at the top, without ``stop`` it runs to the end. A marker
    that is not in the file raises ``ValueError``: the excerpt must fail loudly, not show the wrong part.
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    first = 0 if start is None else _line_holding(lines, start, 0, path)
    last = len(lines) - 1 if stop is None else _line_holding(lines, stop, first + 1, path)
    return first + 1, lines[first : last + 1]


def show_file(path, start=None, stop=None):
    """Print the excerpt of ``path`` (see ``excerpt``) under its repository path and line numbers."""
    path = Path(path)
    first, lines = excerpt(path, start, stop)
    shown = path.resolve().relative_to(REPO_ROOT).as_posix() if path.is_absolute() else path.as_posix()
    print(f"# {shown}, lines {first}-{first + len(lines) - 1}")
    print("\n".join(lines))


def _line_holding(lines, marker, begin, path):
    for number in range(begin, len(lines)):
        if marker in lines[number]:
            return number
    raise ValueError(f"{marker!r} is not in {path} (from line {begin + 1} on)")
