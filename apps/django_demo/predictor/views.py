"""The HTML pages: the prediction form, the stored history, and the page for an address that has none."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from penguin_model import wording
from predictor.forms import PenguinForm
from predictor.loaded_model import current_model
from predictor.models import Prediction, record_predictions

HISTORY_PAGE_SIZE = 25


@require_http_methods(["GET", "POST"])
def predict_form(request):
    """Show the form; on a valid POST, predict, store the prediction and show the answer."""
    model = current_model()
    form = PenguinForm(model, data=request.POST if request.method == "POST" else None)
    result, probabilities = None, []
    if form.is_bound and form.is_valid():
        result = model.predict(form.features)
        record_predictions(Prediction.Source.FORM, [form.features], [result], model.version)
        # Most likely first, as on the Flask form.
        probabilities = sorted(result["probabilities"].items(), key=lambda item: item[1], reverse=True)
    context = {"form": form, "result": result, "probabilities": probabilities,
               "model_version": model.version, "wording": wording}
    # 400 when the submitted values were refused, as the Flask form does: the page says why.
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "predictor/predict.html", context, status=status)


@require_http_methods(["GET"])
def history_page(request):
    """The stored predictions, newest first, a page at a time."""
    paginator = Paginator(Prediction.objects.all(), HISTORY_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "predictor/history.html", {"page": page, "total": paginator.count})


def page_not_found(request):
    """A 404 in the course's look, with the way back to the form (``errors.page_not_found`` calls it
    outside /api/; with ``DEBUG`` on, Django shows its debug page instead)."""
    context = {"path": request.path, "wording": wording}
    return render(request, "predictor/not_found.html", context, status=404)
