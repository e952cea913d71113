"""Claim anatomy: quantities, dates, people with roles, voice and hedging — on the seed gold, on two hand-annotated
PolNeAR articles, and on single sentences."""

import json

import pytest

import claimgraph
from claimgraph.eval.anatomy import quantity_agrees, score_items, time_agrees
from conftest import FIXTURES, SHARED, _need


@pytest.fixture(scope="module")
def gold(seed_gold_path):
    return json.loads(seed_gold_path.read_text(encoding="utf-8"))


def _located(text, items, key="text"):
    out = []
    for item in items:
        at = text.index(item[key])
        out.append({**item, "start": at, "end": at + len(item[key]), "value": item.get("value",
                                                                                   item.get("resolves_to"))})
    return out


def test_seed_quantities(seed_analysis, gold):
    required = _located(seed_analysis.text, [q for q in gold["quantities"] if not q.get("optional")])
    score = score_items(required, seed_analysis.quantities, quantity_agrees)
    assert score.right == len(required) == 6, score.as_dict()
    shells = next(q for q in seed_analysis.quantities if q.value == 500000)
    assert (shells.qualifier, shells.counts) == ("at_least", "shells")  # 155mm is a calibre, not a count
    monthly = next(q for q in seed_analysis.quantities if q.value == 90000)
    assert (monthly.per, monthly.counts) == ("month", "shells")
    money = next(q for q in seed_analysis.quantities if q.value == 400000000)
    assert money.unit == "USD"
    assert not any(q.text in {"2012", "fourth", "155"} for q in seed_analysis.quantities)


def test_seed_dates(seed_analysis, gold):
    score = score_items(_located(seed_analysis.text, gold["times"]), seed_analysis.times, time_agrees)
    assert score.right >= 9, score.as_dict()


def test_seed_people_and_roles(seed_analysis, gold):
    entities = {e.name: e for e in seed_analysis.entities}
    for person in gold["people"]:
        entity = entities[person["name"]]
        assert entity.type == "person"
        assert person["role"].lower() in [r.lower() for r in entity.roles], (person, entity.roles)
        mentions = {m.text for m in entity.mentions}
        assert set(person["mentions"]) <= mentions | {person["name"]}


def test_seed_voice(seed_analysis, gold):
    def voice_of(fragment):
        at = seed_analysis.text.index(fragment)
        return next(s.voice for s in seed_analysis.sentences if s.start <= at < s.end)

    opinions = [voice_of(f) for f in gold["author_opinion"]]
    assert opinions.count("opinion") >= 9, list(zip(opinions, gold["author_opinion"]))
    assert [voice_of(f) for f in gold["reported_fact"]] == ["reported", "reported"]


def test_seed_stance_and_certainty(seed_analysis):
    by_cue = {a.cue.text.split()[-1]: a for a in seed_analysis.attributions if a.cue}
    assert by_cue["acknowledged"].stance == "committing"
    assert by_cue["claimed"].stance == "distancing" and by_cue["claimed"].certainty == "unknown"
    assert by_cue["stated"].stance == "neutral"


@pytest.mark.parametrize("doc_index", [0, 1])
def test_hand_annotated_polnear_articles(doc_index):
    fixture = json.loads((FIXTURES / "polnear_anatomy.json").read_text(encoding="utf-8"))["documents"][doc_index]
    path = _need(SHARED / "data" / "polnear" / "dev" / "text" / f"{fixture['name']}.txt")
    analysis = claimgraph.analyze(path.read_bytes(), published=fixture["published"])
    quantities = score_items(fixture["quantities"], analysis.quantities, quantity_agrees)
    times = score_items(fixture["times"], analysis.times, time_agrees)
    assert quantities.right >= 0.85 * quantities.gold and quantities.right >= 0.9 * quantities.predicted, \
        quantities.as_dict()
    assert times.right >= 0.9 * times.gold and times.right >= 0.9 * times.predicted, times.as_dict()


@pytest.mark.parametrize("sentence, value, unit, qualifier, counts", [
    ("Officials said as many as 1,200 people were evacuated.", 1200, None, "up_to", "people"),
    ("The fund lost more than €3.5 billion last year.", 3500000000, "EUR", "at_least", None),
    ("Turnout was about 64 percent, the commission said.", 64, "percent", "approximate", None),
    ("Rescuers pulled twelve survivors from the rubble.", 12, None, "exact", "survivors"),
    ("Dozens of protesters gathered outside.", None, None, "approximate", "protesters"),
])
def test_quantity_sentences(sentence, value, unit, qualifier, counts):
    (q,) = claimgraph.analyze(sentence, published="2024-03-01").quantities
    assert (q.value, q.unit, q.qualifier) == (value, unit, qualifier)
    if counts:
        assert q.counts == counts


def test_no_counts_from_years_times_ordinals_models():
    text = ("In 2019 the F-16 squadron flew its third mission at 10:30 a.m. from Route 66, "
            "and the 9mm pistols were seized.")
    assert claimgraph.analyze(text, published="2024-03-01").quantities == ()


@pytest.mark.parametrize("sentence, expected", [
    ("The minister resigned on Tuesday.", "2024-10-22"),          # published Monday 2024-10-28
    ("The minister will resign on Tuesday.", "2024-10-29"),
    ("Talks collapsed last month.", "2024-09"),
    ("The law passed in March.", "2024-03"),
    ("The vote was held on Nov. 5, 2024.", "2024-11-05"),
    ("The plant closed two years ago.", "2022"),
])
def test_dates_resolve_against_publication(sentence, expected):
    times = claimgraph.analyze(sentence, published="2024-10-28").times
    assert [t.value for t in times] == [expected]


def test_relative_dates_stay_unresolved_without_publication_date():
    times = claimgraph.analyze("The minister resigned on Tuesday, after the vote on March 3, 2021.").times
    assert [t.value for t in times] == [None, "2021-03-03"]


def test_hedges_and_certainty():
    a = claimgraph.analyze("The army allegedly shelled the village. Officials said the dam could collapse. "
                           "The ministry confirmed that 30 people died.")
    first, second, third = a.sentences
    assert first.certainty == "unknown" and [h.text for h in first.hedges] == ["allegedly"]
    said = next(x for x in a.attributions if x.cue.text == "said")
    confirmed = next(x for x in a.attributions if x.cue.text == "confirmed")
    assert said.certainty == "possible"
    assert confirmed.stance == "committing" and confirmed.certainty == "certain"


def test_attributed_sentence_with_framing():
    a = claimgraph.analyze("The senator absurdly claimed that the border was open.")
    (s,) = a.sentences
    assert s.voice == "attributed"
    assert [f.text for f in s.framing] == ["absurdly"]
    assert a.attributions[0].stance == "distancing" and a.attributions[0].certainty == "unknown"


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "9999-06-15"])
def test_dates_at_the_edge_of_the_calendar_do_not_crash(published):
    text = "The mayor said the port would reopen tomorrow, next Friday or on March 3, as it did yesterday."
    analysis = claimgraph.analyze(text, published=published)
    assert len(analysis.times) >= 3


# Two sentences of CheckThat! 2023 subjectivity dev, labelled SUBJ and OBJ.
_SUBJECTIVE = ("Unravelling this Thatcherite model of housing—neither YIMBY fantasies nor ever-growing varieties of "
               "nominally ‘affordable’ housing are serious responses—is the prerequisite to meaningful change in this "
               "sphere of economic and social life.")
_OBJECTIVE = ("The most recent figures point to close to 500,000 households falling behind on rent, the highest "
              "numbers in over a decade.")


@pytest.mark.parametrize("mode", ["hybrid", "rules"])
def test_opinion_model_reads_the_taggers_states_or_else_the_piece_table(mode, monkeypatch):
    """Where the tagger ran, the opinion model reads its encoder's states (and the voice stage releases them);
    rules only, it reads MiniLM's word-piece table. Either way it tells the opinion from the report."""
    from claimgraph.nlp.stages import voice
    from claimgraph.settings import Settings

    asked = []
    real = voice.opinion_probabilities

    def spy(texts, starts, states):
        asked.append(states is not None)
        return real(texts, starts, states)

    monkeypatch.setattr(voice, "opinion_probabilities", spy)
    settings = Settings(attribution=mode)
    for text, expected in ((_SUBJECTIVE, "opinion"), (_OBJECTIVE, "reported")):
        assert [s.voice for s in claimgraph.analyze(text, settings=settings).sentences] == [expected]
    assert asked == [mode == "hybrid"] * 2
    if mode == "hybrid":
        from claimgraph.nlp.pipeline import load_pipeline

        doc = load_pipeline(settings)(_OBJECTIVE)
        assert doc._.cg_tagged is not None and doc._.cg_states is None


def test_every_headline_and_body_sentence_of_the_seed_has_a_voice(seed_analysis):
    """Including those that open with a quotation mark or a bracket (their voice record starts at the first word)."""
    text = seed_analysis.text
    voiced = [s for s in seed_analysis.sentences if s.role in {"headline", "body"}]
    assert any(text[s.start] in "“\"(‘'" for s in voiced)
    assert [text[s.start:s.end][:40] for s in voiced if s.voice is None] == []


def test_states_of_another_tagger_fall_back_to_the_piece_table():
    """The states model learnt on the shipped tagger; another tagger's states (a retrained model) are not read."""
    from claimgraph.nlp.pipeline import load_pipeline
    from claimgraph.nlp.stages.opinion import opinion_probabilities, opinion_threshold
    from claimgraph.settings import Settings

    nlp = load_pipeline(Settings())
    doc = nlp.make_doc(_SUBJECTIVE)
    for _name, component in nlp.pipeline:
        if _name == "claimgraph_voice":
            break
        doc = component(doc)
    states = doc._.cg_states
    assert states is not None
    with_states = opinion_probabilities([_SUBJECTIVE], [0], states)
    other = {**states, "model": "0" * 16}
    assert opinion_probabilities([_SUBJECTIVE], [0], other) == opinion_probabilities([_SUBJECTIVE]) != with_states
    assert opinion_threshold(other) == opinion_threshold(None)


def test_piece_ids_looked_up_by_word_are_the_tokenizers(seed_path):
    """The piece table's vectors read a sentence's pieces word by word from a cache; they must be those the
    tokenizer gives the whole sentence, white space of every kind, deleted control characters and accents
    included (a word split where the tokenizer joins would change the vector)."""
    from claimgraph.nlp.stages.opinion import piece_ids, word_pieces
    from claimgraph.nlp.tagger.network import tokenizer

    odd = ["a\x1cb c\x1fd", "x\u00a0y\u3000z\u2009w", "zero\u200bwidth", "中文字符 mixed", "tab\there\r\nline",
           "\x85next\x85", "  padded  ", "", "café naïve e\u0301cole", "bell\x07char", "a\u2028b\u2029c",
           "soft\u00adhyphen", "\ufeffmark"]
    for text in [*seed_path.read_text(encoding="utf-8").split("\n"), *odd]:
        hits = word_pieces.cache_info().hits
        for _ in range(2):  # the second time from the cache
            assert piece_ids(text) == tokenizer().encode(text, add_special_tokens=False).ids, repr(text)
        assert word_pieces.cache_info().hits > hits or not text.strip()
