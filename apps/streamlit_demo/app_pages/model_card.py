"""Model page: the model card — versions, how well the model scores, its confusion matrix."""

import pandas as pd
import streamlit as st
from loaded_model import current_model

from penguin_model.wording import feature_label, range_text


def allowed_values(rules):
    """The choices or the range of one feature, as a short phrase."""
    if rules["type"] == "category":
        return ", ".join(rules["choices"])
    return range_text(rules)


model = current_model()
card = model.card
cross_validation, test = card["metrics"]["cross_validation"], card["metrics"]["test"]

st.title("📋 The model card")
st.write(f"Model **{model.version}**, a `{card['classifier']}` classifier for the species "
         f"{', '.join(model.classes)}. The Flask and Django apps serve this same card at `/api/model`.")

st.subheader("How well it scores")
cv_column, accuracy_column, f1_column = st.columns(3)
cv_column.metric(f"Cross-validated accuracy ({cross_validation['folds']} folds)",
                 f"{cross_validation['accuracy_mean']:.1%}", help=f"± {cross_validation['accuracy_std']:.1%}")
accuracy_column.metric(f"Test accuracy ({test['n_samples']} penguins)", f"{test['accuracy']:.1%}")
f1_column.metric("Test F1 (macro average)", f"{test['f1_macro']:.3f}")

st.subheader("Confusion matrix on the test set")
st.caption("Rows: the true species. Columns: what the model said. Off the diagonal are its mistakes.")
matrix = pd.DataFrame(test["confusion_matrix"], index=[f"true {name}" for name in model.classes],
                      columns=[f"said {name}" for name in model.classes])
st.table(matrix)

st.subheader("Versions")
st.caption("Loading refuses a model saved under other library versions; these are the ones it needs.")
versions = {"model": model.version} | card["versions"]
st.table(pd.DataFrame({"version": versions}))

st.subheader("Inputs it accepts")
st.table(pd.DataFrame(
    [{"input": feature_label(name, rules), "allowed": allowed_values(rules), "required": rules["required"]}
     for name, rules in card["features"].items()]
).set_index("input"))

with st.expander("The whole card as JSON"):
    st.json(card)
