"""Exercise 05 · A statistics page over the stored history (see README.md)."""

from django.db.models import Avg, Count  # noqa: F401 - the aggregation functions you need
from django.http import HttpResponse
from django.template import engines
from predictor.models import Prediction

# The page's template, written for you: it shows ``total`` and one table row per entry of ``rows``.
PAGE = engines["django"].from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Prediction statistics</title></head>
<body>
<h1>Prediction statistics</h1>
<p id="total">{{ total }} prediction{{ total|pluralize }} stored.</p>
{% if rows %}
<table>
  <tr><th>Species</th><th>Predictions</th><th>Share</th><th>Mean body mass (g)</th></tr>
  {% for row in rows %}
  <tr><td>{{ row.species }}</td><td>{{ row.count }}</td><td>{{ row.share }}</td>
      <td>{{ row.mean_body_mass }}</td></tr>
  {% endfor %}
</table>
{% else %}
<p>No predictions yet.</p>
{% endif %}
</body></html>""")


def species_counts(predictions):
    """``{species: count}`` for a queryset of predictions, most frequent first."""
    # TODO 1: let the database group the rows by species and count them (README.md, step 1).
    raise NotImplementedError("Step 1 is not done yet (see README.md).")


def average_body_mass(predictions):
    """``{species: mean body mass in g, rounded to 0.1}`` for a queryset of predictions."""
    # TODO 2: the same grouping, with the mean body mass instead of a count (README.md, step 2).
    raise NotImplementedError("Step 2 is not done yet (see README.md).")


def statistics_page(request):
    """The statistics of every stored prediction, as an HTML page."""
    predictions = Prediction.objects.all()
    counts = species_counts(predictions)
    total = sum(counts.values())
    # TODO 3: one dict per species, in the order of counts, with the keys species, count,
    # share (e.g. "75.0%") and mean_body_mass (README.md, step 3).
    rows = NotImplemented
    if rows is NotImplemented:
        raise NotImplementedError("Step 3 is not done yet (see README.md).")
    return HttpResponse(PAGE.render({"total": total, "rows": rows}, request))
