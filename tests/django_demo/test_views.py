"""The HTML form (Django forms + CSRF), the history page and the admin."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from predictor.models import Prediction

from api_contract.pages import STATIC_FOLDER, STYLESHEET
from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO
from penguin_model.wording import (
    BACK_TO_THE_FORM,
    CORRECT_THE_FORM,
    MOST_LIKELY,
    NO_PAGE_AT,
    NOT_KNOWN,
    PAGE_NOT_FOUND,
    SUBMIT_LABEL,
    blank_choice,
    feature_label,
    probability_text,
    range_text,
)

pytestmark = pytest.mark.django_db


def as_form_data(penguin):
    """What a browser sends: every value as text, a blank for an unknown sex."""
    return {name: "" if value is None else str(value) for name, value in penguin.items()}


def test_form_offers_the_model_cards_choices_ranges_and_words(client, model):
    """Islands, labels, ranges, blank choices and the button: from the model card and the shared wording."""
    page = client.get(reverse("predictor:predict")).content.decode()
    for island in model.feature_spec["island"]["choices"]:
        assert f'value="{island}"' in page
    for name, rules in model.feature_spec.items():
        assert f'>{feature_label(name, rules)}</label>' in page, "labels as in the Flask and Streamlit forms"
        if rules["type"] == "number":
            assert f'id="id_{name}_helptext">{range_text(rules)}<' in page
    assert "csrfmiddlewaretoken" in page
    assert f'<button type="submit">{SUBMIT_LABEL}</button>' in page


@pytest.mark.parametrize("name", ["island", "sex"])
def test_every_select_starts_blank_so_nothing_is_chosen_silently(client, model, name):
    page = client.get(reverse("predictor:predict")).content.decode()
    select = page[page.index(f'<select name="{name}"'):]
    select = select[:select.index("</select>")]
    blank = f' value="" selected>{blank_choice(model.feature_spec[name])}</option>'
    assert select.split("<option", 2)[1].startswith(blank), select


def test_the_browser_is_left_no_check_that_could_block_the_form(client):
    """novalidate and no `required`: every value reaches the server, which explains each refusal."""
    page = client.get(reverse("predictor:predict")).content.decode()
    assert re.search(r"<form [^>]*novalidate", page)
    assert not re.search(r"<(input|select)[^>]* required", page)
    assert 'type="number"' not in page, "a number input would send '' for 'abc'"


def test_valid_form_shows_species_and_probabilities_and_stores_them(client, model):
    """Submitting a real penguin shows the species and stores a 'form' row."""
    response = client.post(reverse("predictor:predict"), as_form_data(GENTOO))
    expected = model.predict(model.validate(GENTOO))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'{MOST_LIKELY}: <span id="species">{expected["species"]}</span>' in page
    probabilities = expected["probabilities"]
    shown = re.findall(r'<tr><td>(\w+)</td><td class="number">([^<]*)</td></tr>', page)
    assert shown == [(species, probability_text(probabilities[species]))
                     for species in sorted(probabilities, key=probabilities.get, reverse=True)], shown
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


def test_invalid_form_is_summed_up_at_the_top_in_form_order(client):
    """The summary names each refused field, in the order of the form, above it."""
    data = as_form_data(ADELIE) | {"body_mass_g": "5.2", "bill_length_mm": "abc", "island": ""}
    page = client.post(reverse("predictor:predict"), data).content.decode()
    summary = re.search(r'id="error-summary".*?</div>', page, re.DOTALL).group(0)
    assert CORRECT_THE_FORM in summary
    lines = re.findall(r'<li><a href="#id_(\w+)">([^<]*)</a></li>', summary)
    assert [field for field, _ in lines] == ["island", "bill_length_mm", "body_mass_g"], lines
    assert lines[0][1] == "Island: This field is required."
    assert page.index("error-summary") < page.index("<form")


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


def test_history_shows_probabilities_and_unknown_values_as_the_forms_do(client, api_client, model):
    """A percentage, and the forms' words for a sex nobody gave."""
    api_client.post("/api/predict", CHINSTRAP, format="json")
    page = client.get(reverse("predictor:history")).content.decode()
    confidence = max(model.predict(model.validate(CHINSTRAP))["probabilities"].values())
    assert f'<td class="number">{probability_text(confidence)}</td>' in page
    assert CHINSTRAP["sex"] is None and f"<td>{NOT_KNOWN}</td>" in page


def test_pages_use_the_courses_stylesheet_and_it_is_served(client):
    """Both pages link the shared stylesheet; staticfiles and WhiteNoise serve it (no inline styles)."""
    for page_name in ("predictor:predict", "predictor:history"):
        page = client.get(reverse(page_name)).content.decode()
        assert "<style" not in page
        assert f'<link rel="stylesheet" href="/static/{STYLESHEET}">' in page
    stylesheet = client.get(f"/static/{STYLESHEET}")
    assert stylesheet.status_code == 200
    assert stylesheet["Content-Type"].startswith("text/css")
    assert b"".join(stylesheet.streaming_content) == (STATIC_FOLDER / STYLESHEET).read_bytes()
    stylesheet.close()


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


def test_admin_shows_probabilities_as_the_history_page_does(admin_client, api_client):
    """One format for a probability everywhere (``wording.probability_text``): 99.7%, not 0.9967."""
    api_client.post("/api/predict", GENTOO, format="json")
    stored = Prediction.objects.get()
    shown = probability_text(stored.confidence)
    changelist = admin_client.get(reverse("admin:predictor_prediction_changelist")).content.decode()
    assert f'<td class="field-probability">{shown}</td>' in changelist
    assert str(stored.confidence) not in changelist
    history = admin_client.get(reverse("predictor:history")).content.decode()
    assert f'<td class="number">{shown}</td>' in history
    detail = admin_client.get(reverse("admin:predictor_prediction_change", args=[stored.pk])).content.decode()
    ranked = sorted(stored.probabilities.items(), key=lambda item: item[1], reverse=True)
    assert ", ".join(f"{species} {probability_text(value)}" for species, value in ranked) in detail
    model_fields = {field.name for field in Prediction._meta.fields} - {"id", "probabilities"}
    for name in model_fields:  # every other stored field is still shown
        assert f"field-{name}" in detail, name


def test_the_admins_first_use_is_explained_beside_its_link_and_on_its_login_page(client):
    """A new database has no user: the pages that link the admin, and its login, say to create one."""
    for page in (reverse("predictor:predict"), reverse("predictor:history"), reverse("admin:login")):
        html = client.get(page).content.decode()
        assert "python manage.py createsuperuser" in html, page
    assert f'href="{reverse("admin:index")}"' in client.get(reverse("predictor:predict")).content.decode()


def test_admin_does_not_allow_editing_history(admin_client, api_client):
    """History is evidence: the admin can view a prediction but not add or change one."""
    api_client.post("/api/predict", ADELIE, format="json")
    stored = Prediction.objects.get()
    assert admin_client.get(reverse("admin:predictor_prediction_add")).status_code == 403
    change = reverse("admin:predictor_prediction_change", args=[stored.pk])
    admin_client.post(change, {"species": "Gentoo"})
    stored.refresh_from_db()
    assert stored.species == "Adelie"


def test_an_unknown_page_is_the_courses_404_with_a_way_back_to_the_form(client):
    """Outside /api/ a browser gets a page in the forms' look and words, not Django's bare default."""
    response = client.get("/no-such-page/<b>")
    html = response.content.decode()
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert f'<link rel="stylesheet" href="/static/{STYLESHEET}">' in html
    assert f"<h1>{PAGE_NOT_FOUND}</h1>" in html
    assert f"{NO_PAGE_AT} <code>/no-such-page/&lt;b&gt;</code>" in html  # the address, escaped
    assert f'<a href="{reverse("predictor:predict")}">{BACK_TO_THE_FORM}</a>' in html


def test_an_unknown_api_path_keeps_the_contracts_json_404(client):
    response = client.get("/api/no-such-endpoint")
    assert (response.status_code, response.json()["error"]) == (404, "not_found")
