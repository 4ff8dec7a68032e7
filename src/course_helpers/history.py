"""The Django demo's stored history, read from outside the project, straight from its database.

Tests and benchmarks that load a real Django server count what it stored this way, without Django:
so the count comes from the database the server really wrote to, SQLite or PostgreSQL, whichever
the environment given to the server named (DJANGO_DATABASE_URL, else DJANGO_DB_PATH).
"""

import sqlite3

import dj_database_url

TABLE = "predictor_prediction"  # Django's name for the Prediction model of the `predictor` app


def stored_predictions(database, source=None):
    """How many predictions ``database`` holds (those of ``source`` only, when given: "api", "batch", "form").

    ``database`` is the environment the server was given: ``{"DJANGO_DATABASE_URL": url}`` (PostgreSQL,
    or a ``sqlite:///`` URL) or ``{"DJANGO_DB_PATH": path}``.
    """
    query = f"SELECT COUNT(*) FROM {TABLE}" + ("" if source is None else " WHERE source = %s")
    parameters = () if source is None else (source,)
    url = database.get("DJANGO_DATABASE_URL")
    if url and not url.startswith("sqlite:"):
        import psycopg  # only when there is a server to ask

        with psycopg.connect(url) as connection:
            return connection.execute(query, parameters).fetchone()[0]
    connection = sqlite3.connect(dj_database_url.parse(url)["NAME"] if url else database["DJANGO_DB_PATH"])
    try:
        return connection.execute(query.replace("%s", "?"), parameters).fetchone()[0]
    finally:
        connection.close()
