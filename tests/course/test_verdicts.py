"""The one rule for a verdict (course_helpers.verdicts): each word comes from the parts' findings alone."""

import pytest

from course_helpers.verdicts import (
    DOES_NOT_HOLD,
    FALSE,
    HOLDS,
    NOT_MEASURABLE,
    OUT_OF_DATE,
    OUTDATED,
    TRUE,
    UNCHECKED,
    VERDICT_WORDS,
    Verdicts,
    verdict_of,
)


@pytest.mark.parametrize(("findings", "word"), [
    ((TRUE, TRUE), HOLDS),
    ((TRUE, UNCHECKED), HOLDS),  # holds for the parts that could be checked
    ((TRUE, FALSE), DOES_NOT_HOLD),  # one wrong cell sinks the row, whichever framework it is about
    ((FALSE, OUTDATED), DOES_NOT_HOLD),
    ((TRUE, OUTDATED), OUT_OF_DATE),
    ((UNCHECKED, OUTDATED), OUT_OF_DATE),
    ((UNCHECKED, UNCHECKED), NOT_MEASURABLE),
])
def test_the_verdict_follows_from_the_findings_of_the_parts(findings, word):
    assert verdict_of({f"part {number}": found for number, found in enumerate(findings)}) == word


@pytest.mark.parametrize("parts", [{}, {"Streamlit": "partly"}, {"Django": "understated"}])
def test_no_verdict_without_parts_or_with_a_fifth_word(parts):
    with pytest.raises(ValueError):
        verdict_of(parts)


def test_the_headline_is_counted_from_the_recorded_rows(capsys):
    verdicts = Verdicts()
    verdicts.record("a", {"Flask": TRUE}, "e")
    verdicts.record("b", {"Flask": TRUE, "Streamlit": FALSE}, "e")
    verdicts.record("c", {"opinion": UNCHECKED}, "e")
    assert capsys.readouterr().out.splitlines() == ["a: holds", "b: does not hold", "c: not measurable"]
    assert verdicts.counts() == {HOLDS: 1, DOES_NOT_HOLD: 1, OUT_OF_DATE: 0, NOT_MEASURABLE: 1}
    assert verdicts.headline() == "1 of the 2 claims that can be checked hold"


def test_chapter_05_judges_its_claims_with_the_same_four_words():
    """Chapter 05's table of verdicts starts each verdict with one of chapter 06's words."""
    import json

    from penguin_model.data import REPO_ROOT

    cells = json.loads((REPO_ROOT / "notebooks" / "05_deploy_with_django.ipynb").read_text(encoding="utf-8"))
    table = next("".join(cell["source"]) for cell in cells["cells"]
                 if "| claim (Dani et al. 2022) |" in "".join(cell["source"]))
    rows = [line.split("|")[2].strip() for line in table.splitlines()
            if line.startswith("| ") and not line.startswith("| claim")]
    judged = [cell for cell in rows if not cell.startswith("the verdict comes from")]
    assert judged and all(cell.split(":")[0].split(",")[0] in VERDICT_WORDS for cell in judged), rows
