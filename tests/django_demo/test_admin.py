"""The admin with a long history, and its login under attack.

The list of predictions must not grow dearer with every row stored: the tests count the queries the
changelist sends over 200,000 rows (never the time, which depends on the machine) and look at what
they are. A client that keeps typing wrong passwords is stopped by django-axes (predictor/login_throttle.py).
"""

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from predictor.admin import PredictionAdmin
from predictor.models import Prediction

from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO

pytestmark = pytest.mark.django_db

STORED = 200_000
CHANGELIST = "admin:predictor_prediction_changelist"
# A session, its user, one count, one page of rows, and the choices of the four filters of plain
# text fields (species, island, sex, model version), each a DISTINCT over an index.
CHANGELIST_QUERIES = 8


def stored_prediction(species, penguin, created_at):
    features = {key: value for key, value in penguin.items() if key != "sex"}
    return Prediction(created_at=created_at, source="api", species=species, probabilities={species: 0.98},
                      model_version="1.0.0", sex=penguin["sex"] or "", **features)


@pytest.fixture
def long_history():
    """``STORED`` predictions: 3,125 made with bulk_create, then copied by the database itself six times."""
    now = timezone.now()
    kinds = itertools.cycle([("Adelie", ADELIE), ("Chinstrap", CHINSTRAP), ("Gentoo", GENTOO)])
    Prediction.objects.bulk_create(stored_prediction(*next(kinds), now - timedelta(minutes=number))
                                   for number in range(STORED // 2**6))
    table = Prediction._meta.db_table
    columns = ", ".join(field.column for field in Prediction._meta.concrete_fields if not field.primary_key)
    with connection.cursor() as cursor:
        for _ in range(6):
            cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}")
    assert Prediction.objects.count() == STORED


@pytest.mark.parametrize("query", [{}, {"species__exact": "Gentoo", "q": "Biscoe"}],
                         ids=["everything", "filtered-and-searched"])
def test_the_list_sends_a_few_cheap_queries_over_a_long_history(admin_client, long_history, query,
                                                               django_assert_max_num_queries):
    admin_client.get(reverse(CHANGELIST), query)  # the first visit also reads the content types
    with django_assert_max_num_queries(CHANGELIST_QUERIES), CaptureQueriesContext(connection) as sent:
        page = admin_client.get(reverse(CHANGELIST), query)
    assert page.status_code == 200
    statements = [entry["sql"].upper() for entry in sent.captured_queries]
    # date_hierarchy's links truncated the date of every row (on SQLite, a Python call per row).
    assert not any("TRUNC" in statement for statement in statements), statements
    # show_full_result_count = False: a filtered list is not counted again over the whole table.
    assert sum("COUNT(" in statement for statement in statements) == 1, statements


def test_the_fields_the_list_filters_and_sorts_by_are_indexed():
    indexed = {field.name for field in Prediction._meta.fields if field.db_index or field.primary_key}
    assert set(PredictionAdmin.list_filter) <= indexed
    assert {name.lstrip("-") for name in Prediction._meta.ordering} <= indexed


@pytest.fixture
def teacher(django_user_model, settings):
    """A staff user; passwords are hashed cheaply here, as the tests are about counting, not hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return django_user_model.objects.create_superuser("teacher", password="the-right-password")


def log_in(client, password, username="teacher"):
    return client.post(reverse("admin:login"), {"username": username, "password": password,
                                                "next": reverse("admin:index")})


def test_wrong_passwords_stop_that_user_from_that_address(client, teacher, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "a-guess").status_code == 200  # the login form again, with its error
    locked = log_in(client, "a-guess")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # From now on even the right password is refused, before it is checked.
    assert log_in(client, "the-right-password").status_code == 429
    # Per user name and address: a locked pair does not lock the administrator out for everyone.
    other = log_in(client, "the-right-password", username="someone-else")
    assert other.status_code == 200


def test_a_right_password_clears_the_count(client, teacher, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "a-guess")
    assert log_in(client, "the-right-password").status_code == 302  # logged in, sent to the admin
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "a-guess").status_code == 200


def test_a_login_made_in_python_is_not_throttled(client, teacher):
    """Django's test client logs in without a request (as chapter 05 does): there is no client to stop."""
    assert client.login(username="teacher", password="the-right-password")
