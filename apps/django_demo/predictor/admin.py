"""The admin: the stored predictions, read-only, with probabilities written as the history page writes them.

Its login page says how to create the first user (``createsuperuser``), since a new database has none,
and django-axes stops a client after a few wrong passwords (``config.settings``, AXES_*).

Built to stay fast with a long history (hundreds of thousands of rows): no ``date_hierarchy``, whose
links cost a query over every row (on SQLite a Python call per row, over a second at 200,000 rows; the
``created_at`` filter offers the same periods as range queries on an index), no second count of the
whole table, and an index on every field the list filters or sorts by (``models.Prediction``).
"""

from django.contrib import admin

from penguin_model.wording import probability_text
from predictor.models import Prediction

admin.site.login_template = "predictor/admin_login.html"


@admin.register(Prediction)
class PredictionAdmin(admin.ModelAdmin):
    """The stored predictions, read-only: history is evidence, so nobody edits it."""

    list_display = ["created_at", "species", "probability", "island", "sex", "body_mass_g", "source",
                    "model_version"]
    list_filter = ["species", "island", "sex", "source", "model_version", "created_at"]
    search_fields = ["species", "island", "sex", "model_version"]
    # A filtered list says "12 results" without counting every row of the table again to add "(200000 total)".
    show_full_result_count = False
    # Every stored field, read-only, with the probabilities as percentages instead of their raw JSON.
    fields = ["created_at", "source", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
              "body_mass_g", "sex", "species", "probabilities_in_percent", "model_version"]
    readonly_fields = fields

    @admin.display(description="probability")
    def probability(self, prediction):
        """The predicted species' probability: ``99.7%``, as on the history page."""
        return probability_text(prediction.confidence)

    @admin.display(description="probabilities")
    def probabilities_in_percent(self, prediction):
        """Every species' probability, most likely first: ``Gentoo 99.7%, Chinstrap 0.3%, Adelie 0.0%``."""
        ranked = sorted(prediction.probabilities.items(), key=lambda item: item[1], reverse=True)
        return ", ".join(f"{species} {probability_text(probability)}" for species, probability in ranked)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
