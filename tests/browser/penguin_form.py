"""Driving the Flask and Django forms as a person does: by the words on the page.

Both forms label their fields with ``penguin_model.wording``, so one set of helpers drives both,
which is itself a check that the two read alike.
"""

from penguin_model.examples import GENTOO
from penguin_model.wording import CORRECT_THE_FORM, SUBMIT_LABEL, feature_label


def fill_penguin(page, penguin, feature_spec):
    """Pick from the lists and type the measurements, finding each field by its label."""
    for name, rules in feature_spec.items():
        field = page.get_by_label(feature_label(name, rules), exact=True)
        value = "" if penguin.get(name) is None else str(penguin[name])
        if rules["type"] == "category":
            field.select_option(value)
        else:
            field.fill(value)


def press_predict(page):
    page.get_by_role("button", name=SUBMIT_LABEL, exact=True).click()


def message_next_to(page, label):
    """The visible message in the same box as the field labelled ``label``, also linked to it for
    screen readers (``aria-describedby``); fails when there is none."""
    from playwright.sync_api import expect  # here, so that without Playwright the fixtures can skip

    field = page.get_by_label(label, exact=True)
    message = page.locator(".field").filter(has=field).locator(".field-error, .errorlist")
    expect(message).to_be_visible()
    assert message.get_attribute("id") in field.get_attribute("aria-describedby").split()
    return message.inner_text().strip()


def check_refusals_are_shown(page, feature_spec):
    """Submit a blank island, a bill length that is no number and a body mass in kg; check that the page,
    at once, shows each message next to its field, a summary of the same messages above the form, in form
    order, the refused fields styled as refused, and no species."""
    from playwright.sync_api import expect

    label = {name: feature_label(name, rules) for name, rules in feature_spec.items()}
    lowest_mass = f"{feature_spec['body_mass_g']['minimum']:g}"
    fill_penguin(page, GENTOO | {"island": "", "bill_length_mm": "abc", "body_mass_g": 5.2}, feature_spec)
    press_predict(page)

    refused = ("island", "bill_length_mm", "body_mass_g")  # in form order
    messages = {name: message_next_to(page, label[name]) for name in refused}
    assert messages["island"] == "This field is required."
    assert "valid number" in messages["bill_length_mm"]
    assert f"greater than or equal to {lowest_mass}" in messages["body_mass_g"]
    accepted = page.locator(".field").filter(has=page.get_by_label(label["bill_depth_mm"], exact=True))
    assert accepted.locator(".field-error, .errorlist").count() == 0

    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary.locator("p")).to_have_text(CORRECT_THE_FORM)
    expected_lines = [f"{label[name]}: {messages[name]}" for name in refused]
    expect(summary.locator("li")).to_have_text(expected_lines)
    assert summary.bounding_box()["y"] < page.locator("form").bounding_box()["y"], "the summary is on top"

    border = "element => getComputedStyle(element).borderTopColor"
    too_light, fine = page.get_by_label(label["body_mass_g"]), page.get_by_label(label["bill_depth_mm"])
    assert too_light.evaluate(border) != fine.evaluate(border), "the stylesheet marks the refused field"
    assert page.locator("#species").count() == 0
