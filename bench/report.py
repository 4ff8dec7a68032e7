"""Print a benchmark's rows as a table (``bench.results`` stores them)."""


def show(name, rows):
    """Print ``rows`` (dicts with the same keys) as a table called ``name``."""
    columns = list(rows[0])
    cells = [[_text(row[column]) for column in columns] for row in rows]
    widths = [max(len(column), *(len(line[index]) for line in cells)) for index, column in enumerate(columns)]
    print(f"\n{name}")
    print("  ".join(column.rjust(width) for column, width in zip(columns, widths, strict=True)))
    for line in cells:
        print("  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True)))


def _text(value):
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)
