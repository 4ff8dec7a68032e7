"""A saved model round-trips exactly; a damaged, altered or mismatched one is refused clearly."""

import json
import os

import numpy as np
import pytest
from sklearn.preprocessing import FunctionTransformer

from penguin_model import ModelLoadError, load_model, save_model
from penguin_model.persistence import CARD_FILE, MODEL_FILE


def test_round_trip_gives_identical_probabilities(model, training_result, training_rows):
    pipeline, card, _ = training_result
    features, _ = training_rows
    np.testing.assert_array_equal(model.pipeline.predict_proba(features), pipeline.predict_proba(features))
    assert model.card["features"] == card["features"]


def test_card_records_the_artifact_checksum(model_dir):
    card = json.loads((model_dir / CARD_FILE).read_text())
    assert card["artifact"]["file"] == MODEL_FILE
    assert len(card["artifact"]["sha256"]) == 64


def refusal(directory):
    with pytest.raises(ModelLoadError) as caught:
        load_model(directory)
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


def test_tampered_model_file_is_refused(model_copy):
    path = model_copy / MODEL_FILE
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0xFF
    path.write_bytes(bytes(content))
    assert "checksum" in refusal(model_copy)


def test_truncated_model_file_is_refused(model_copy):
    path = model_copy / MODEL_FILE
    path.write_bytes(path.read_bytes()[:100])
    assert "damaged" in refusal(model_copy)


def test_missing_model_file_beside_its_card_is_refused(model_copy):
    (model_copy / MODEL_FILE).unlink()
    assert "missing" in refusal(model_copy)


@pytest.mark.parametrize("content", ["{not json", "{}", '{"artifact": 3}'])
def test_damaged_card_is_refused(model_copy, content):
    (model_copy / CARD_FILE).write_text(content)
    assert "damaged or incomplete" in refusal(model_copy)


def test_untrusted_types_are_refused_even_with_a_matching_checksum(model_copy, training_result):
    """A file that smuggles in a callable (with a forged checksum to match) still does not load."""
    _, card, _ = training_result
    save_model(FunctionTransformer(func=os.system), card, model_copy)
    message = refusal(model_copy)
    assert "does not trust" in message and "system" in message


def test_saving_leaves_no_temporary_files(model_dir):
    assert sorted(path.name for path in model_dir.iterdir()) == sorted([MODEL_FILE, CARD_FILE])
