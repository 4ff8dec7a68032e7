"""What a test session hands to a child pytest it runs (tests/django_demo/test_on_postgresql.py)."""

# The folder of the model the parent session trained: the child's ``model_dir`` fixture takes it
# instead of training another.
HANDED_MODEL_DIR = "PENGUIN_TESTS_MODEL_DIR"
