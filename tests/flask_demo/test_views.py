"""The HTML page: a form built from the model card, the prediction, and messages per field."""

import re

from penguin_model.examples import GENTOO


def form_data(penguin):
    """A penguin as a browser posts it: every value is text; an unknown sex is blank."""
    return {name: "" if value is None else str(value) for name, value in penguin.items()}


def field_error(html, field):
    match = re.search(rf'id="{field}-error">([^<]*)<', html)
    return match.group(1) if match else None


def test_form_offers_the_model_cards_choices_and_ranges(client, model):
    html = client.get("/").get_data(as_text=True)
    for choice in model.feature_spec["island"]["choices"]:
        assert f'<option value="{choice}"' in html
    bill = model.feature_spec["bill_length_mm"]
    assert f'min="{bill["minimum"]}" max="{bill["maximum"]}"' in html
    assert "Bill length (mm)" in html


def test_a_valid_penguin_shows_its_species_and_probabilities(client):
    answer = client.post("/", data=form_data(GENTOO))
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert '<span id="species">Gentoo</span>' in html
    assert re.search(r"<td>Adelie</td><td>\d+\.\d %</td>", html)


def test_bad_input_reshows_the_form_with_messages_next_to_the_fields(client):
    data = form_data(GENTOO) | {"bill_length_mm": "abc", "body_mass_g": "52000", "island": ""}
    answer = client.post("/", data=data)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert 'id="species"' not in html
    assert field_error(html, "island") == "This field is required."
    assert "valid number" in field_error(html, "bill_length_mm")
    assert "less than or equal to 7200" in field_error(html, "body_mass_g")
    assert field_error(html, "bill_depth_mm") is None
    assert 'value="52000"' in html  # what the user typed is kept, so they can fix it


def test_fields_the_model_does_not_know_are_ignored(client):
    answer = client.post("/", data=form_data(GENTOO) | {"csrf_token": "x", "submit": "Predict"})
    assert answer.status_code == 200


def test_pages_outside_the_api_keep_html_errors(client):
    answer = client.get("/no-such-page")
    assert answer.status_code == 404
    assert answer.mimetype == "text/html"


def test_what_the_user_typed_is_escaped_when_shown_again(client):
    answer = client.post("/", data=form_data(GENTOO) | {"bill_length_mm": "<script>alert(1)</script>"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html
