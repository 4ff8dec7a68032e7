"""Models as releases: each training adds one and switches to it; a damaged current one falls back.

Each release holds one model saved as ``test_persistence.py`` tests it; here, the folder of releases.
"""

import logging
import os
import subprocess
import sys

import pytest
from sklearn.preprocessing import FunctionTransformer

from penguin_model import ModelLoadError, load_model, publish_model
from penguin_model.persistence import FAST_PATH_FILE, MODEL_FILE
from penguin_model.releases import KEPT_RELEASES, POINTER_FILE, RELEASES_DIR, current_release, switch_release
from penguin_model.served import reload_served_model, served_model
from tests.support.accidents import edit_card, truncate

OLD, NEW = "1.0.0", "1.1.0"


def release(store, version):
    [folder] = (store / RELEASES_DIR).glob(f"{version}-*")
    return folder


DAMAGE = {"truncated fast path": lambda folder: truncate(folder / FAST_PATH_FILE),
          "truncated pipeline": lambda folder: truncate(folder / MODEL_FILE),
          "edited card": edit_card}


def files_of(folder):
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_publishing_adds_a_release_and_makes_it_current(published_models):
    versions = sorted(folder.name.split("-")[0] for folder in (published_models / RELEASES_DIR).iterdir())
    assert versions == [OLD, NEW]
    assert (published_models / POINTER_FILE).read_text() == f"{release(published_models, NEW).name}\n"
    assert load_model(published_models).version == NEW


def test_training_adds_a_release_beside_the_others_and_switches_to_it(models_copy):
    """What `make model` runs: a new release beside the others, which stay byte for byte as they were."""
    before = {folder.name: files_of(folder) for folder in (models_copy / RELEASES_DIR).iterdir()}
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(models_copy)}
    subprocess.run([sys.executable, "-m", "penguin_model.train", "--model-version", "1.2.0"], env=environment,
                   check=True, capture_output=True, timeout=600)
    after = {folder.name: files_of(folder) for folder in (models_copy / RELEASES_DIR).iterdir()}
    [added] = set(after) - set(before)
    assert added.startswith("1.2.0-") and current_release(models_copy).name == added
    assert {name: after[name] for name in before} == before
    assert load_model(models_copy).version == "1.2.0"


def test_a_new_release_keeps_the_newest_few_and_deletes_the_older_ones(models_copy, training_result):
    """Every training adds a release (notebook 01 and `make test` train too): the folder must not grow
    without end, and neither the current release nor the newest earlier ones may go."""
    pipeline, card, _ = training_result
    published = [publish_model(pipeline, card | {"model_version": f"2.{minor}.0"}, models_copy)
                 for minor in range(KEPT_RELEASES + 2)]
    kept = sorted(folder.name for folder in (models_copy / RELEASES_DIR).iterdir())
    assert kept == sorted(folder.name for folder in published[-KEPT_RELEASES:])
    assert current_release(models_copy) == published[-1]


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_current_release_falls_back_to_the_earlier_one(models_copy, damage, caplog):
    """With one warning line, naming both releases."""
    current, earlier = release(models_copy, NEW), release(models_copy, OLD)
    DAMAGE[damage](current)
    with caplog.at_level(logging.WARNING):
        assert load_model(models_copy).version == OLD
    [warning] = caplog.records
    message = warning.getMessage()
    assert "\n" not in message
    assert f"{current}" in message and "does not match its checksum" in message
    assert message.endswith(f"Serving the earlier release {earlier.name} (model {OLD}) instead.")


def test_only_an_earlier_release_is_a_fallback_never_a_newer_one(models_copy):
    """After a rollback to 1.0.0, a damaged 1.0.0 is refused: 1.1.0 was rolled back from, not forward to."""
    switch_release(release(models_copy, OLD))
    truncate(release(models_copy, OLD) / FAST_PATH_FILE)
    with pytest.raises(ModelLoadError, match="does not match its checksum"):
        load_model(models_copy)


def test_when_no_release_loads_the_current_ones_paragraph_is_raised(models_copy):
    for version in (OLD, NEW):
        truncate(release(models_copy, version) / FAST_PATH_FILE)
    with pytest.raises(ModelLoadError) as refusal:
        load_model(models_copy)
    assert f"{release(models_copy, NEW) / FAST_PATH_FILE} does not match its checksum" in str(refusal.value)
    assert "make model" in str(refusal.value)


@pytest.mark.parametrize("pointer", ["", "no-such-release\n", "../..\n", "\xff\xfe"])
def test_a_damaged_pointer_falls_back_to_the_newest_release(models_copy, pointer, caplog):
    (models_copy / POINTER_FILE).write_bytes(pointer.encode("latin-1"))
    with caplog.at_level(logging.WARNING):
        assert load_model(models_copy).version == NEW
    assert f"{models_copy / POINTER_FILE} should name the current release" in caplog.text


def test_a_model_that_cannot_load_never_becomes_a_release(models_copy, training_result):
    """A pipeline holding a type skops does not trust is refused before it gets a name or the pointer."""
    _, card, _ = training_result
    def state():
        return sorted((models_copy / RELEASES_DIR).iterdir()), (models_copy / POINTER_FILE).read_text()

    before = state()
    with pytest.raises(ModelLoadError, match="does not trust"):
        publish_model(FunctionTransformer(func=os.system), card, models_copy)
    assert state() == before


def test_switching_to_a_damaged_release_is_refused(models_copy):
    truncate(release(models_copy, OLD) / MODEL_FILE)
    with pytest.raises(ModelLoadError, match="does not match its checksum"):
        switch_release(release(models_copy, OLD))
    assert current_release(models_copy) == release(models_copy, NEW)


def test_a_served_model_is_kept_and_a_reload_that_cannot_load_keeps_it(models_copy, caplog):
    """What a gunicorn master does at start and on SIGHUP (``penguin_model.served``)."""
    served = served_model(models_copy)
    assert served.version == NEW and served_model(models_copy) is served
    truncate(release(models_copy, NEW) / FAST_PATH_FILE)
    assert served_model(models_copy) is served, "a kept model is not read again"
    with caplog.at_level(logging.WARNING):
        assert reload_served_model(models_copy) is served
    assert caplog.text.strip().endswith(f"Still serving model {NEW}.")
    switch_release(release(models_copy, OLD))
    assert reload_served_model(models_copy).version == OLD
    assert served_model(models_copy).version == OLD
