"""A saved model round-trips exactly; a damaged, altered or mismatched one is refused clearly.

The folders of releases built from such models are tested in ``test_releases.py``.
"""

import hashlib
import json
import os

import numpy as np
import pytest
from sklearn.preprocessing import FunctionTransformer

from penguin_model import ModelLoadError, load_model, save_model
from penguin_model.persistence import CARD_FILE, FAST_PATH_FILE, MANIFEST_FILE, MODEL_FILE
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


def test_other_scikit_learn_version_is_refused(tmp_path, training_result):
    """A model whose card, manifest and all, records another scikit-learn: refused for the versions."""
    pipeline, card, _ = training_result
    save_model(pipeline, card | {"versions": card["versions"] | {"scikit-learn": "1.2.0"}}, tmp_path)
    message = refusal(tmp_path)
    assert "scikit-learn 1.2.0" in message
    assert "make setup" in message


def test_the_manifest_lists_every_file_the_loader_reads_the_card_included(model_dir):
    files = json.loads((model_dir / MANIFEST_FILE).read_text())["files"]
    assert sorted(files) == sorted([MODEL_FILE, FAST_PATH_FILE, CARD_FILE])
    assert all(len(checksum) == 64 for checksum in files.values())


# Every file the manifest lists is checked whichever prediction path is served: the pipeline or the fast path.
EVERY_FILE_EITHER_PATH = pytest.mark.parametrize(("file", "fast"), [
    (file, fast) for file in (MODEL_FILE, FAST_PATH_FILE, CARD_FILE) for fast in (False, True)])


@EVERY_FILE_EITHER_PATH
def test_tampered_model_file_is_refused(model_copy, file, fast):
    path = model_copy / file
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0xFF
    path.write_bytes(bytes(content))
    assert "checksum" in refusal(model_copy, fast=fast)


@EVERY_FILE_EITHER_PATH
def test_truncated_model_file_is_refused(model_copy, file, fast):
    path = model_copy / file
    path.write_bytes(path.read_bytes()[:100])
    message = refusal(model_copy, fast=fast)
    assert f"{path} does not match its checksum in {MANIFEST_FILE}: it is damaged" in message


@EVERY_FILE_EITHER_PATH
def test_missing_model_file_beside_its_manifest_is_refused(model_copy, file, fast):
    (model_copy / file).unlink()
    assert "missing" in refusal(model_copy, fast=fast)


@pytest.mark.parametrize("fast", [True, False])
def test_an_edited_card_is_refused(model_copy, fast):
    """The card is the schema every app validates with: widened ranges or a new island must not slip in."""
    path = model_copy / CARD_FILE
    card = json.loads(path.read_text())
    card["features"]["body_mass_g"]["maximum"] = 1e12
    card["features"]["island"]["choices"].append("Atlantis")
    card["model_version"] = "9.9.9"
    path.write_text(json.dumps(card, indent=2))
    assert f"{path} does not match its checksum" in refusal(model_copy, fast=fast)


def rewrite_manifest(folder):
    """Make the manifest vouch for the files as they are now, as a careless script (or an attacker) could."""
    path = folder / MANIFEST_FILE
    manifest = json.loads(path.read_text())
    manifest["files"] = {name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
                         for name in manifest["files"]}
    path.write_text(json.dumps(manifest))


# The last one is well-formed JSON with the keys present, but "versions" is a list, not a mapping.
@pytest.mark.parametrize("content", ["{not json", "{}", '{"artifact": 3}', "[]",
                                     '{"artifact": {"file": "penguin_model.skops"}, "fast_path": {}, '
                                     '"versions": ["1.9.1"], "features": []}'])
def test_damaged_card_is_refused_even_when_the_manifest_vouches_for_it(model_copy, content):
    (model_copy / CARD_FILE).write_text(content)
    rewrite_manifest(model_copy)
    assert "damaged or incomplete" in refusal(model_copy)


@pytest.mark.parametrize("content", ["{not json", "{}", '{"files": []}',
                                     '{"files": {"../model_card.json": "0"}}'])
def test_damaged_manifest_is_refused(model_copy, content):
    (model_copy / MANIFEST_FILE).write_text(content)
    assert f"The manifest {model_copy / MANIFEST_FILE} is damaged or incomplete" in refusal(model_copy)


def test_a_model_saved_without_a_manifest_is_refused_with_the_reason(model_copy):
    """As the course saved models before the manifest: the card's checksums never covered the card."""
    (model_copy / MANIFEST_FILE).unlink()
    assert f"has no {MANIFEST_FILE}" in refusal(model_copy)


def test_untrusted_types_are_refused_even_with_a_matching_checksum(model_copy, training_result):
    """A file that smuggles in a callable (with a forged checksum to match) still does not load."""
    _, card, _ = training_result
    save_model(FunctionTransformer(func=os.system), card, model_copy)
    message = refusal(model_copy, fast=False)
    assert "does not trust" in message and "system" in message


def test_saving_leaves_no_temporary_files(model_dir):
    expected = [MODEL_FILE, FAST_PATH_FILE, CARD_FILE, MANIFEST_FILE]
    assert sorted(path.name for path in model_dir.iterdir()) == sorted(expected)
