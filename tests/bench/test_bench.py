"""The benchmarks run in quick mode and store what they measured, run after run; the stored runs are
read back by the course's rule; docs/benchmarks.md is what they give.

What the benchmarks measure varies with the machine and is never asserted; that every figure is there,
and that every server answered every request, is. The serving, database and locust benchmarks have
test files of their own, so that pytest-xdist runs them side by side.
"""

import ast
import textwrap

import pandas as pd
import pytest

from bench.database import SQLITE_COMMITS
from bench.document import DOCUMENT, document
from bench.results import RUNS, STORED, OtherLayout, append, read
from bench.serving import BASELINE, SERVERS
from bench.size import FOLDERS, code_lines
from bench.summary import CPU, MIN_RUNS, Spread, apart, spread, verdict
from penguin_model.data import REPO_ROOT
from tests.bench.running import read_csv, run_bench


def test_prediction_times_both_paths_and_a_requests_whole_work(model_dir, tmp_path):
    rows = run_bench("prediction", model_dir, tmp_path)
    assert [row["what"] for row in rows] == [
        "validate 1 penguin", "fast path, 1 penguin", "pipeline, 1 penguin", "fast path, 1000 penguins",
        "pipeline, 1000 penguins", "a request's work (parse, validate, predict, encode), fast path",
        "a request's work (parse, validate, predict, encode), pipeline"]
    assert all(0 < float(row["best ms"]) <= float(row["median ms"]) <= float(row["worst ms"]) for row in rows)


def test_each_run_is_appended_with_its_id_and_a_line_in_runs_csv(model_dir, tmp_path):
    """Nothing is overwritten: two runs leave two sets of rows, told apart by their run ids."""
    first = run_bench("size", model_dir, tmp_path)
    both = run_bench("size", model_dir, tmp_path)
    runs = [row["run"] for row in both]
    assert both[:len(first)] == first and len(both) == 2 * len(first)
    assert len(set(runs)) == 2
    lines = read_csv(tmp_path / f"{RUNS}.csv")
    assert [(line["run"], line["benchmark"], line["mode"]) for line in lines] == [
        (run, "size", "quick") for run in dict.fromkeys(runs)]
    assert read("size", tmp_path).empty, "a quick run is not read back as a full one"
    assert len(read("size", tmp_path, mode="quick")) == len(both)


def test_a_results_file_with_other_columns_is_refused_untouched(tmp_path):
    """An older layout is never appended to: the rows would be misread. The message says what to do."""
    old = tmp_path / "serving.csv"
    old.write_text("server,requests/s\nFlask,1000\n", encoding="utf-8")
    with pytest.raises(OtherLayout, match="Move it aside"):
        append(tmp_path, "serving", [{"run": "now", "server": "Flask", "requests/s": 900}])
    assert old.read_text(encoding="utf-8") == "server,requests/s\nFlask,1000\n"


def test_startup_reports_every_app_server_as_shipped(model_dir, tmp_path):
    rows = run_bench("startup", model_dir, tmp_path)
    shipped = [server.name for server in SERVERS if server.app and not server.environment]
    assert [row["server"] for row in rows] == shipped
    assert all(float(row["cold start s"]) > 0 and float(row["PSS total MiB"]) > 0 for row in rows)
    assert {row["path"] for row in rows} == {"fast"}


def test_size_counts_every_app(model_dir, tmp_path):
    rows = run_bench("size", model_dir, tmp_path)
    assert [row["app"] for row in rows] == list(FOLDERS)
    assert all(0 < int(row["API glue lines"]) <= int(row["code lines"]) for row in rows)


def test_code_lines_leave_out_docstrings_comments_and_blank_lines(tmp_path):
    source = tmp_path / "module.py"
    source.write_text(textwrap.dedent('''\
        """A module docstring
        over two lines."""

        # a comment
        def answer():
            """A docstring."""
            text = """not a docstring"""  # a comment after code
            return text
    '''))
    assert code_lines(source) == 3


def runs_of(values_by_run):
    """Rows as the benchmarks store them: one per measurement, ``{run: [figure, ...]}``."""
    return pd.DataFrame([{"run": run, "figure": value} for run, values in values_by_run.items()
                         for value in values])


def test_a_spread_keeps_every_measurement_and_each_runs_median():
    measured = spread(runs_of({"a": [1.0, 2.0, 3.0], "b": [5.0, 6.0, 7.0]}), "figure")
    assert (measured.median, measured.low, measured.high, measured.run_medians) == (4.0, 1.0, 7.0, (2.0, 6.0))


@pytest.mark.parametrize(("first", "second", "called_apart"), [
    ({"a": [0.6, 0.7], "b": [0.65], "c": [0.62]}, {"a": [0.1], "b": [0.12], "c": [0.09]}, True),
    # One round of one run reaches the other's: the spreads overlap, however far the medians are.
    ({"a": [0.6, 0.7], "b": [0.65], "c": [0.11]}, {"a": [0.1], "b": [0.12], "c": [0.09]}, False),
    # Far apart, but not enough runs to say it survives another.
    ({"a": [0.6], "b": [0.65]}, {"a": [0.1], "b": [0.12]}, False),
], ids=["apart", "overlapping", "too-few-runs"])
def test_the_verdict_rule_calls_two_servers_apart_only_outside_their_spreads(first, second, called_apart):
    one, other = spread(runs_of(first), "figure"), spread(runs_of(second), "figure")
    assert apart(one, other) is called_apart
    assert apart(other, one) is called_apart
    expected = "Flask faster" if called_apart else "not apart"
    assert verdict("Flask", "Django", one, other) == expected


def test_for_cpu_time_less_is_better():
    cheap, dear = Spread(0.5, 0.4, 0.6, (0.5,) * MIN_RUNS), Spread(1.8, 1.5, 2.0, (1.8,) * MIN_RUNS)
    assert verdict("Flask", "Django", cheap, dear, CPU) == "Flask cheaper"
    assert verdict("Django", "Flask", dear, cheap, CPU) == "Flask cheaper"


def test_the_document_is_what_the_stored_runs_give():
    """docs/benchmarks.md is written from the stored CSV files: a new run cannot leave stale text."""
    assert DOCUMENT.read_text(encoding="utf-8") == document(), (
        "docs/benchmarks.md differs from what the stored runs give: run `python -m bench.document`.")


def test_the_database_benchmark_says_how_the_projects_sqlite_commits():
    """SQLITE_COMMITS, printed in every row, is what the Django settings set on each connection."""
    from config.settings import sqlite_database

    init_command = sqlite_database()["OPTIONS"]["init_command"]
    journal, synchronous = SQLITE_COMMITS.split(", ")
    assert f"journal_mode={journal}" in init_command and f"PRAGMA {synchronous}" in init_command


@pytest.mark.parametrize("folder", ["exercises/06_remeasure", "exercises/solutions/06_remeasure"])
def test_exercise_06_names_the_baseline_and_the_rule_as_the_benchmarks_do(folder):
    """The exercise reads this benchmark's files and cannot import bench (it runs as a script): its
    copies of the baseline's name and of the number of runs the rule asks for must stay the same."""
    source = (REPO_ROOT / folder / "exercise.py").read_text(encoding="utf-8")
    constants = {node.targets[0].id: node.value for node in ast.parse(source).body
                 if isinstance(node, ast.Assign)}
    assert ast.literal_eval(constants["BASELINE"]) == BASELINE
    assert ast.literal_eval(constants["MIN_RUNS"]) == MIN_RUNS
    assert 'REPO_ROOT / "docs" / "benchmarks" / "runs" / "serving.csv"' in source
    assert STORED == REPO_ROOT / "docs" / "benchmarks" / "runs"
