"""The batch upload logic on its own: limits, header checks, per-row errors, CSV out."""

import csv
import io
import re

import pytest
from batch_upload import BatchFileError, predict_csv, results_csv, template_csv

from penguin_model import InvalidInput
from tests.support.csv_files import BAD_FILES, GOOD, HEADER, MIXED, PENGUINS, csv_bytes, penguin_rows


def test_a_good_file_gives_the_same_predictions_as_the_shared_package(model):
    outcome = predict_csv(model, GOOD)
    expected = model.predict_batch([model.validate(penguin) for penguin in PENGUINS])
    assert not outcome.errors
    assert [result["species"] for result in outcome.results] == [answer["species"] for answer in expected]
    first = outcome.results[0]
    assert {name: first[f"probability_{name}"] for name in model.classes} == expected[0]["probabilities"]


def test_rows_are_numbered_as_in_a_spreadsheet(model):
    assert [result["row"] for result in predict_csv(model, GOOD).results] == [2, 3, 4]


def test_a_mixed_file_predicts_good_rows_and_names_the_row_and_field_of_bad_ones(model):
    outcome = predict_csv(model, MIXED)
    assert [result["status"] for result in outcome.results] == ["ok", "error", "ok", "error"]
    assert [(error["row"], error["field"]) for error in outcome.errors] == [
        (3, "bill_length_mm"), (5, "island")]
    assert outcome.failed_rows == 2


def test_messages_are_the_shared_schemas(model):
    """The app says exactly what the JSON APIs say for the same bad value."""
    outcome = predict_csv(model, MIXED)
    with pytest.raises(InvalidInput) as raised:
        model.validate({**PENGUINS[1], "bill_length_mm": "forty"}, from_text=True)
    assert outcome.errors[0]["message"] == raised.value.errors[0].message


@pytest.mark.parametrize(("content", "phrase"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_with_a_readable_message(model, content, phrase):
    with pytest.raises(BatchFileError, match=re.escape(phrase)):
        predict_csv(model, content)


def test_exactly_the_row_limit_is_accepted(model):
    rows = (penguin_rows() * 334)[:1000]
    assert len(predict_csv(model, csv_bytes(rows)).results) == 1000


def test_a_spreadsheets_byte_order_mark_and_padded_header_are_accepted(model):
    content = b"\xef\xbb\xbf" + GOOD.replace(b"island,", b" island ,", 1)
    assert not predict_csv(model, content).errors


def test_the_sex_column_may_be_left_out(model):
    rows = [row[:-1] for row in penguin_rows()]
    assert not predict_csv(model, csv_bytes(rows, header=HEADER[:-1])).errors


def test_a_row_with_too_many_values_is_an_error_for_that_row_only(model):
    rows = penguin_rows()
    rows[1] = [*rows[1], "extra"]
    outcome = predict_csv(model, csv_bytes(rows))
    assert [(error["row"], error["field"]) for error in outcome.errors] == [(3, "(row)")]
    assert [result["status"] for result in outcome.results] == ["ok", "error", "ok"]


def test_the_results_csv_has_one_line_per_row_with_species_or_errors(model):
    outcome = predict_csv(model, MIXED)
    lines = read_results(results_csv(outcome))
    assert [line["species"] for line in lines] == ["Adelie", "", "Gentoo", ""]
    assert lines[1]["errors"].startswith("bill_length_mm: ")
    assert lines[3]["errors"] == "island: This field is required."


def quoted_csv(row):
    """An upload as a spreadsheet program writes it: every value quoted, so a line break in one is data."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows([HEADER, row])
    return buffer.getvalue().encode("utf-8")


def read_results(content):
    """The rows of a results file, read as a spreadsheet reads CSV (a line break in quotes is data)."""
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


FORMULAS = ['=HYPERLINK("http://example.com","Biscoe")', "+1+2", "-1+2", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("formula", FORMULAS, ids=["equals", "plus", "minus", "at", "tab", "carriage-return"])
def test_the_results_csv_writes_a_formula_as_text(model, formula):
    """OWASP's advice against CSV injection: a ' before anything a spreadsheet would calculate."""
    uploaded = quoted_csv(["Biscoe", formula, 15.0, 218.0, 5200.0, formula])
    [line] = read_results(results_csv(predict_csv(model, uploaded)))
    assert (line["bill_length_mm"], line["sex"]) == ("'" + formula, "'" + formula)
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in line.values())


@pytest.mark.parametrize("number", ["-5", "-2.5", "-1e3"])
def test_a_negative_number_stays_a_number(model, number):
    """Out of range, so refused, and echoed back as the number it is: no quote to spoil a sum."""
    uploaded = quoted_csv(["Biscoe", number, 15.0, 218.0, 5200.0, "female"])
    [line] = read_results(results_csv(predict_csv(model, uploaded)))
    assert (line["bill_length_mm"], line["status"]) == (number, "error")


def test_the_template_is_a_valid_batch(model):
    examples = [{**penguin, "sex": None} for penguin in PENGUINS]
    outcome = predict_csv(model, template_csv(examples))
    assert not outcome.errors
    assert len(outcome.results) == 3
