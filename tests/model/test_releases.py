"""Models as releases: each training adds one and switches to it; a damaged current one falls back.

The release folders hold models saved as ``test_persistence.py`` tests them; here, the folder of releases.
"""

import json
import logging
import os
import shutil
import subprocess
import sys

import pytest
from sklearn.preprocessing import FunctionTransformer

from penguin_model import ModelLoadError, load_model, publish_model
from penguin_model.persistence import CARD_FILE, FAST_PATH_FILE, MODEL_FILE
from penguin_model.releases import POINTER_FILE, RELEASES_DIR, current_release, switch_release
from penguin_model.served import reload_served_model, served_model

OLD, NEW = "1.0.0", "1.1.0"


@pytest.fixture(scope="module")
def published(tmp_path_factory, training_result):
    """A folder of two releases, 1.0.0 then 1.1.0 (current), published as `make model` publishes."""
    store = tmp_path_factory.mktemp("published")
    pipeline, card, _ = training_result
    for version in (OLD, NEW):
        publish_model(pipeline, card | {"model_version": version}, store)
    return store


@pytest.fixture
def store(published, tmp_path):
    """A private copy of ``published`` that a test may damage."""
    return shutil.copytree(published, tmp_path / "models")


def release(store, version):
    [folder] = (store / RELEASES_DIR).glob(f"{version}-*")
    return folder


def truncate(path):
    path.write_bytes(path.read_bytes()[:100])


def edit_card(folder):
    card = json.loads((folder / CARD_FILE).read_text())
    (folder / CARD_FILE).write_text(json.dumps(card | {"model_version": "9.9.9"}))


DAMAGE = {"truncated fast path": lambda folder: truncate(folder / FAST_PATH_FILE),
          "truncated pipeline": lambda folder: truncate(folder / MODEL_FILE),
          "edited card": edit_card}


def files_of(folder):
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_publishing_adds_a_release_and_makes_it_current_leaving_the_earlier_one_as_it_was(published):
    assert sorted(folder.name.split("-")[0] for folder in (published / RELEASES_DIR).iterdir()) == [OLD, NEW]
    assert (published / POINTER_FILE).read_text() == f"{release(published, NEW).name}\n"
    assert load_model(published).version == NEW


def test_training_twice_leaves_two_releases_and_switches_to_the_second(store):
    """What `make model` runs: a new release beside the others, which stay byte for byte as they were."""
    before = {folder.name: files_of(folder) for folder in (store / RELEASES_DIR).iterdir()}
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(store)}
    subprocess.run([sys.executable, "-m", "penguin_model.train", "--model-version", "1.2.0"], env=environment,
                   check=True, capture_output=True, timeout=600)
    after = {folder.name: files_of(folder) for folder in (store / RELEASES_DIR).iterdir()}
    [added] = set(after) - set(before)
    assert added.startswith("1.2.0-") and current_release(store).name == added
    assert {name: after[name] for name in before} == before
    assert load_model(store).version == "1.2.0"


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_current_release_falls_back_to_the_earlier_one_with_one_warning_line(store, damage, caplog):
    current, earlier = release(store, NEW), release(store, OLD)
    DAMAGE[damage](current)
    with caplog.at_level(logging.WARNING):
        assert load_model(store).version == OLD
    [warning] = caplog.records
    message = warning.getMessage()
    assert "\n" not in message
    assert f"{current}" in message and "does not match its checksum" in message
    assert message.endswith(f"Serving the earlier release {earlier.name} (model {OLD}) instead.")


def test_only_an_earlier_release_is_a_fallback_never_a_newer_one(store):
    """After a rollback to 1.0.0, a damaged 1.0.0 is refused: 1.1.0 was rolled back from, not forward to."""
    switch_release(release(store, OLD))
    truncate(release(store, OLD) / FAST_PATH_FILE)
    with pytest.raises(ModelLoadError, match="does not match its checksum"):
        load_model(store)


def test_when_no_release_loads_the_current_ones_paragraph_is_raised(store):
    for version in (OLD, NEW):
        truncate(release(store, version) / FAST_PATH_FILE)
    with pytest.raises(ModelLoadError) as refusal:
        load_model(store)
    assert f"{release(store, NEW) / FAST_PATH_FILE} does not match its checksum" in str(refusal.value)
    assert "make model" in str(refusal.value)


@pytest.mark.parametrize("pointer", ["", "no-such-release\n", "../..\n", "\xff\xfe"])
def test_a_damaged_pointer_falls_back_to_the_newest_release(store, pointer, caplog):
    (store / POINTER_FILE).write_bytes(pointer.encode("latin-1"))
    with caplog.at_level(logging.WARNING):
        assert load_model(store).version == NEW
    assert f"{store / POINTER_FILE} should name the current release" in caplog.text


def test_a_model_that_cannot_load_never_becomes_a_release(store, training_result):
    """A pipeline holding a type skops does not trust is refused before it gets a name or the pointer."""
    _, card, _ = training_result
    before = sorted((store / RELEASES_DIR).iterdir()), (store / POINTER_FILE).read_text()
    with pytest.raises(ModelLoadError, match="does not trust"):
        publish_model(FunctionTransformer(func=os.system), card, store)
    assert (sorted((store / RELEASES_DIR).iterdir()), (store / POINTER_FILE).read_text()) == before


def test_switching_to_a_damaged_release_is_refused(store):
    truncate(release(store, OLD) / MODEL_FILE)
    with pytest.raises(ModelLoadError, match="does not match its checksum"):
        switch_release(release(store, OLD))
    assert current_release(store) == release(store, NEW)


def test_a_served_model_is_kept_and_a_reload_that_cannot_load_keeps_it(store, caplog):
    """What a gunicorn master does at start and on SIGHUP (``penguin_model.served``)."""
    served = served_model(store)
    assert served.version == NEW and served_model(store) is served
    truncate(release(store, NEW) / FAST_PATH_FILE)
    assert served_model(store) is served, "a kept model is not read again"
    with caplog.at_level(logging.WARNING):
        assert reload_served_model(store) is served
    assert caplog.text.strip().endswith(f"Still serving model {NEW}.")
    switch_release(release(store, OLD))
    assert reload_served_model(store).version == OLD
    assert served_model(store).version == OLD
