"""Tense of a trigger's clause (events/context.py: tense), which dates undated events.

Each case names the trigger word; the expected tense decides whether the event gets the
publication month ("present", "progressive"), its paragraph's date ("past") or nothing.
"""

from __future__ import annotations

import pytest

from newsgraph.events.context import tense


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    ("Freedonia sends weapons to the rebels.", "sends", "present"),
    ("Oskar Vell said Freedonia sends weapons to the rebels.", "sends", "present"),
    ("Sylvania is supplying the rebels with drones.", "supplying", "progressive"),
    ("Ruritania and Sylvania are working to support the rebels.", "support", "progressive"),
    ("Sylvania has sent weapons to the rebels.", "sent", "perfect"),
    ("He had met the envoy in Vienna.", "met", "pluperfect"),
    ("Ruritania attacked the border town.", "attacked", "past"),
    ("The rebels left the capital without signing the agreement.", "signing", "past"),
    ("The envoy was received by the minister.", "received", "past"),
    ("Troops are stationed in the port.", "stationed", "present"),
    ("Ruritania will attack the town.", "attack", "modal"),
    ("Talks held in Vienna collapsed.", "held", "none"),
])
def test_tense(nlp, text: str, trigger: str, expected: str) -> None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    assert tense(tok) == expected
