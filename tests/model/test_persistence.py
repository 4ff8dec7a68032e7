"""A saved model round-trips exactly; a damaged, altered or mismatched one is refused clearly."""

import json
import os

import numpy as np
import pytest
from sklearn.preprocessing import FunctionTransformer

from penguin_model import ModelLoadError, load_model, save_model
from penguin_model.persistence import CARD_FILE, FAST_PATH_FILE, MODEL_FILE
from penguin_model.train import build_pipeline, candidate_classifiers


def test_round_trip_gives_identical_probabilities(model_dir, training_result, training_rows):
    pipeline, card, _ = training_result
    features, _ = training_rows
    loaded = load_model(model_dir, fast=False)
    np.testing.assert_array_equal(loaded.pipeline.predict_proba(features), pipeline.predict_proba(features))
    assert loaded.card["features"] == card["features"]


@pytest.mark.parametrize("name", sorted(candidate_classifiers()))
def test_every_classifier_training_may_choose_can_be_saved_and_loaded(tmp_path, name, training_result,
                                                                      training_rows):
    """Whichever classifier wins the comparison, its pipeline loads again: no type in it is refused."""
    _, card, _ = training_result
    features, target = training_rows
    pipeline = build_pipeline(candidate_classifiers()[name]).fit(features, target)
    save_model(pipeline, card, tmp_path)
    loaded = load_model(tmp_path, fast=False)
    np.testing.assert_array_equal(loaded.pipeline.predict_proba(features), pipeline.predict_proba(features))


def test_card_records_the_artifact_checksum(model_dir):
    card = json.loads((model_dir / CARD_FILE).read_text())
    assert card["artifact"]["file"] == MODEL_FILE
    assert len(card["artifact"]["sha256"]) == 64


def refusal(directory, *, fast=True):
    with pytest.raises(ModelLoadError) as caught:
        load_model(directory, fast=fast)
    message = str(caught.value)
    assert "make model" in message, "every refusal says what to run"
    return message


def test_missing_model_is_explained(tmp_path):
    assert "No trained model" in refusal(tmp_path)


def test_other_scikit_learn_version_is_refused(model_copy):
    card_path = model_copy / CARD_FILE
    card = json.loads(card_path.read_text())
    card["versions"]["scikit-learn"] = "1.2.0"
    card_path.write_text(json.dumps(card))
    message = refusal(model_copy)
    assert "scikit-learn 1.2.0" in message
    assert "make setup" in message


# Each file the card names is checked when it is loaded: the pipeline (fast=False) and the fast path.
LOADED_FILES = pytest.mark.parametrize(("file", "fast"), [(MODEL_FILE, False), (FAST_PATH_FILE, True)],
                                       ids=["pipeline", "fast-path"])


@LOADED_FILES
def test_tampered_model_file_is_refused(model_copy, file, fast):
    path = model_copy / file
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0xFF
    path.write_bytes(bytes(content))
    assert "checksum" in refusal(model_copy, fast=fast)


@LOADED_FILES
def test_truncated_model_file_is_refused(model_copy, file, fast):
    path = model_copy / file
    path.write_bytes(path.read_bytes()[:100])
    assert "damaged" in refusal(model_copy, fast=fast)


@LOADED_FILES
def test_missing_model_file_beside_its_card_is_refused(model_copy, file, fast):
    (model_copy / file).unlink()
    assert "missing" in refusal(model_copy, fast=fast)


# The last one is well-formed JSON with the keys present, but "versions" is a list, not a mapping.
@pytest.mark.parametrize("content", ["{not json", "{}", '{"artifact": 3}', "[]",
                                     '{"artifact": {"sha256": "0"}, "versions": ["1.9.1"], "features": []}'])
def test_damaged_card_is_refused(model_copy, content):
    (model_copy / CARD_FILE).write_text(content)
    assert "damaged or incomplete" in refusal(model_copy)


def test_untrusted_types_are_refused_even_with_a_matching_checksum(model_copy, training_result):
    """A file that smuggles in a callable (with a forged checksum to match) still does not load."""
    _, card, _ = training_result
    save_model(FunctionTransformer(func=os.system), card, model_copy)
    message = refusal(model_copy, fast=False)
    assert "does not trust" in message and "system" in message


def test_saving_leaves_no_temporary_files(model_dir):
    expected = [MODEL_FILE, FAST_PATH_FILE, CARD_FILE]
    assert sorted(path.name for path in model_dir.iterdir()) == sorted(expected)
