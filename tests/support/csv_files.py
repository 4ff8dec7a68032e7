"""CSV files for the batch tests, good and bad, built from the known penguins."""

import csv
import io

from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO

HEADER = ["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex"]
PENGUINS = [ADELIE, CHINSTRAP, GENTOO]


def csv_bytes(rows, header=HEADER):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def penguin_rows(penguins=PENGUINS):
    return [["" if penguin[name] is None else penguin[name] for name in HEADER] for penguin in penguins]


GOOD = csv_bytes(penguin_rows())
# Row 3 (spreadsheet numbering) has text where a number belongs; row 5 is missing its island.
MIXED = csv_bytes([
    penguin_rows([ADELIE])[0],
    ["Dream", "forty", 19.0, 200.0, 3800.0, ""],
    penguin_rows([GENTOO])[0],
    ["", 39.1, 18.7, 181.0, 3750.0, "male"],
])
# Whole-file problems, each with a phrase its message must contain.
BAD_FILES = {
    "empty": (b"", "The file is empty"),
    "blank lines only": (b"\n\n  \n", "The file is empty"),
    "header only": (csv_bytes([]), "no penguins"),
    "wrong columns": (csv_bytes(penguin_rows(), header=["island", "bill", "depth", "flipper", "mass", "sex"]),
                      "lacks the column(s) bill_length_mm"),
    "semicolon separated": (GOOD.replace(b",", b";"), "separated by semicolons"),
    "too many rows": (csv_bytes(penguin_rows() * 334), "more than 1000 penguins"),
    "too large": (csv_bytes(penguin_rows()) + b"#" * (1024 * 1024),
                  "over the limit of 1,048,576 bytes (1 MiB)"),
    "binary (png)": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    "not utf-8 (latin-1)": ("island,bill_length_mm\nBiscoe,résumé\n".encode("latin-1"), "not UTF-8"),
}
