"""Load the Palmer Penguins data that ships in ``data/`` (nothing is ever downloaded).

pandas is imported inside the loaders, not at the top: a server that only predicts never reads
the data, and importing pandas alone costs it about half a second and 50 MiB.
"""

import hashlib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_PATH = REPO_ROOT / "data" / "penguins.csv"

TARGET = "species"
NUMERIC_FEATURES = ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")
CATEGORICAL_FEATURES = ("island", "sex")
# The order in which features appear in the API, the forms and the model card.
FEATURES = ("island", *NUMERIC_FEATURES, "sex")
UNITS = {"bill_length_mm": "mm", "bill_depth_mm": "mm", "flipper_length_mm": "mm", "body_mass_g": "g"}


def load_penguins(path=DATA_PATH):
    """Return the raw data set, all 344 rows, with missing values as NaN."""
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"The data file {path} is missing. It ships with the course: restore it with "
            "`git checkout -- data/penguins.csv`."
        )
    return pd.read_csv(path, na_values=["NA"])


def load_training_data(path=DATA_PATH):
    """Return ``(features, target)`` ready for training.

    Two penguins have no measurements at all; they teach the model nothing, so they are
    dropped. A missing ``sex`` is kept: the pipeline imputes it, as it must for requests.
    """
    data = load_penguins(path).dropna(subset=list(NUMERIC_FEATURES)).reset_index(drop=True)
    return data[list(FEATURES)], data[TARGET]


def file_sha256(path):
    """Hash a text file with line endings normalised, so a Windows checkout hashes the same."""
    content = Path(path).read_bytes().replace(b"\r\n", b"\n")
    return hashlib.sha256(content).hexdigest()
