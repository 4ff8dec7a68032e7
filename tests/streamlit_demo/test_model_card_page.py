"""The Model page shows the card: versions, scores and the confusion matrix."""

from penguin_model.wording import feature_label, range_text
from tests.support.streamlit_app import open_page, texts


def test_the_versions_are_those_of_the_card(app, model):
    open_page(app, "model_card")
    versions = app.table[1].value["version"].to_dict()
    assert versions == {"model": model.version} | model.card["versions"]


def test_the_confusion_matrix_is_the_test_sets(app, model):
    open_page(app, "model_card")
    matrix = app.table[0].value
    assert matrix.values.tolist() == model.card["metrics"]["test"]["confusion_matrix"]
    assert list(matrix.index) == [f"true {name}" for name in model.classes]


def test_the_scores_are_shown_as_percentages(app, model):
    open_page(app, "model_card")
    test_accuracy = model.card["metrics"]["test"]["accuracy"]
    assert f"{test_accuracy:.1%}" in [metric.value for metric in app.metric]
    assert model.version in texts(app.markdown)


def test_the_ranges_read_as_on_the_forms(app, model):
    open_page(app, "model_card")
    allowed = app.table[2].value["allowed"]
    for name, rules in model.card["features"].items():
        if rules["type"] == "number":
            assert allowed[feature_label(name, rules)] == range_text(rules), name
