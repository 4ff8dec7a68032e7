"""The exercise's one Django app: the stored predictions, before the project had a web form."""
