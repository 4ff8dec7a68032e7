"""Print a benchmark's rows as a table, and write them to a CSV file."""

import csv
from pathlib import Path

RESULTS_DIR = Path(__file__).parent / "results"


def report(name, rows, results_dir=RESULTS_DIR):
    """Print ``rows`` (dicts with the same keys) as a table called ``name``; write ``<name>.csv``."""
    columns = list(rows[0])
    cells = [[_text(row[column]) for column in columns] for row in rows]
    widths = [max(len(column), *(len(line[index]) for line in cells)) for index, column in enumerate(columns)]
    print(f"\n{name}")
    print("  ".join(column.rjust(width) for column, width in zip(columns, widths, strict=True)))
    for line in cells:
        print("  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True)))
    results_dir = Path(results_dir)
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"{name}.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=columns, lineterminator="\n")  # the same on every OS
        writer.writeheader()
        writer.writerows(rows)
    return path


def _text(value):
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)
