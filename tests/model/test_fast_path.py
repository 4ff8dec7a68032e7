"""The fast path answers exactly as the scikit-learn pipeline does, and is used whenever it exists."""

import json
import subprocess
import sys

import numpy as np
import pytest
from sklearn.ensemble import RandomForestClassifier

from penguin_model import ModelLoadError, load_model, load_training_data, save_model
from penguin_model.persistence import CARD_FILE, FAST_PATH_FILE, SlowPathWarning
from penguin_model.train import build_pipeline


@pytest.fixture(scope="module")
def every_penguin(model):
    """Every penguin of the data set a client could send (the 342 with measurements), validated."""
    features, _ = load_training_data()
    rows = features.astype(object).where(features.notna(), None).to_dict(orient="records")
    return [model.validate(row) for row in rows]


def test_the_apps_get_the_fast_path(model):
    assert model.prediction_path.name == "fast path (NumPy)"


def test_the_fast_path_gives_the_pipelines_probabilities_on_every_penguin(model_dir, every_penguin):
    fast, pipeline = load_model(model_dir), load_model(model_dir, fast=False)
    fast_probabilities = fast.prediction_path.probabilities(every_penguin)
    pipeline_probabilities = pipeline.prediction_path.probabilities(every_penguin)
    assert len(every_penguin) == 342 and sum(row["sex"] is None for row in every_penguin) == 9
    assert np.abs(fast_probabilities - pipeline_probabilities).max() <= 1e-6
    assert fast.predict_batch(every_penguin) == pipeline.predict_batch(every_penguin)


def test_a_model_without_a_fast_path_is_served_by_its_pipeline_with_a_warning(tmp_path, training_result,
                                                                              every_penguin):
    pipeline, card, _ = training_result
    forest = build_pipeline(RandomForestClassifier(n_estimators=20, random_state=0))
    features, target = load_training_data()
    save_model(forest.fit(features, target), card, tmp_path)
    card_saved = json.loads((tmp_path / CARD_FILE).read_text())
    assert "RandomForestClassifier" in card_saved["fast_path"]["unavailable"]
    assert not (tmp_path / FAST_PATH_FILE).exists()
    with pytest.warns(SlowPathWarning, match="RandomForestClassifier.*scikit-learn pipeline instead"):
        model = load_model(tmp_path)
    assert model.prediction_path.name == "scikit-learn pipeline"
    assert [answer["species"] for answer in model.predict_batch(every_penguin[:5])] == forest.predict(
        features[:5]).tolist()


def test_serving_the_fast_path_imports_neither_pandas_nor_scikit_learn(model_dir):
    """What makes a server start fast and small: loading and predicting need NumPy and pydantic only."""
    script = (
        "import sys\n"
        "from penguin_model import load_model\n"
        "from penguin_model.examples import GENTOO\n"
        f"model = load_model({str(model_dir)!r})\n"
        "print(model.predict(model.validate(GENTOO))['species'])\n"
        "print(' '.join(name for name in ('pandas', 'sklearn', 'skops', 'scipy') if name in sys.modules))\n"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            timeout=120).stdout.splitlines()
    assert output == ["Gentoo", ""], output


@pytest.mark.parametrize(("setting", "path"),
                         [("fast", "fast path (NumPy)"), ("pipeline", "scikit-learn pipeline")])
def test_the_environment_can_choose_the_path_a_server_uses(model_dir, monkeypatch, setting, path):
    monkeypatch.setenv("PENGUIN_PREDICTION_PATH", setting)
    assert load_model(model_dir).prediction_path.name == path


def test_an_unknown_path_setting_is_refused_with_the_choices(model_dir, monkeypatch):
    monkeypatch.setenv("PENGUIN_PREDICTION_PATH", "turbo")
    with pytest.raises(ModelLoadError, match="fast or pipeline"):
        load_model(model_dir)
