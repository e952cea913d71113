"""The parse rules (attribution = "rules") on realistic news sentences (none taken from the seed article); the
learned model's behaviour is tested in test_model_attribution.py."""

import pytest

import claimgraph
from claimgraph.settings import Settings

RULES = Settings(attribution="rules")


def atts(text):
    return claimgraph.analyze(text, settings=RULES).attributions


def one(text):
    found = atts(text)
    assert len(found) == 1, [(a.source and a.source.text, a.cue and a.cue.text, a.content.text) for a in found]
    return found[0]


def test_said_that_clause_is_indirect():
    a = one("The health minister said that hospitals in the north had run out of fuel.")
    assert (a.source.text, a.cue.text, a.kind) == ("The health minister", "said", "indirect")
    assert a.content.text == "that hospitals in the north had run out of fuel"


def test_told_addressee_that():
    a = one("Finance Minister Lars Eklund told the Nordic Post on Monday that the budget would be balanced by 2027.")
    assert a.source.entity == "Lars Eklund"
    assert a.cue.text == "told"
    assert a.content.text.startswith("that the budget would be balanced")


def test_trailing_speaker_after_quote():
    a = one("“We will not negotiate under threat,” Prime Minister Ana Costa said on Tuesday.")
    assert (a.kind, a.cue.text, a.source.entity) == ("direct", "said", "Ana Costa")
    assert a.content.text == "“We will not negotiate under threat,”"


def test_inverted_trailing_speaker():
    a = one('"The numbers simply do not add up," said Priya Raman, an analyst at the Halden Institute.')
    assert a.source.entity == "Priya Raman"
    assert a.kind == "direct"


def test_colon_lead_in():
    a = one("The general declared: “Our forces will hold the bridge until reinforcements arrive.”")
    assert (a.source.text, a.cue.text, a.kind) == ("The general", "declared", "direct")
    assert a.content.text == "“Our forces will hold the bridge until reinforcements arrive.”"


def test_mixed_quote_inside_reported_speech():
    a = one("The mayor warned that the floods were “a disaster waiting to happen” if the dam failed.")
    assert a.kind == "mixed"
    assert a.cue.text == "warned"


def test_nominal_cue_with_several_sources():
    found = atts("Amid claims by Chile and Peru that the vessels had entered their waters illegally, the talks "
                 "were postponed.")
    a = next(x for x in found if x.cue.text == "claims")
    assert set(a.source.entities) == {"Chile", "Peru"}
    assert a.content.text.startswith("that the vessels had entered")


def test_possessive_nominal_cue():
    a = next(x for x in atts("Garcia’s warning that prices would double was ignored by the board.")
             if x.cue.text == "warning")
    assert a.source.text.startswith("Garcia")
    assert "prices would double" in a.content.text


def test_media_outlet_as_source():
    a = one("A Daily Telegraph report said that the minister had resigned.")
    assert a.source.entity == "Daily Telegraph"


def test_pronoun_source_resolves_to_the_person():
    found = atts("Senator Maria Lopez spoke to reporters outside the Capitol. She warned that the bill would "
                 "fail without changes.")
    a = next(x for x in found if x.cue.text == "warned")
    assert a.source.text == "She"
    assert a.source.entity == "Maria Lopez"


def test_quote_continued_after_the_speaker():
    text = ("“The economy is slowing,” the central bank governor said. “We expect growth to fall below "
            "two percent next year.”")
    a = one(text)
    assert [p.text for p in a.content_parts] == [
        "“The economy is slowing,”", "“We expect growth to fall below two percent next year.”"]


def test_quotation_spanning_sentences():
    a = one("“Prices are rising. Wages are not. That is the problem,” the union leader said.")
    assert a.content.text == "“Prices are rising. Wages are not. That is the problem,”"
    assert a.kind == "direct"


def test_according_to():
    a = one("According to the coast guard, 42 migrants were rescued off the island overnight.")
    assert a.cue.text == "According to"
    assert a.source.text == "the coast guard"
    assert "42 migrants were rescued" in a.content.text


def test_scare_quotes_alone_are_not_statements():
    assert atts("The so-called “peace dividend” never arrived, and the treasury ran a deficit.") == ()


def test_reported_fact_has_no_attribution():
    assert atts("The bridge was closed on Thursday after a barge struck one of its pillars.") == ()


def test_captions_and_chrome_yield_no_attributions():
    text = ("Share this\n\nThe president said the economy was strong. [AP Photo/John Smith]\n\n"
            "The governor said that schools would reopen on Monday.\n")
    found = atts(text)
    assert [a.cue.text for a in found] == ["said"]
    assert found[0].content.text == "that schools would reopen on Monday"


@pytest.mark.parametrize("open_, close", [("“", "”"), ('"', '"'), ("``", "''")])
def test_quote_styles(open_, close):
    a = one(f"{open_}We are ready for the vote,{close} the party chairman said.")
    assert a.kind == "direct"


def test_parenthetical_speaker_splits_the_content():
    a = one("The new terminal, airport officials said, will open to passengers in the spring of 2027.")
    assert a.source.text == "airport officials"
    assert [p.text for p in a.content_parts] == ["The new terminal", "will open to passengers in the spring of 2027."]


def test_quote_signed_with_a_dash():
    a = one("“The most expensive election in our history.” ― Martin Alvarez, campaign finance lawyer")
    assert (a.cue.text, a.source.entity, a.kind) == ("―", "Martin Alvarez", "direct")


def test_object_content_learned_from_the_training_counts():
    a = one("The senator accused the governor of hiding the report.")
    assert (a.source.text, a.cue.text) == ("The senator", "accused")
    assert a.content.text == "the governor of hiding the report"
    b = one("Opposition leaders praised the court's ruling on Friday.")
    assert b.content.text == "the court's ruling"


def test_intentions_need_someone_who_holds_them():
    a = one("The ministry declined to comment on the leaked memo.")
    assert (a.source.text, a.cue.text, a.content.text) == ("The ministry", "declined", "to comment on the leaked memo")
    assert atts("Prices rose after years of threatening to impose tariffs on steel.") == ()


def test_cue_keeps_its_auxiliaries_and_manner_adverbs_but_not_then():
    a = one("The company has repeatedly denied that it misled investors.")
    assert a.cue.text == "has repeatedly denied"
    b = one("The mayor then warned that the bridge would close.")
    assert b.cue.text == "warned"


def test_transcript_turns_and_colon_headlines():
    text = ("Pence: Flowers won't be at the debate, Trump was mocking the Clinton camp\n\n"
            "Partial transcript as follows:\n\n"
            "\"WALLACE: Let's start with the debate story. Will she be there?\n\n"
            "\"PENCE: Well, look, the campaign thinks this is an episode of a television show.\n")
    found = [(a.source.text, a.cue.text, a.content.text.split(",")[0]) for a in atts(text)]
    assert found == [("Pence", ":", "Flowers won't be at the debate"), ("WALLACE", ":", "Let's start with the debate "
                                                                          "story. Will she be there?"),
                     ("PENCE", ":", "Well")]


@pytest.mark.parametrize("text, cue, type_", [
    ("The mayor said that the bridge would reopen in May.", "said", "claim"),
    ("The union believes that the contract breaks state law.", "believes", "belief"),
    ("The governor wants to cut the sales tax before the election.", "wants", "intention"),
    ("Reporters asked whether the minister would resign over the leak.", "asked", "question"),
])
def test_attributions_are_typed(text, cue, type_):
    a = one(text)
    assert (a.cue.text, a.type) == (cue, type_)


def test_quotation_signed_with_a_dash_on_its_own_line():
    text = ("Readers wrote in after the hearing.\n"
            "”The council has ignored the east side for a decade and now it wants our votes.” ― Maria Lopez\n"
            "“We were promised a clinic and got a parking lot instead.”― Tom Baker, a retired nurse")
    found = {a.source.text: a for a in atts(text)}
    assert found["Maria Lopez"].content.text.startswith("”The council has ignored")
    assert found["Tom Baker, a retired nurse"].cue.text.endswith("―")
