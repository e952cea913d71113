"""Acceptance on the hand-annotated seed article (read from ../shared)."""

from claimgraph.eval.gold import load_gold, score_gold


def test_seed_attributions_meet_the_floor(seed_analysis, seed_gold_path):
    gold = load_gold(seed_gold_path, seed_analysis.text)
    score = score_gold(seed_analysis, gold)
    assert score.required == 20
    assert score.found >= 18, score.missed
    assert score.precision >= 85.0, score.spurious


def test_seed_chrome_and_caption_are_marked(seed_analysis, seed_gold_path):
    gold = load_gold(seed_gold_path, seed_analysis.text)
    score = score_gold(seed_analysis, gold)
    assert score.boilerplate_marked == score.boilerplate_total == 3
    roles = {seed_analysis.text[s.start:s.end]: s.role for s in seed_analysis.sentences}
    assert roles["English"] == "boilerplate"
    assert roles["Loading"] == "boilerplate"
    assert roles["North Korean troops deployed to Russia, as US/NATO ramps up Ukraine war"] == "headline"


def test_seed_offsets_refer_to_the_file(seed_analysis, seed_path):
    assert seed_analysis.text == seed_path.read_text(encoding="utf-8")
    for att in seed_analysis.attributions:
        for span in (att.source, att.cue, att.content):
            if span is not None:
                assert seed_analysis.text[span.start:span.end] == span.text


def test_seed_sources_carry_canonical_names(seed_analysis):
    by_cue_text = {(a.source.text if a.source else None, a.cue.text): a for a in seed_analysis.attributions}
    assert by_cue_text[("Putin", "said")].source.entity == "Vladimir Putin"
    warned = [a for a in seed_analysis.attributions if a.cue.text == "warned" and a.source.text == "He"]
    assert {a.source.entity for a in warned} == {"Lloyd Austin", "John Kirby"}
