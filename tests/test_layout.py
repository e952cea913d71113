import pytest

from claimgraph.text.blocks import blocks, classify


@pytest.mark.parametrize("line", [
    "English", "Loading", "Share this", "Share this article", "Advertisement",
    "We use cookies to personalise content and ads. By continuing you accept our privacy policy.",
    "By Jane Doe", "By Jane Doe and Omar Haddad", "© 2024 Example Media. All rights reserved.",
    "Updated 14:32 GMT, 3 October 2024", "October 28, 2024", "Read more: Why the vote matters",
])
def test_page_chrome_is_boilerplate(line):
    assert classify(line) == "boilerplate"


@pytest.mark.parametrize("line", [  # the first is the seed article's caption; the others were written for the test
    "North Korean soldiers march during a mass military parade in Pyongyang in 2012 [AP Photo/Ng Han Guan, File]",
    "Firefighters at the scene on Sunday (Photo: Reuters)",
    "Protesters outside parliament. Photograph: Jane Smith/Getty Images",
])
def test_photo_captions_are_captions(line):
    assert classify(line) == "caption"


@pytest.mark.parametrize("line", [
    "By the end of the week, the army said, 300 soldiers had crossed the border.",
    "WASHINGTON (Reuters) - The Senate passed the bill on Friday, officials said.",
    "English is the official language of the talks, the ministry said.",
])
def test_body_sentences_stay_body(line):
    assert classify(line) == "body"


def test_blocks_keep_offsets_and_find_the_headline():
    text = "English\n\nTroops cross border as talks stall\n\nThe army said 300 soldiers crossed.\n\nLoading\n"
    found = blocks(text)
    assert [(text[b.start:b.end], b.role) for b in found] == [
        ("English", "boilerplate"), ("Troops cross border as talks stall", "headline"),
        ("The army said 300 soldiers crossed.", "body"), ("Loading", "boilerplate")]


def test_text_without_blank_lines_is_split_into_lines():
    text = "Headline without a stop\nFirst sentence of the body.\nSecond line of the body."
    assert [b.role for b in blocks(text)] == ["headline", "body", "body"]
