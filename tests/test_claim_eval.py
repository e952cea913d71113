"""Claims across outlets: claim matching, stance, and the Emergent and claim-pairs evaluations on real text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SHARED

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


EMERGENT_ROWS = [
    # claimId, claimHeadline, articleId, articleHeadline, stance, source
    ("c1", "Banksy was arrested in London", "a1", "Banksy arrested in London, identity revealed", "for",
     "example.com"),
    ("c1", "Banksy was arrested in London", "a2", "Street artist Banksy arrested by London police", "for",
     "example.org"),
    ("c1", "Banksy was arrested in London", "a3", "Police deny reports that Banksy was arrested in London",
     "against", "example.net"),
    ("c2", "A 50-foot crab was photographed off the coast of Kent", "a4",
     "Giant 50-foot crab photographed off Kent coast", "for", "example.com"),
    ("c2", "A 50-foot crab was photographed off the coast of Kent", "a5",
     "Is this a 50ft crab lurking off the Kent coast? Photo reportedly shows giant crab", "observing",
     "example.org"),
    ("c3", "Apple will open its first store in Lagos", "a6", "Apple to open first Lagos store, sources say",
     "observing", "example.net"),
    ("c3", "", "a7", "Apple opens its first store in Lagos, Nigeria", "", "example.com"),
]


def _write_emergent(path):
    import csv

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["claimId", "claimHeadline", "articleId", "articleHeadline", "articleHeadlineStance", "url",
                         "source", "claimTruth"])
        for claim_id, claim, article, headline, label, source in EMERGENT_ROWS:
            writer.writerow([claim_id, claim, article, headline, label, f"https://{source}/{article}", source,
                             "unknown"])


def test_eval_emergent_end_to_end(tmp_path):
    import csv
    import json

    from typer.testing import CliRunner

    from claimgraph.cli import app

    data, predictions = tmp_path / "emergent.csv", tmp_path / "pred.csv"
    _write_emergent(data)
    result = CliRunner().invoke(app, ["eval", "emergent", str(data), "--json", "--out", str(predictions)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["rows"] == 7 and report["claims"] == 3
    assert report["grouping"]["f1"] == 100.0 and report["clusters"] == 3
    assert report["stance"]["pairs"] == 6 and report["stance"]["accuracy"] >= 80.0
    rows = list(csv.DictReader(open(predictions, encoding="utf-8")))
    assert [r["articleId"] for r in rows] == [f"a{i}" for i in range(1, 8)]
    assert rows[2]["stance"] == "against" and rows[6]["stance"] == ""
    assert len({r["cluster"] for r in rows[:3]}) == 1 and rows[0]["cluster"] != rows[3]["cluster"]


def test_grouping_ignores_the_gold_columns(tmp_path):
    """Clusters must come from what a store sees: blanking claimId, claimHeadline and the stance changes none."""
    from claimgraph.eval.emergent import EmergentRow, predict_emergent, read_emergent

    data = tmp_path / "emergent.csv"
    _write_emergent(data)
    rows = read_emergent(data)
    blind = [EmergentRow(r.article_id, r.headline, r.url, r.source) for r in rows]
    assert predict_emergent(rows)[0] == predict_emergent(blind)[0]


def test_eval_claim_pairs_end_to_end(tmp_path):
    import csv
    import json

    from typer.testing import CliRunner

    from claimgraph.cli import app

    bodies = {
        "1": "Scotland Yard said on Tuesday that no one had been arrested.\nA spokesman denied reports that the "
             "street artist Banksy was arrested in London, calling the story a hoax.\nThe rumour spread online.",
        "2": "The city council approved a new budget for road repairs on Monday. Work starts in spring.",
        "3": "The street artist Banksy was arrested in London on Monday. Officers detained him at a studio in "
             "Hackney and his identity has been revealed.",
    }
    stances = [("Banksy arrested in London", "1", "disagree"), ("Banksy arrested in London", "2", "unrelated"),
               ("Banksy arrested in London", "3", "agree"), ("Council approves road repair budget", "3",
                                                                "unrelated")]
    with open(tmp_path / "bodies.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([("Body ID", "articleBody"), *bodies.items()])
    with open(tmp_path / "stances.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([("Headline", "Body ID", "Stance"), *stances])
    out = tmp_path / "pred.csv"
    result = CliRunner().invoke(app, ["eval", "claim-pairs", str(tmp_path), "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["pairs"] == 4 and report["bodies"] == 3
    predicted = [r["Stance"] for r in csv.DictReader(open(out, encoding="utf-8"))]
    assert predicted[1] == "unrelated" and predicted[3] == "unrelated"
    assert predicted[0] == "disagree" and predicted[2] == "agree"
    assert report["fnc"]["relative"] == 100.0


def test_fnc_score_weights_relatedness_and_stance():
    from claimgraph.eval.claim_pairs import fnc_score

    gold = ["agree", "unrelated", "disagree", "discuss"]
    assert fnc_score(gold, gold)["relative"] == 100.0
    # unrelated right (0.25), agree called discuss (0.25 of 1), disagree right (1), discuss called unrelated (0)
    assert fnc_score(gold, ["discuss", "unrelated", "disagree", "unrelated"])["points"] == 1.5


@pytest.fixture(scope="session")
def emergent_train() -> Path:
    path = SHARED / "data" / "emergent" / "train.csv"
    if not path.exists():
        message = f"{path} is missing: the shared data (Emergent) lives beside the repository"
        if os.environ.get("CLAIMGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def test_claim_disjoint_cross_validation_on_emergent_train(emergent_train, ecbplus_dev):
    """The figures docs/accuracy.md reports, at the shipped settings (Emergent pairs with ECB+ train's in-topic
    pairs), a little under what was measured (grouping B³ F1 91.1, stance accuracy 77.7)."""
    from claimgraph.claims.similar import load_similar_model
    from claimgraph.nlp.encoder import embed
    from claimgraph.training.claims import (build_props, cached, claim_folds, cv_grouping, cv_stance,
                                            fit_with_topics, fold_split, in_topic_data, pair_examples)
    from claimgraph.eval.emergent import read_emergent

    rows = read_emergent(emergent_train)
    texts = sorted({r.headline for r in rows} | {r.claim for r in rows})
    vectors = dict(zip(texts, embed(texts)))
    shipped = load_similar_model()
    props = build_props(rows, vectors, shipped.common)
    X_topic, y_topic, _, _ = in_topic_data(ecbplus_dev.parent, cached(embed, vectors), vectors, shipped.common)
    models = []
    for held in claim_folds(rows):
        train, _ = fold_split(rows, held)
        X, y = pair_examples([props[i] for i in train], [rows[i].claim_id for i in train])
        models.append(fit_with_topics(X, y, (X_topic, y_topic), shipped.common))
    grouping = cv_grouping(rows, props, models, log=lambda line: None, thresholds=(shipped.threshold,))
    assert grouping[shipped.threshold]["f1"] >= 90.0
    figures, _ = cv_stance(rows, vectors, 0.03)
    assert figures["accuracy"] >= 76.5 and figures["against_f1"] >= 76.0


def test_in_topic_sentences_pairs_and_b3(tmp_path):
    """Two topics, three documents of topic 1 (two of one event, one of another event of its kind): pairs are of
    one topic and two documents, and a perfect grouping scores 100."""
    from claimgraph.eval.claims_topic import read_topic_sentences, topic_pairs

    lines = []
    for doc, sent, words in [
            ("1_1ecb", 0, [("Jackson", "-"), ("was", "-"), ("arrested", "ACT1"), (".", "-")]),
            ("1_1ecb", 1, [("He", "-"), ("was", "-"), ("released", "Singleton_ACT_1_1ecb"), (".", "-")]),
            ("1_2ecb", 0, [("Police", "-"), ("arrested", "ACT1"), ("Jackson", "-"), (".", "-")]),
            ("1_3ecbplus", 0, [("Williams", "-"), ("was", "-"), ("arrested", "ACT2"), ("again", "-")]),
            ("1_3ecbplus", 1, [("Williams", "-"), ("'s", "-"), ("arrest", "ACT2"), ("angered", "-"),
                               ("fans", "-")]),
            ("2_1ecb", 0, [("A", "-"), ("quake", "ACT3"), ("struck", "-")])]:
        lines += [f"{doc}\t{sent}\t{n}\t{w}\t{c}" for n, (w, c) in enumerate(words)]
    (tmp_path / "corpus.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sentences = read_topic_sentences(tmp_path)
    assert [(s.doc, s.sent) for s in sentences] == [("1_1ecb", 0), ("1_2ecb", 0), ("1_3ecbplus", 0),
                                                    ("1_3ecbplus", 1)]
    assert sentences[3].text == "Williams's arrest angered fans" and sentences[2].subtopic == "1+"
    assert sorted(topic_pairs(sentences)) == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3)]


def test_in_topic_matching_on_ecbplus_dev(ecbplus_dev):
    """docs/accuracy.md's in-topic figures on ECB+ dev at the shipped settings, a little under what was measured
    (B³ F1 55.8, pairwise F1 64.0)."""
    from claimgraph.eval.claims_topic import evaluate_in_topic

    report = evaluate_in_topic(ecbplus_dev)
    assert report["sentences"] == 344 and report["topics"] == 8
    assert report["b3"]["f1"] >= 54.5 and report["pairs"]["f1"] >= 63.0
