import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.extract import decode, extract, is_html
from conftest import FIXTURES


def test_utf8_text_passes_through_unchanged():
    raw = "Le ministre a déclaré: « Nous ne céderons pas. »\r\n\r\nSecond paragraph.\n".encode("utf-8")
    assert decode(raw, "a.txt") == raw.decode("utf-8")


def test_latin1_is_detected():
    text = ("Le ministre de l'Économie a déclaré mercredi que la réforme des retraites serait présentée "
            "à l'Assemblée nationale avant l'été, malgré l'opposition des syndicats.")
    assert decode(text.encode("latin-1"), "fr.txt") == text


@pytest.mark.parametrize("raw, reason", [
    (b"", "empty input"),
    (b"  \n\t \n", "empty input"),
    (bytes(range(256)) * 8, "binary data"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
])
def test_unusable_bytes_name_the_document_and_reason(raw, reason):
    with pytest.raises(InputError) as info:
        decode(raw, "broken.bin")
    assert info.value.document == "broken.bin"
    assert reason in info.value.reason


def test_html_is_recognised_and_plain_text_is_not():
    assert is_html(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert not is_html("The senator said <b> is not a tag in plain prose, 3 < 4.")


def test_html_article_is_extracted_with_metadata():
    page = (FIXTURES / "article.html").read_bytes()
    extracted = extract(page, "article.html")
    assert extracted.is_html
    assert extracted.title == "City council approves new bus lanes after heated debate"
    assert extracted.published == "2025-02-11T18:30:00+00:00"
    assert extracted.authors == ("Maria Keller",)
    assert extracted.metadata_sources["published"] == "opengraph"
    assert extracted.text.startswith("City council approves new bus lanes")
    assert "“This is the biggest change to our streets in a generation,” Mayor Ruth Alvarez said." in extracted.text
    for chrome in ("Accept all cookies", "Subscribe to our newsletter", "Most read", "function track"):
        assert chrome not in extracted.text


def test_html_without_article_text_is_an_input_error():
    with pytest.raises(InputError, match="no article text"):
        extract(b"<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
                "empty.html")


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-16"),                                      # with the byte-order mark of this machine
    lambda t: b"\xfe\xff" + t.encode("utf-16-be"),                     # big-endian with its mark
    lambda t: t.encode("utf-16-le"),                                   # no mark at all
])
def test_utf16_in_three_forms_is_read(encode):
    text = "Ukraine’s foreign minister said that talks would resume in Geneva on Monday."
    assert decode(encode(text), "memo.txt") == text
    assert extract(encode(text), "memo.txt").text == text


def test_nul_bytes_that_are_not_utf16_stay_binary():
    with pytest.raises(InputError, match="binary data"):
        decode(b"\x00\x01\x02\x03" * 200, "blob.bin")
