"""Checks for exercise 05 · Statistics page. Run: make check EXERCISE=05_django_statistics"""

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from predictor.models import Prediction

pytestmark = pytest.mark.django_db  # each check gets an empty test database

PROBABILITIES = {"Adelie": 0.1, "Chinstrap": 0.1, "Gentoo": 0.8}


def store(species, body_mass_g, source="api"):
    """Store one prediction row, as the project does after answering a request."""
    Prediction.objects.create(
        source=source, island="Biscoe", bill_length_mm=45.0, bill_depth_mm=15.0, flipper_length_mm=210.0,
        body_mass_g=body_mass_g, sex="", species=species, probabilities=PROBABILITIES, model_version="1.0.0",
    )


@pytest.fixture
def history():
    """Three Gentoo (two from the form), one Adelie: 4 predictions."""
    store("Gentoo", 5000.0)
    store("Adelie", 3700.0)
    store("Gentoo", 5200.0, source="form")
    store("Gentoo", 5100.0, source="form")


def test_species_counts_counts_each_species_most_frequent_first(exercise, history):
    counts = exercise.species_counts(Prediction.objects.all())
    assert counts == {"Gentoo": 3, "Adelie": 1}, f"Expected 3 Gentoo and 1 Adelie, got {counts}."
    assert list(counts) == ["Gentoo", "Adelie"], (
        "Put the most frequent species first: the aggregation guide shows how to order by an annotation.")


def test_species_counts_counts_only_the_queryset_given(exercise, history):
    counts = exercise.species_counts(Prediction.objects.filter(source="form"))
    assert counts == {"Gentoo": 2}, (
        f"Count the rows of the queryset you are given, not all predictions: got {counts}.")


def sql_of(call):
    """The SQL of the queries that ``call()`` sent, upper-cased, joined."""
    with CaptureQueriesContext(connection) as queries:
        call()
    return "\n".join(query["sql"].upper() for query in queries.captured_queries)


def test_species_counts_breaks_ties_alphabetically(exercise):
    for species in ("Gentoo", "Chinstrap", "Adelie"):
        store(species, 4000.0)
    counts = exercise.species_counts(Prediction.objects.all())
    assert list(counts) == ["Adelie", "Chinstrap", "Gentoo"], (
        f"One prediction of each species came out as {list(counts)}: with equal counts, order by name.")
    # SQLite happens to return its groups sorted by name; PostgreSQL need not. So a grouping query must
    # ask for it: a second sort key after the count (Django writes "ORDER BY 2 DESC, 1 ASC").
    sql = sql_of(lambda: exercise.species_counts(Prediction.objects.all()))
    if "GROUP BY" in sql and "," not in sql.rpartition("ORDER BY")[2]:
        pytest.fail("Ties come out in name order here only because SQLite happens to sort its groups; "
                    "another database need not. Make the query itself order ties by species.", pytrace=False)


def grouping_queries(call):
    """``[(sql, number of rows the database sends back for it)]`` for each query ``call()`` sent that
    groups (GROUP BY). The query is run again here to count its rows: the only way to know how many
    rows crossed from the database to Python."""
    with CaptureQueriesContext(connection) as queries:
        call()
    grouping = [query["sql"] for query in queries.captured_queries if "GROUP BY" in query["sql"].upper()]
    counted = []
    with connection.cursor() as cursor:
        for sql in grouping:
            cursor.execute(sql)
            counted.append((sql, len(cursor.fetchall())))
    return counted


def assert_one_row_per_species(function, aggregate):
    """``function`` of the history must send a query that groups and aggregates (COUNT or AVG) and gets
    back one row per species: the database did the work, not Python after loading every row."""
    queries = grouping_queries(lambda: function(Prediction.objects.all()))
    name = function.__name__
    if not any(f"{aggregate}(" in sql.upper() for sql, _ in queries):
        pytest.fail(f"Your {name} sent no query that groups and uses {aggregate} (GROUP BY ... {aggregate}): "
                    "it did the sums in Python, after loading every row. Let the database do them.",
                    pytrace=False)
    species, stored = Prediction.objects.values("species").distinct().count(), Prediction.objects.count()
    for sql, rows in queries:
        if rows != species:
            pytest.fail(f"Your {name} grouped the {stored} stored predictions of {species} species into "
                        f"{rows} rows, not one row per species: the database sent Python a row for each "
                        "group, and Python did the rest. Django's aggregation guide, \"Interaction with "
                        f"values()\", says which fields the rows are grouped by. The query:\n{sql[:400]}",
                        pytrace=False)


def test_the_database_does_the_counting(exercise, history):
    assert_one_row_per_species(exercise.species_counts, "COUNT")


def test_the_database_does_the_averaging(exercise, history):
    assert_one_row_per_species(exercise.average_body_mass, "AVG")


def test_species_counts_of_an_empty_history_is_empty(exercise):
    assert exercise.species_counts(Prediction.objects.all()) == {}, "No predictions: return {}."


def test_average_body_mass_per_species(exercise, history):
    means = exercise.average_body_mass(Prediction.objects.all())
    assert means == {"Gentoo": 5100.0, "Adelie": 3700.0}, f"Expected the mean mass per species, got {means}."


def test_statistics_page_shows_counts_shares_and_masses(exercise, history):
    response = exercise.statistics_page(RequestFactory().get("/statistics/"))
    page = response.content.decode()
    assert response.status_code == 200, f"The page answered {response.status_code}, expected 200."
    assert "4 predictions stored." in page, "The page should show the total (4)."
    cells = r"<tr>\s*<td>(\w+)</td>\s*<td>(\d+)</td>\s*<td>([\d.]+%)</td>\s*<td>([\d.]+)</td>\s*</tr>"
    rows = re.findall(cells, page)
    assert rows == [("Gentoo", "3", "75.0%", "5100.0"), ("Adelie", "1", "25.0%", "3700.0")], (
        f"Expected one row per species, most frequent first, with count, share and mean mass; got {rows}.")


def test_statistics_page_of_an_empty_history(exercise):
    page = exercise.statistics_page(RequestFactory().get("/statistics/")).content.decode()
    assert "No predictions yet." in page and "0 predictions stored." in page, (
        "With no predictions stored, the page should say so, and show 0 (README.md, step 3, asks what "
        "it must do).")
