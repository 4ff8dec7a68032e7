"""Draw the course's diagrams: each ``*.dot`` file here becomes the ``*.svg`` beside it.

Run from anywhere: ``make diagrams`` or ``python docs/diagrams/draw.py``. It needs Graphviz's
``dot`` program (``apt install graphviz``, ``brew install graphviz``; on Windows, the installer from
graphviz.org) and nothing else: no Python package beyond the standard library.

Each SVG records the SHA-256 of the ``.dot`` source it was drawn from, in a comment, so a test
can tell that the committed pictures are current (tests/course/test_diagrams.py).
"""

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

DIAGRAMS = Path(__file__).resolve().parent
SOURCE_MARK = "<!-- drawn from {name} sha256:{digest} -->"


def source_mark(dot_file):
    """The comment an SVG drawn from ``dot_file`` (as it is now) carries."""
    digest = hashlib.sha256(dot_file.read_bytes()).hexdigest()
    return SOURCE_MARK.format(name=dot_file.name, digest=digest)


def draw(dot_file, output_folder):
    """Draw ``dot_file`` as SVG into ``output_folder``; return the SVG's path."""
    svg = subprocess.run(["dot", "-Tsvg", str(dot_file)], capture_output=True, text=True, check=True).stdout
    declaration, _, rest = svg.partition("\n")  # the mark goes after <?xml ...?>, which must come first
    svg_file = output_folder / f"{dot_file.stem}.svg"
    svg_file.write_text(f"{declaration}\n{source_mark(dot_file)}\n{rest}", encoding="utf-8", newline="\n")
    return svg_file


def main(arguments=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DIAGRAMS, help="folder for the SVG files (default: here)")
    options = parser.parse_args(arguments)
    if shutil.which("dot") is None:
        sys.exit("Graphviz's `dot` is not installed: `apt install graphviz` or `brew install graphviz`.")
    options.out.mkdir(parents=True, exist_ok=True)
    for dot_file in sorted(DIAGRAMS.glob("*.dot")):
        print(f"drew {draw(dot_file, options.out)}")


if __name__ == "__main__":
    main()
