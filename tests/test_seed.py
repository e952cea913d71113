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


def test_seed_direct_quotes_are_the_content(seed_analysis, seed_gold_path):
    """The first part of the content of every direct quotation found is the quotation, not an aside before the cue
    ("Kirby, commenting on the dispatch of North Korean soldiers, declared: “…”")."""
    gold = load_gold(seed_gold_path, seed_analysis.text)
    for g in gold.attributions:
        if g.kind != "direct":
            continue
        found = [a for a in seed_analysis.attributions if a.type == "claim"
                 and any(a.content.start < e and s < a.content.end for s, e in g.spans)]
        assert found, g.id
        for a in found:  # "that" before the quotation stays in the content, as PolNeAR's contents keep it
            quote = a.content.text.removeprefix("that ").strip("“”\" ")
            assert quote and (quote in g.content or g.content in quote), (g.id, a.content.text)


def test_seed_types_leave_questions_and_intentions_out_of_the_claims(seed_analysis):
    types = {a.cue.text: a.type for a in seed_analysis.attributions if a.cue}
    assert types["is seeking"] == "intention"
    assert types["condemnations of"] == "topic"
