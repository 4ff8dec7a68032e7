from django.contrib import admin

from predictor.models import Prediction


@admin.register(Prediction)
class PredictionAdmin(admin.ModelAdmin):
    """The stored predictions, read-only: history is evidence, so nobody edits it."""

    list_display = ["created_at", "species", "confidence", "island", "sex", "body_mass_g", "source",
                    "model_version"]
    list_filter = ["species", "island", "sex", "source", "model_version", "created_at"]
    search_fields = ["species", "island", "sex", "model_version"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Prediction._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
