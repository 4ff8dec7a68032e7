"""Turn an uploaded CSV file into per-row predictions or per-row errors (no Streamlit here).

The limits are the JSON API's (1 MiB, 1 to 1000 penguins) and every row is checked by the
shared schema with ``from_text=True``, so the Streamlit app accepts and rejects exactly what
Flask and Django do, with the same messages. A problem with the whole file raises
``BatchFileError``; a problem with one row is reported for that row and the rest still run.

The results file echoes what was uploaded, so it is written safe to open in a spreadsheet: a cell that
a spreadsheet would run as a formula is written as text (``spreadsheet_safe``).
"""

import csv
import io
import re
from dataclasses import dataclass, field

from api_contract import MAX_BATCH_SIZE, MAX_BODY_BYTES
from penguin_model import InvalidInput
from penguin_model.data import FEATURES

MAX_FILE_BYTES = MAX_BODY_BYTES
MAX_ROWS = MAX_BATCH_SIZE
# The limit the upload widget enforces and shows ("1MB per file"), in Streamlit's unit, whole MB.
# Streamlit 1.67 reads an upload limit as MB, then counts it differently in its two halves: its
# server multiplies by 1024² (a MiB), its uploader in the browser by 1000² (by 1024² on Windows), and
# the uploader writes "MB". One MB of the uploader is never more than MAX_FILE_BYTES (1 MiB), so the
# browser refuses what the app would; a file sent some other way still meets the app's own check.
MAX_UPLOAD_MB = MAX_FILE_BYTES // 2**20
TEMPLATE_HINT = "Download the template CSV on this page and fill it in."
# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): an uploaded island of
# '=HYPERLINK("http://…")' would come back as a link in the results file, '@SUM(…)' as a calculation.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-\d+(\.\d+)?([eE][-+]?\d+)?")  # a negative number stays a number


class BatchFileError(ValueError):
    """The file as a whole cannot be used; the message says why and what to do."""


@dataclass
class BatchOutcome:
    """One result per data row (in file order), and one error per bad field."""

    results: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def failed_rows(self):
        return len({error["row"] for error in self.errors})


def predict_csv(model, content):
    """Validate and predict every row of a CSV file given as bytes."""
    rows = read_rows(content, model.feature_spec)
    outcome = BatchOutcome()
    for row_number, values in rows:
        outcome.results.append(_predict_row(model, row_number, values, outcome.errors))
    return outcome


def read_rows(content, feature_spec):
    """``[(spreadsheet row number, {column: text})]``, or ``BatchFileError`` for the whole file."""
    text = _decode(content)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        _check_header(reader.fieldnames, feature_spec)
        rows = []
        for values in reader:
            if len(rows) == MAX_ROWS:
                raise BatchFileError(
                    f"The file has more than {MAX_ROWS} penguins. Split it into files of at most "
                    f"{MAX_ROWS} rows each."
                )
            rows.append((reader.line_num, values))
    except csv.Error as error:
        raise BatchFileError(f"The file is not valid CSV ({error}). {TEMPLATE_HINT}") from None
    if not rows:
        raise BatchFileError(f"The file has a header but no penguins under it. {TEMPLATE_HINT}")
    return rows


def _decode(content):
    if not content.strip():
        raise BatchFileError(f"The file is empty. {TEMPLATE_HINT}")
    if len(content) > MAX_FILE_BYTES:
        raise BatchFileError(
            f"The file has {len(content):,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes "
            f"({MAX_FILE_BYTES // 2**20} MiB). Split it into smaller files."
        )
    if b"\x00" in content:
        raise BatchFileError("This looks like a binary file, not a CSV text file. " + TEMPLATE_HINT)
    try:
        # utf-8-sig also accepts the byte-order mark that spreadsheet programs write.
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BatchFileError(
            "The file is not UTF-8 text. Save it as 'CSV UTF-8' from your spreadsheet program, "
            "or download the template CSV and fill it in."
        ) from None


def _check_header(header, feature_spec):
    header = [name.strip() for name in header or []]
    required = [name for name, rules in feature_spec.items() if rules["required"]]
    missing = [name for name in required if name not in header]
    unknown = [name for name in header if name not in feature_spec]
    problems = []
    if missing:
        problems.append(f"it lacks the column(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"it has column(s) the model does not know: {', '.join(map(repr, unknown))}")
    if len(set(header)) < len(header):
        problems.append("a column name appears twice")
    if problems:
        separator_hint = " (Is it separated by semicolons? Use commas.)" if ";" in "".join(header) else ""
        raise BatchFileError(
            f"The header row is wrong: {'; '.join(problems)}.{separator_hint} The expected columns "
            f"are {', '.join(feature_spec)} (sex may be left out). {TEMPLATE_HINT}"
        )


def _predict_row(model, row_number, values, errors):
    """A result for one row; its problems are appended to ``errors`` as they are found."""
    # csv puts values beyond the header's last column under the key None.
    inputs = {name.strip(): value for name, value in values.items() if name is not None}
    if None in values:
        errors.append({"row": row_number, "field": "(row)",
                       "message": "This row has more values than the header has columns."})
        return _result(row_number, inputs, None)
    try:
        clean = model.validate(inputs, from_text=True)
    except InvalidInput as invalid:
        errors += [{"row": row_number, "field": e.field, "message": e.message} for e in invalid.errors]
        return _result(row_number, inputs, None)
    return _result(row_number, inputs, model.predict(clean))


def _result(row_number, inputs, prediction):
    result = {"row": row_number, **{name: inputs.get(name) for name in FEATURES}}
    if prediction is None:
        return result | {"species": None, "status": "error"}
    probabilities = {f"probability_{name}": p for name, p in prediction["probabilities"].items()}
    return result | {"species": prediction["species"], "status": "ok", **probabilities}


def results_csv(outcome):
    """The results as CSV bytes: the inputs, the species and probabilities, or the row's errors."""
    messages = {}
    for error in outcome.errors:
        messages.setdefault(error["row"], []).append(f"{error['field']}: {error['message']}")
    fieldnames = list(dict.fromkeys(key for result in outcome.results for key in result)) + ["errors"]
    buffer = io.StringIO(newline="")
    # CRLF ends a record, as RFC 4180 says; Python's csv then also quotes a value holding a CR (it quotes
    # the characters of the line ending), so an uploaded line break stays inside its cell.
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\r\n")
    writer.writeheader()
    for result in outcome.results:
        row = result | {"errors": " | ".join(messages.get(result["row"], []))}
        writer.writerow({name: spreadsheet_safe(value) for name, value in row.items()})
    return buffer.getvalue().encode("utf-8")


def spreadsheet_safe(value):
    """``value``, with a ``'`` before text a spreadsheet would run as a formula, as OWASP advises: the
    spreadsheet then shows the text as it was typed. A negative number (``-5``, ``-2.5e3``) is left a number.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def template_csv(example_rows):
    """A CSV with the expected header and the given example penguins, for users to fill in."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(FEATURES), lineterminator="\n")
    writer.writeheader()
    writer.writerows(example_rows)
    return buffer.getvalue().encode("utf-8")
