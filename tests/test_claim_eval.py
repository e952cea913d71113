"""Claims across outlets: claim matching, stance, and the Emergent and claim-pairs evaluations on real text."""

from __future__ import annotations

from claimgraph.claims.similar import group, propositions, same_claim, threshold
from claimgraph.claims.stance import STANCES, stance


def test_a_drifting_figure_stays_one_claim_and_other_events_stay_apart():
    props = propositions(["Police say 10,000 protesters marched in Paris on Saturday",
                          "Up to 12,000 protesters marched through Paris on Saturday, police said",
                          "Apple will open its first store in Lagos next year"])
    assert props[0].numbers == (10000.0,) and props[1].numbers == (12000.0,)
    assert "paris" in props[0].names
    assert same_claim(props[0], props[1]) >= threshold() > same_claim(props[0], props[2])
    assert group(props) == [0, 0, 1]


def test_stance_reads_denial_hedging_and_support():
    claim = "Banksy was arrested in London"
    assert stance(claim, "Police deny reports that Banksy was arrested")[0] == "denies"
    assert stance(claim, "Banksy reportedly arrested, according to unconfirmed reports")[0] == "reports"
    assert stance(claim, "Banksy arrested in London, identity revealed")[0] == "supports"
    label, confidence = stance(claim, "Banksy was arrested", cue="denied")
    assert label in STANCES and label == "denies" and 0.0 <= confidence <= 1.0
