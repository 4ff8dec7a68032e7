"""Batch page: upload a CSV of penguins, see a prediction or the errors for each row, download."""

import pandas as pd
import streamlit as st
from batch_upload import MAX_ROWS, MAX_UPLOAD_MB, BatchFileError, predict_csv, results_csv, template_csv
from loaded_model import current_model
from training_data import typical_penguins

from penguin_model.wording import probability_text


def results_table(results):
    """The results as people read them: probabilities as on the Predict page (``99.5%``).

    Only the table on screen: the downloaded CSV keeps the numbers, for the programs that read it.
    """
    table = pd.DataFrame(results)
    for column in table.columns[table.columns.str.startswith("probability_")]:
        table[column] = table[column].map(probability_text, na_action="ignore")
    return table


model = current_model()

st.title("📄 Predict a batch of penguins from a CSV file")
# The size in the uploader's own words ("MB"), from the number the uploader is given below.
st.write(f"One penguin per row, at most {MAX_ROWS} rows and {MAX_UPLOAD_MB} MB. "
         "Each row is checked by the same rules as the form and the JSON APIs.")
st.download_button("Download a template CSV", template_csv(typical_penguins().values()),
                   file_name="penguins_template.csv", mime="text/csv", key="download_template",
                   on_click="ignore")

# The widget refuses a bigger file in the browser, before it is sent, and shows the same limit.
upload = st.file_uploader("Your CSV file", type=["csv"], key="batch_file", max_upload_size=MAX_UPLOAD_MB)
if upload is None:
    st.info("Upload a CSV file to see its predictions.", icon="⬆️")
    st.stop()

try:
    outcome = predict_csv(model, upload.getvalue())
except BatchFileError as problem:
    st.error(f"**{upload.name} cannot be used.** {problem}", icon="🚫")
    st.stop()

total = len(outcome.results)
if outcome.errors:
    st.warning(f"{outcome.failed_rows} of {total} rows could not be predicted; "
               "the table below names each row and field to fix.", icon="⚠️")
    st.caption("Row numbers count the header as row 1, as a spreadsheet does.")
    st.dataframe(pd.DataFrame(outcome.errors), hide_index=True, key="row_errors")
else:
    st.success(f"All {total} penguins predicted.", icon="✅")

st.subheader("Results")
st.dataframe(results_table(outcome.results), hide_index=True, key="results")
st.download_button("Download the results as CSV", results_csv(outcome), file_name="penguin_predictions.csv",
                   mime="text/csv", key="download_results", on_click="ignore")
