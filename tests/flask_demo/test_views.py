"""The HTML page: a form built from the model card, the prediction, and messages per field."""

import re

from api_contract.pages import STATIC_FOLDER, STYLESHEET
from penguin_model.examples import GENTOO
from penguin_model.wording import (
    BACK_TO_THE_FORM,
    CORRECT_THE_FORM,
    MOST_LIKELY,
    NO_PAGE_AT,
    PAGE_NOT_FOUND,
    SUBMIT_LABEL,
    blank_choice,
    feature_label,
    probability_text,
    range_text,
)


def form_data(penguin):
    """A penguin as a browser posts it: every value is text; an unknown sex is blank."""
    return {name: "" if value is None else str(value) for name, value in penguin.items()}


def field_error(html, field):
    match = re.search(rf'id="{field}-error">([^<]*)<', html)
    return match.group(1) if match else None


def summary_lines(html):
    """The lines of the error summary at the top of the page, in order."""
    summary = re.search(r'id="error-summary".*?</div>', html, re.DOTALL)
    return re.findall(r'<li><a href="#(\w+)">([^<]*)</a></li>', summary.group(0)) if summary else []


def test_form_offers_the_model_cards_choices_ranges_and_words(client, model):
    html = client.get("/").get_data(as_text=True)
    for choice in model.feature_spec["island"]["choices"]:
        assert f'<option value="{choice}"' in html
    for name, rules in model.feature_spec.items():
        assert f'<label for="{name}">{feature_label(name, rules)}</label>' in html
        if rules["type"] == "number":
            assert f'id="{name}-hint">{range_text(rules)}<' in html
        else:
            assert f'<option value="">{blank_choice(rules)}</option>' in html, "every select starts blank"
    assert f'<button type="submit">{SUBMIT_LABEL}</button>' in html


def test_a_valid_penguin_shows_its_species_and_probabilities(client, model):
    answer = client.post("/", data=form_data(GENTOO))
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert f'{MOST_LIKELY}: <span id="species">Gentoo</span>' in html
    expected = model.predict(model.validate(GENTOO))["probabilities"]
    shown = re.findall(r'<tr><td>(\w+)</td><td class="number">([^<]*)</td></tr>', html)
    most_likely_first = sorted(expected, key=expected.get, reverse=True)
    assert shown == [(species, probability_text(expected[species])) for species in most_likely_first], shown
    assert "error-summary" not in html


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


def test_bad_input_is_summed_up_at_the_top_in_form_order(client):
    data = form_data(GENTOO) | {"body_mass_g": "5.2", "bill_length_mm": "", "island": "Atlantis"}
    html = client.post("/", data=data).get_data(as_text=True)
    assert CORRECT_THE_FORM in html
    lines = summary_lines(html)
    assert [field for field, _ in lines] == ["island", "bill_length_mm", "body_mass_g"], lines
    assert lines[1][1] == "Bill length (mm): This field is required."
    assert html.index("error-summary") < html.index("<form"), "the summary is above the form"


def test_the_page_uses_the_courses_stylesheet_and_flask_serves_it(client):
    html = client.get("/").get_data(as_text=True)
    assert "<style" not in html, "the look lives in the shared stylesheet"
    link = re.search(r'<link rel="stylesheet" href="([^"]+)">', html).group(1)
    assert link == f"/static/{STYLESHEET}"
    stylesheet = client.get(link)
    assert stylesheet.status_code == 200
    assert stylesheet.mimetype == "text/css"
    assert stylesheet.data == (STATIC_FOLDER / STYLESHEET).read_bytes()
    stylesheet.close()


def test_fields_the_model_does_not_know_are_ignored(client):
    answer = client.post("/", data=form_data(GENTOO) | {"csrf_token": "x", "submit": "Predict"})
    assert answer.status_code == 200


def test_an_unknown_page_is_the_courses_404_with_a_way_back_to_the_form(client):
    """Outside /api/ a browser gets a page in the forms' look and words, not Flask's bare default."""
    answer = client.get("/no-such-page/<b>")
    html = answer.get_data(as_text=True)
    assert (answer.status_code, answer.mimetype) == (404, "text/html")
    assert f'<link rel="stylesheet" href="/static/{STYLESHEET}">' in html
    assert f"<h1>{PAGE_NOT_FOUND}</h1>" in html
    assert f"{NO_PAGE_AT} <code>/no-such-page/&lt;b&gt;</code>" in html  # the address, escaped
    assert f'<a href="/">{BACK_TO_THE_FORM}</a>' in html


def test_an_unknown_api_path_keeps_the_contracts_json_404(client):
    answer = client.get("/api/no-such-endpoint")
    assert (answer.status_code, answer.json["error"]) == (404, "not_found")


def test_what_the_user_typed_is_escaped_when_shown_again(client):
    answer = client.post("/", data=form_data(GENTOO) | {"bill_length_mm": "<script>alert(1)</script>"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html
