"""``python -m penguin_model``: load the saved model, describe it, and classify one penguin.

A quick way to check that ``models/`` holds a model this environment can use. Problems are
explained in one paragraph, without a traceback.
"""

import argparse
import sys

from penguin_model.examples import GENTOO
from penguin_model.persistence import ModelLoadError, load_model

EXAMPLE = GENTOO


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check the saved penguin model.")
    parser.add_argument("--model-dir", help="the model's folder (default: PENGUIN_MODEL_DIR or models/)")
    args = parser.parse_args(argv)
    try:
        model = load_model(args.model_dir)
    except ModelLoadError as problem:
        print(f"Could not load the model: {problem}", file=sys.stderr)
        return 1
    metrics = model.card["metrics"]["test"]
    print(f"Model {model.version} ({model.card['classifier']}), test accuracy {metrics['accuracy']:.3f}, "
          f"served by its {model.prediction_path.name}.")
    answer = model.predict(model.validate(EXAMPLE))
    print(f"Example {EXAMPLE} -> {answer['species']} {answer['probabilities']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
