"""The course's one rule for a verdict on a claim of the review paper, applied alike in every chapter.

A claim is split into the parts that can be checked one at a time (a cell of Table I for each
framework, each clause of a sentence), and each part gets one finding from the evidence:

- ``TRUE``: the evidence shows it, for the versions the course pins;
- ``FALSE``: the evidence shows the opposite;
- ``OUTDATED``: false of the versions the course pins, but true of the releases the paper read (2021);
- ``UNCHECKED``: nothing a repository holds can show it either way (opinions, popularity, dates no
  installed file records).

The verdict of the claim follows from the findings of its parts alone, in this order:

1. *does not hold*: at least one part is false;
2. *out of date*: no part is false, and at least one is out of date;
3. *holds*: every part that can be checked is true (and at least one can);
4. *not measurable*: no part can be checked.

So one wrong cell sinks a row, whichever framework it is about, and a row that holds says so only for
the parts that could be checked; the evidence beside each verdict says which those were.
"""

from collections import Counter

TRUE, FALSE, OUTDATED, UNCHECKED = "true", "false", "out of date", "unchecked"
FINDINGS = (TRUE, FALSE, OUTDATED, UNCHECKED)
HOLDS, DOES_NOT_HOLD, OUT_OF_DATE, NOT_MEASURABLE = "holds", "does not hold", "out of date", "not measurable"
VERDICT_WORDS = (HOLDS, DOES_NOT_HOLD, OUT_OF_DATE, NOT_MEASURABLE)


def verdict_of(parts):
    """The verdict on a claim whose parts have the findings ``parts`` (a dict: part -> finding)."""
    if not parts:
        raise ValueError("a claim needs at least one part to judge")
    unknown = set(parts.values()) - set(FINDINGS)
    if unknown:
        raise ValueError(f"{sorted(unknown)} not a finding: use one of {FINDINGS}")
    findings = set(parts.values())
    if FALSE in findings:
        return DOES_NOT_HOLD
    if OUTDATED in findings:
        return OUT_OF_DATE
    return HOLDS if TRUE in findings else NOT_MEASURABLE


def finding(shown):
    """``TRUE`` or ``FALSE`` for a fact a cell computed (``shown``: a bool)."""
    return TRUE if shown else FALSE


class Verdicts:
    """The verdicts of a chapter, recorded one claim at a time, for the table at its end."""

    def __init__(self):
        self.rows = []

    def record(self, claim, parts, evidence):
        """Judge ``claim`` by the rule from its ``parts`` (part -> finding), keep it, and say it."""
        word = verdict_of(parts)
        self.rows.append({"claim": claim, "verdict": word, "parts": dict(parts), "evidence": evidence})
        print(f"{claim}: {word}")

    def counts(self):
        """How many claims got each of the four words, in ``VERDICT_WORDS``' order."""
        counted = Counter(row["verdict"] for row in self.rows)
        return {word: counted[word] for word in VERDICT_WORDS}

    def headline(self):
        """"<holds> of the <checkable> claims that can be checked hold", both counted from the rows."""
        counts = self.counts()
        checkable = len(self.rows) - counts[NOT_MEASURABLE]
        return f"{counts[HOLDS]} of the {checkable} claims that can be checked hold"
