from claimgraph.text.blocks import blocks
from claimgraph.text.quotations import find_quotes


def quotes(text):
    return [(text[q.start:q.end], text[q.group_start:q.group_end]) for q in find_quotes(text, blocks(text))]


def test_curly_and_straight_quotes():
    text = '“We will win,” she said. He replied: "Not this year."'
    assert [q for q, _ in quotes(text)] == ['“We will win,”', '"Not this year."']


def test_apostrophes_are_not_quotes():
    text = "Trump's aides don’t agree, the senator’s office said of the workers' plan."
    assert quotes(text) == []


def test_single_quotes_in_a_headline():
    # a PolNeAR dev headline (politico_2016-09-08_flynn-says-trump-absolutely-righ)
    text = "Flynn says Trump 'absolutely right' in saying generals reduced to rubble"
    assert [q for q, _ in quotes(text)] == ["'absolutely right'"]


def test_typewriter_quotes_with_doubled_apostrophes():
    text = "''It doesn't make our problems worse,'' said Mr. Burman. He added, ''it is responsible.''"
    assert [q for q, _ in quotes(text)] == ["''It doesn't make our problems worse,''", "''it is responsible.''"]


def test_quotation_over_paragraphs_is_one_group():
    text = "He said: “First paragraph of the speech.\n\n“Second paragraph of the speech.”\n\nAfterwards he left."
    found = quotes(text)
    assert len(found) == 2
    assert found[0][1] == found[1][1]
    assert found[0][1].startswith("“First") and found[0][1].endswith("speech.”")


def test_unclosed_quote_of_another_style_does_not_swallow_the_next_paragraph():
    text = '"Melanie thought it was outrageous.\n\n“It never crossed my mind,” she said.'
    assert [q for q, _ in quotes(text)] == ["“It never crossed my mind,”"]
