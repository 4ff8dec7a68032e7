"""A wrong answer to exercise 05 · Statistics page: ``species_counts`` groups by species, created_at and
id, so each group is one row, and adds the counts up in Python.

Its query has GROUP BY and COUNT, and its answers are right; but the database sends back one row per
prediction, not one per species: a history of a million rows crosses to Python a million times.
"""

from django.db.models import Avg, Count
from django.http import HttpResponse
from django.template import engines
from predictor.models import Prediction

# The check meant to catch this answer, and words of its message.
CAUGHT_BY = ("test_the_database_does_the_counting", "one row per species")

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
    # values() before annotate() makes the count per species (GROUP BY species), in one query: the
    # database counts, so a history of a million rows sends three rows back, not a million. The second
    # sort key is there because without it the order of ties is whatever the database likes.
    counts = {}
    # wrong: one group per row, summed here
    for group in predictions.values("species", "created_at", "id").annotate(count=Count("id")):
        counts[group["species"]] = counts.get(group["species"], 0) + group["count"]
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def average_body_mass(predictions):
    """``{species: mean body mass in g, rounded to 0.1}`` for a queryset of predictions."""
    # The same grouping with AVG; rounding happens here, for display, not in the stored data.
    grouped = predictions.values("species").annotate(mean=Avg("body_mass_g")).order_by("species")
    return {group["species"]: round(group["mean"], 1) for group in grouped}


def statistics_page(request):
    """The statistics of every stored prediction, as an HTML page."""
    predictions = Prediction.objects.all()
    counts = species_counts(predictions)
    total = sum(counts.values())
    masses = average_body_mass(predictions)
    # An empty history gives no rows, so the share's division never sees total == 0.
    rows = [
        {"species": species, "count": count, "share": f"{count / total:.1%}",
         "mean_body_mass": masses[species]}
        for species, count in counts.items()
    ]
    return HttpResponse(PAGE.render({"total": total, "rows": rows}, request))
