"""``python -m bench.document [--check]``: write docs/benchmarks.md from the runs in docs/benchmarks/runs/.

Every figure in that document is computed here from the CSV files; the prose around them explains,
and quotes none. So a new run cannot leave stale text behind: append it (``python -m bench all --full
--results docs/benchmarks/runs``), run this, commit both. ``--check`` changes nothing and fails when
the document is not what the stored runs give (a test runs it).
"""

import argparse
import sys
import textwrap
from pathlib import Path

import pandas as pd

from bench import tables
from bench.__main__ import ALL
from bench.cpu import OTHER_CPU
from bench.database import POSTGRES_SETTINGS, SQLITE_COMMITS
from bench.results import STORED
from bench.serving import BASELINE, WORKERS
from bench.summary import CPU, MIN_RUNS, THROUGHPUT, figure, serving_rounds
from bench.workers import WAIT_MS, WORKER_COUNTS
from penguin_model.data import REPO_ROOT

DOCUMENT = REPO_ROOT / "docs" / "benchmarks.md"
OLD_RUN = REPO_ROOT / "docs" / "benchmarks"  # the CSV files of the single run before this layout
STORE_COMMAND = "python -m bench all --full --results docs/benchmarks/runs"
WRITE_COMMAND = "python -m bench.document"
PATHS = {"fast": "the fast path (NumPy: what the apps serve)",
         "pipeline": "the scikit-learn pipeline (`--path pipeline`)"}


def main(argv=None):
    parser = argparse.ArgumentParser(prog=WRITE_COMMAND, description=__doc__)
    parser.add_argument("--check", action="store_true", help="only say whether the document is up to date")
    args = parser.parse_args(argv)
    text = document()
    if args.check:
        if DOCUMENT.read_text(encoding="utf-8") != text:
            print(f"{DOCUMENT} is not what the stored runs give: run `{WRITE_COMMAND}` and commit it.")
            return 1
        print(f"{DOCUMENT} is up to date.")
        return 0
    with DOCUMENT.open("w", encoding="utf-8", newline="\n") as file:
        file.write(text)
    print(f"Wrote {DOCUMENT} from {STORED}.")
    return 0


def document(folder=STORED, old_run=OLD_RUN):
    """The whole of docs/benchmarks.md, from the runs stored in ``folder``."""
    sections = [_introduction(folder), _servers(folder), *(_serving(path, folder) for path in PATHS),
                _prediction(folder), _startup(folder), _size(folder), _database(folder), _workers(folder),
                _old_run(old_run)]
    return "\n\n".join(section.strip("\n") for section in sections if section) + "\n"


def markdown(table):
    """A DataFrame of text as a Markdown table, or a line saying that no full run is stored yet."""
    if table.empty:
        return "No full run stored yet.\n"
    lines = ["| " + " | ".join(map(str, table.columns)) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |"
              for row in table.itertuples(index=False)]
    return "\n".join(lines) + "\n"


def prose(text, **figures):
    """A paragraph (or several) of this module, without its indentation, with ``figures`` put in."""
    return textwrap.dedent(text).format(**figures).strip("\n") + "\n\n"


def _introduction(folder):
    planned = ", ".join(f"{name} ({path} path)" if path else name for name, path in ALL)
    return prose("""
        # Benchmarks

        <!-- Written by `{write}` from docs/benchmarks/runs/: edit bench/document.py, not this file. -->

        Every figure below is computed from the CSV files in `docs/benchmarks/runs/`, which hold one row
        per measurement, every run appended (`bench/results.py`); the prose explains and quotes no figure.
        A *run* is one invocation of the benchmarks, made at another time than the others: the course
        stores at least {min_runs} full runs, and shows how much each figure moved between them as well as
        within each. To add a run, then this document:

        ```bash
        .venv/bin/{store}
        .venv/bin/{write}
        ```

        `all` runs, in this order: {planned}. Your own runs go to `bench/results/` unless you name another
        folder, and the same tables can be made from them (`bench.tables`, with `folder=`).

        ## The stored runs

        Each run: the code it measured (its commit, with `+` when files differed from it), the machine, how
        long its benchmarks took, and the machine's load average (runnable processes, over a minute) before
        and after each benchmark. The load generators run on the same cores as the servers.
        """, write=WRITE_COMMAND, store=STORE_COMMAND, min_runs=MIN_RUNS, planned=planned) + markdown(
        tables.runs_table(folder)) + "\n" + prose("""
        How long each benchmark takes in full mode (the median over the stored runs, and the longest):
        """) + markdown(tables.durations_table(folder)) + "\n" + prose("""
        ## How to read the figures

        - **The baseline** (`{baseline}`, `bench/bare_wsgi.py`) is a WSGI function with no framework
          that makes the same calls as the apps (parse, validate, predict, log, count), under gunicorn with
          their settings: what Python and gunicorn cost before a framework adds its share. It is no floor:
          a server that keeps its connections open, or of another kind, can do better.
        - **Paired ratios.** Each round measures every server once, in turn; a server's throughput is
          divided by the baseline's *of the same round*, so that a slow moment of the machine cancels out
          as far as it can.
        - **Spreads** read `median (lowest–highest)` over every round of every stored run; *each run* lists
          each run's own median, so a difference between runs shows beside the noise within one.
        - **{cpu}** is the user and system CPU time of the server's whole process tree (master,
          workers, their children), read from the operating system around each measurement and divided by
          the requests answered (`bench/cpu.py`). Time spent waiting, for a core or for the network, is not
          in it, so it moves much less than throughput when the machine is shared. What a server does in
          the background (Streamlit's runtime, a database server's housekeeping) is in it too, shared among
          the requests answered: the fewer they are, the more each one carries.
        - **The verdict rule** (`bench.summary.apart`): two servers are called apart only where their
          spreads do not overlap, every measurement of one beyond every measurement of the other, with at
          least {min_runs} runs each. Anything less is *not apart*, however far apart the medians are.
          *first ÷ second* is the paired factor: the first server's figure divided by the second's in the
          same round.
        """, baseline=BASELINE, cpu=CPU, min_runs=MIN_RUNS)


def _servers(folder):
    return prose("""
        ## The servers

        Every server has {workers} worker processes where it can. Streamlit's own server has one process:
        `streamlit run` has no option for more. So Streamlit's API is measured twice: under `streamlit run`
        (what a student types), and as the same `st.App` under plain uvicorn with the course's no-delay
        protocol, started as FastAPI is (what a deployer can do: `streamlit_server="uvicorn"` in
        `course_helpers.servers`). Django is measured twice too: as shipped, storing each prediction in
        SQLite, and with `DJANGO_STORE_PREDICTIONS=0`, the framework without the write. Whether a server
        kept wrk's connections open is measured, not assumed: gunicorn's sync workers close each connection
        after one answer, so wrk opens a new one for every request there, while uvicorn keeps them open,
        which favours the servers that keep them.
        """, workers=WORKERS) + markdown(tables.servers_table("fast", folder))


def _serving(path, folder):
    text = prose("""
        ## Serving, {path} path

        Every server predicts on {what}, loaded by wrk (`bench/serving.py`). Throughput and latency are
        medians over every round of every run.
        """, path=path, what=PATHS[path]) + markdown(tables.serving_table(path, folder))
    rounds = serving_rounds(path, folder)
    if rounds.empty:
        return text
    text += "\n" + _machine_sentence(rounds) + prose("""
        Verdicts on {throughput}, with the paired factor (first ÷ second: median, lowest–highest):
        """, throughput=THROUGHPUT) + markdown(tables.verdict_table(path, THROUGHPUT, folder))
    text += "\n" + prose("""
        Verdicts on {cpu} (*cheaper*: less CPU per request):
        """, cpu=CPU) + markdown(tables.verdict_table(path, CPU, folder))
    if path == "fast":
        text += "\n" + prose("""
            Where the differences come from, and the columns that show it:

            - **The framework and the storage, apart:** Django's two rows differ only by the write of each
              prediction; the row without it is Django's framework (middleware, Django REST framework)
              against Flask's.
            - **Streamlit under `streamlit run`** answers each request on a kept-alive connection late (its
              p50 column): its server binds the listening socket itself, as a plain
              `socket.socket(AF_INET)`, and asyncio then leaves Nagle's algorithm on, so the second half of
              each answer waits for the client's delayed acknowledgement. Its CPU time per request shows
              that it is not busy meanwhile. The same app under uvicorn, with
              `apps/fastapi_demo/no_delay.py` switching Nagle off on every connection, does not wait.
              Streamlit's own server has no setting for this; serving its `st.App` with uvicorn is the way
              round it.
            - **Connections kept or not:** the servers that keep connections alive skip the TCP handshake
              per request that the gunicorn servers, the baseline among them, pay.
            """)
    return text


def _machine_sentence(rounds):
    """What else ran on the machine, and whether every request was answered: both from the rows."""
    errors = int(rounds["errors"].sum())
    return prose("""
        During these measurements, other programs used at most {busiest} % of one core (`{other}`: the
        machine's busy time less the server's, wrk's and the benchmark's own); {answered}
        """, other=OTHER_CPU, busiest=figure(rounds[OTHER_CPU].max()),
        answered="every request got a 200." if errors == 0 else f"{errors:,} requests failed.")


def _prediction(folder):
    return prose("""
        ## Prediction, in-process

        One penguin and a batch of 1000, on the fast path (NumPy, `src/penguin_model/fast_path.py`) and
        through the scikit-learn pipeline, and a request's whole work without HTTP (parse, validate,
        predict, encode): the in-process reference for the servers' CPU time per request
        (`bench/prediction.py`). The fast path's probabilities are the pipeline's (its test compares them
        on every penguin of the data set).
        """) + markdown(tables.prediction_table(folder))


def _startup(folder):
    text = prose("""
        ## Cold start and memory

        From the server's command to its first successful prediction (Django's migrate, a separate step,
        not counted), then memory after a warm-up (`bench/startup.py`). PSS shares each memory page among
        the processes that use it, so the PSS column adds up to what the whole server costs; uvicorn with
        workers runs a supervisor and multiprocessing's resource tracker beside them.
        """)
    for path in ("fast", "pipeline"):
        text += prose("{path} path:", path=path.capitalize())
        text += markdown(tables.startup_table(path, folder)) + "\n"
    return text


def _size(folder):
    return prose("""
        ## Size

        Files and lines of each app's own code (`bench/size.py`): blank lines, and in Python comments and
        docstrings, left out. The apps do not all do the same (Django also stores every prediction and has
        an admin and a history page, Streamlit has three pages and a CSV upload), so the *API glue* columns
        count only the modules that serve the JSON contract, the same job in every app.
        """) + markdown(tables.size_table(folder))


def _database(folder):
    table = tables.database_table(folder)
    text = prose("""
        ## Django's writes: SQLite and PostgreSQL

        Django under gunicorn, every prediction stored, on three databases given to it through the
        project's settings (`bench/database.py`): SQLite with a new connection for every request
        (`DJANGO_CONN_MAX_AGE=0`, Django's own default), SQLite with each worker keeping its connection
        (the course's settings), and PostgreSQL keeping it too, on a throwaway server the course starts.
        They are measured alike: SQLite runs with `{sqlite}`, so that a commit does not wait for the disk,
        and PostgreSQL with {postgres} for the same reason (its `fsync` stays on); the `commits` column
        says so for every row, PostgreSQL's read from the running server. Either may lose the last moments
        of commits if the machine crashes; neither corrupts its data. CPU per request includes
        PostgreSQL's own processes, since SQLite works inside the workers. The rows stored are counted
        against the requests sent, answered or not when wrk stopped.
        """, sqlite=SQLITE_COMMITS, postgres=", ".join(f"`{name} = {value}`" for name, value in
                                                        POSTGRES_SETTINGS.items())) + markdown(table)
    if not table.empty:
        sent, stored = table["sent"].astype(int).sum(), table["rows stored"].astype(int).sum()
        lost = "no prediction was lost." if sent == stored else "predictions were lost."
        text += "\n" + prose("Requests sent in all: {sent:,}; rows stored: {stored:,}: {lost}",
                             sent=sent, stored=stored, lost=lost)
        text += prose("Verdicts on requests/s, with the paired factor (first ÷ second: median, "
                      "lowest–highest):")
        text += markdown(tables.database_verdict_table(folder=folder))
    return text


def _workers(folder):
    text = prose("""
        ## Workers and worker types, loaded by locust

        The Flask app under gunicorn with {counts} sync workers, loaded by locust (`bench/workers.py`,
        `bench/locustfile.py`): each simulated user posts a penguin, waits for the answer and posts the
        next. locust runs on the same cores (`client CPU %`) and rounds times under 100 ms to whole
        milliseconds.
        """, counts=", ".join(map(str, WORKER_COUNTS)))
    for path in ("pipeline", "fast"):
        text += prose("Worker counts, {path} path:", path=path)
        text += markdown(tables.workers_table(path, folder)) + "\n"
    return text + prose("""
        Worker types, 2 workers each (`gthread` with 4 threads), with no wait and with a {wait} ms wait
        before each prediction (`bench/gunicorn_waiting.py`), as a call to a database would add:
        """, wait=WAIT_MS) + markdown(tables.worker_types_table(folder))


def _old_run(folder):
    """The single run of the layout before this one, while its files are kept (chapters 06 and 07 read
    them until they read the runs above): each file as it is, figures rounded."""
    files = sorted(Path(folder).glob("*.csv"))
    if not files:
        return ""
    text = prose("""
        ## The single run before these (kept until the chapters read the runs above)

        Measured once by an earlier version of `bench/`, and **not** as the runs above: before every app
        logged and counted each request; Streamlit's server in one process only, and not under uvicorn;
        Django opening a SQLite connection for every request; ratios divided by medians, not paired per
        round (the baseline was then called the floor); spreads within that one run only. The files are
        in `docs/benchmarks/`.
        """)
    for path in files:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        text += prose("`{name}`:", name=path.name) + markdown(table.map(_rounded)) + "\n"
    return text


def _rounded(text):
    """A cell of an old CSV file: numbers with decimals rounded as the other tables round them."""
    try:
        return figure(float(text)) if "." in text else text
    except ValueError:
        return text


if __name__ == "__main__":
    sys.exit(main())
