"""The scorer on hand-made cases."""

import pytest

from claimgraph.eval.annotations import AnnotatedDocument, SpanAttribution
from claimgraph.eval.polnear import parse_ann
from claimgraph.eval.scorer import match_document, score, trim

TEXT = ("Senator Ana Ruiz said that the budget was late. “We will vote on Friday,” she added. "
        "The report found that costs rose.")


def at(phrase: str, after: int = 0) -> tuple[tuple[int, int], ...]:
    i = TEXT.index(phrase, after)
    return ((i, i + len(phrase)),)


A = SpanAttribution(source=at("Senator Ana Ruiz"), cue=at("said"), content=at("that the budget was late"),
                    kind="indirect")
B = SpanAttribution(source=at("she"), cue=at("added"), content=at("“We will vote on Friday,”"), kind="direct")
C = SpanAttribution(source=at("The report"), cue=at("found"), content=at("that costs rose."), kind="indirect")


def run(gold, pred):
    doc = AnnotatedDocument("t", TEXT, tuple(gold), publisher="test")
    return score([(doc, tuple(pred))])


def test_perfect_prediction_scores_100():
    r = run([A, B, C], [A, B, C])
    for role in ("source", "cue", "content"):
        assert r[role]["exact"]["f1"] == 100.0 and r[role]["overlap"]["f1"] == 100.0
    assert r["attribution"]["f1"] == 100.0
    assert r["by_kind"]["direct"]["attribution"]["f1"] == 100.0
    assert r["by_publisher"]["test"]["attribution"]["f1"] == 100.0


def test_empty_prediction_scores_0():
    r = run([A, B, C], [])
    assert r["attribution"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "matched": 0, "predicted": 0, "gold": 3}
    assert r["content"]["exact"]["f1"] == 0.0 and r["content"]["overlap"]["r"] == 0.0


def test_quote_marks_and_punctuation_do_not_count_for_exact_spans():
    bare = at("We will vote on Friday")
    assert trim(TEXT, B.content) == bare
    shifted = SpanAttribution(source=B.source, cue=B.cue, content=bare, kind="direct")
    assert run([B], [shifted])["content"]["exact"]["f1"] == 100.0


def test_shifted_content_is_wrong_exactly_but_right_by_overlap():
    shorter = SpanAttribution(source=A.source, cue=A.cue, content=at("the budget was late"), kind="indirect")
    r = run([A], [shorter])
    assert r["content"]["exact"]["f1"] == 0.0
    assert r["content"]["overlap"]["p"] == 100.0 and r["content"]["overlap"]["r"] == 80.0  # 4 of 5 words
    assert r["attribution"]["f1"] == 100.0  # contents share more than half of each one's tokens


def test_content_overlapping_less_than_half_does_not_match():
    tiny = SpanAttribution(source=A.source, cue=A.cue, content=at("was late"), kind="indirect")
    assert run([A], [tiny])["attribution"]["f1"] == 0.0


def test_missing_or_wrong_source_fails_who_said_what():
    no_source = SpanAttribution(source=(), cue=A.cue, content=A.content, kind="indirect")
    wrong = SpanAttribution(source=B.source, cue=A.cue, content=A.content, kind="indirect")
    assert run([A], [no_source])["attribution"]["f1"] == 0.0
    assert run([A], [wrong])["attribution"]["f1"] == 0.0
    unsourced_gold = SpanAttribution(content=C.content, cue=C.cue, kind="indirect")
    assert run([unsourced_gold], [SpanAttribution(content=C.content, cue=C.cue)])["attribution"]["f1"] == 100.0


def test_duplicate_predictions_count_once():
    r = run([A], [A, A])
    assert r["attribution"]["matched"] == 1 and r["attribution"]["p"] == 50.0 and r["attribution"]["r"] == 100.0
    assert r["source"]["exact"]["p"] == 50.0


def test_one_to_one_matching_prefers_the_best_overlap():
    m = match_document(TEXT, [A, C], [C, A])
    assert set(m.matched) == {(0, 1), (1, 0)} and not m.missed and not m.spurious


def test_brat_parser_reads_discontinuous_spans_and_no_source_events():
    (s1, e1), (s2, e2), (c1, c2) = B.content[0], C.content[0], C.cue[0]
    (b1, b2), (k1, k2) = B.source[0], B.cue[0]
    ann = (f"T1\tSource {b1} {b2}\tshe\nT2\tCue {k1} {k2}\tadded\nT3\tContent {s1} {e1};{s2} {e2}\t...\n"
           f"T4\tAttribution {k1} {k2}\tadded\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
           f"T5\tCue {c1} {c2}\tfound\nT6\tContent {s2} {e2}\tthat costs rose\nT7\tAttribution {c1} {c2}\tfound\n"
           "E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n")
    atts = parse_ann(ann, TEXT)
    assert atts[0].content == ((s1, e1), (s2, e2)) and atts[0].source == B.source
    assert atts[1].source == () and atts[1].cue == C.cue
    assert atts[0].kind == "mixed" and atts[1].kind == "indirect"


def test_brat_writer_round_trips():
    import claimgraph
    from claimgraph.eval.annotations import from_analysis
    from claimgraph.export import to_brat

    text = "“Costs rose,” the auditor said. “They will rise again.” Officials said that the audit was late."
    analysis = claimgraph.analyze(text)
    assert parse_ann(to_brat(analysis), text) == from_analysis(analysis)


def test_brat_text_with_a_newline_is_read():
    ann = (f"T1\tSource {A.source[0][0]} {A.source[0][1]}\tSenator\nAna Ruiz\n"
           f"T2\tCue {A.cue[0][0]} {A.cue[0][1]}\tsaid\n"
           f"T3\tContent {A.content[0][0]} {A.content[0][1]}\tthat the budget\nThe rest of it\n"
           "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n")
    (att,) = parse_ann(ann, TEXT)
    assert (att.source, att.cue, att.content) == (A.source, A.cue, A.content)


def test_malformed_brat_is_a_data_error():
    from claimgraph.errors import DataError

    with pytest.raises(DataError, match="malformed"):
        parse_ann("T1\tSource zero five\tx\n", TEXT)


def test_error_report_lists_misses_and_false_alarms(polnear_dev):
    from claimgraph.eval.error_report import render
    from claimgraph.eval.run import evaluate_polnear

    report, results = evaluate_polnear(polnear_dev, limit=3)
    page = render(results, report)
    missed = sum(len(r.match.missed) for r in results)
    spurious = sum(len(r.match.spurious) for r in results)
    assert page.count("class='item missed'") == missed > 0
    assert page.count("class='item spurious'") == spurious
    assert "<span class='cnt'>" in page and "<span class='src'>" in page
    assert f"Who said what: P {report['attribution']['p']}" in page
