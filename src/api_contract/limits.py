"""The limits every API enforces, and the Streamlit app's CSV upload too."""

MAX_BODY_BYTES = 1_048_576  # 1 MiB: a full batch of 1000 penguins is about 150 kB
MAX_BATCH_SIZE = 1000  # penguins in one batch request (or one uploaded CSV file)
