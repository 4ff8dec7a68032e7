"""The HTML form (Django forms + CSRF), the history page and the admin."""

import pytest
from django.test import Client
from django.urls import reverse
from predictor.models import Prediction

from penguin_model.examples import ADELIE, GENTOO

pytestmark = pytest.mark.django_db


def as_form_data(penguin):
    """What a browser sends: every value as text, a blank for an unknown sex."""
    return {name: "" if value is None else str(value) for name, value in penguin.items()}


def test_form_offers_the_model_cards_choices_and_ranges(client, model):
    """The form's islands, sexes and numeric limits come from the model card."""
    page = client.get(reverse("predictor:predict")).content.decode()
    for island in model.feature_spec["island"]["choices"]:
        assert f'value="{island}"' in page
    bill = model.feature_spec["bill_length_mm"]
    assert f'min="{bill["minimum"]}"' in page and f'max="{bill["maximum"]}"' in page
    assert "csrfmiddlewaretoken" in page
    assert ">Bill length (mm)</label>" in page, "labels as in the Flask and Streamlit forms"


def test_required_island_starts_blank_so_none_is_chosen_silently(client):
    page = client.get(reverse("predictor:predict")).content.decode()
    select = page[page.index('<select name="island"'):]
    select = select[:select.index("</select>")]
    assert select.split("<option", 2)[1].startswith(' value="" selected>'), select
    assert "required" in select.split(">", 1)[0], "the browser refuses the blank choice"


def test_valid_form_shows_species_and_probabilities_and_stores_them(client, model):
    """Submitting a real penguin shows the species and stores a 'form' row."""
    response = client.post(reverse("predictor:predict"), as_form_data(GENTOO))
    expected = model.predict(model.validate(GENTOO))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<h2 id="species">{expected["species"]}</h2>' in page
    assert all(species in page for species in expected["probabilities"])
    stored = Prediction.objects.get()
    assert (stored.source, stored.species) == ("form", expected["species"])


def test_invalid_form_shows_the_schemas_message_next_to_the_field(client):
    """An out-of-range value is shown back with the shared schema's message; nothing is stored."""
    data = as_form_data(ADELIE) | {"body_mass_g": "99999", "bill_depth_mm": ""}
    response = client.post(reverse("predictor:predict"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_body_mass_g_error"' in page and "less than or equal to" in page
    assert 'id="id_bill_depth_mm_error"' in page and "This field is required." in page
    assert not Prediction.objects.exists()


def test_form_post_without_csrf_token_is_refused():
    """CSRF is enforced: a POST without the token is a 403 and stores nothing."""
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("predictor:predict"), as_form_data(GENTOO))
    assert response.status_code == 403
    assert not Prediction.objects.exists()


def test_form_post_with_csrf_token_is_accepted():
    """The same POST with the token from the page succeeds: the 403 above is the CSRF check."""
    browser = Client(enforce_csrf_checks=True)
    browser.get(reverse("predictor:predict"))
    token = browser.cookies["csrftoken"].value
    form = as_form_data(GENTOO) | {"csrfmiddlewaretoken": token}
    response = browser.post(reverse("predictor:predict"), form)
    assert response.status_code == 200
    assert Prediction.objects.count() == 1


def test_history_lists_api_predictions_newest_first(client, api_client):
    """Predictions made through the API appear on the history page, newest first."""
    api_client.post("/api/predict", ADELIE, format="json")
    api_client.post("/api/predict", GENTOO, format="json")
    page = client.get(reverse("predictor:history")).content.decode()
    assert "2 predictions stored" in page
    assert page.index("Gentoo") < page.index("Adelie")


def test_history_of_an_empty_database_says_so(client):
    """With no predictions the page says how to make one."""
    assert "No predictions yet" in client.get(reverse("predictor:history")).content.decode()


def test_admin_lists_filters_and_searches_predictions(admin_client, api_client):
    """The admin shows stored predictions, filters them by species and searches them."""
    api_client.post("/api/predict/batch", {"instances": [ADELIE, GENTOO, GENTOO]}, format="json")
    changelist = reverse("admin:predictor_prediction_changelist")
    assert admin_client.get(changelist).context["cl"].result_count == 3
    assert admin_client.get(changelist, {"species": "Gentoo"}).context["cl"].result_count == 2
    assert admin_client.get(changelist, {"q": "Torgersen"}).context["cl"].result_count == 1


def test_admin_does_not_allow_editing_history(admin_client, api_client):
    """History is evidence: the admin can view a prediction but not add or change one."""
    api_client.post("/api/predict", ADELIE, format="json")
    stored = Prediction.objects.get()
    assert admin_client.get(reverse("admin:predictor_prediction_add")).status_code == 403
    change = reverse("admin:predictor_prediction_change", args=[stored.pk])
    admin_client.post(change, {"species": "Gentoo"})
    stored.refresh_from_db()
    assert stored.species == "Adelie"


def test_pages_are_html_outside_the_api(client):
    """Outside /api/ an unknown page is Django's usual HTML 404."""
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
