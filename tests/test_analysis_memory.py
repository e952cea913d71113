"""Analysis keeps its memory in bounds however many documents pass: each batch is parsed in a spaCy memory zone,
and only a process's first words are kept for good (``analysis.LEARNT_WORDS``)."""

from claimgraph import Document, Settings, analysis, analyze_many
from claimgraph.nlp.pipeline import load_pipeline


def _article(k: int) -> Document:
    """A text of words no other test uses: each one a new lexeme for the vocabulary."""
    sentences = [f"Officials in Zorvak{k}x{i} said that Quelm{k}x{i} had {i + 3} ships." for i in range(40)]
    return Document(f"words-{k}.txt", " ".join(sentences))


def test_the_first_documents_words_are_learnt_and_later_ones_are_not(monkeypatch):
    settings = Settings(attribution="rules", batch_size=1)
    vocab = load_pipeline(settings).vocab
    monkeypatch.setattr(analysis, "LEARNT_WORDS", len(vocab) + 50)
    first = list(analyze_many([_article(1), _article(2)], settings))
    assert "Zorvak1x7" in vocab.strings and vocab["Zorvak1x7"].orth in vocab  # learnt: the bound not yet reached
    assert "Zorvak2x7" not in vocab.strings  # the first article reached it: the second was parsed in a zone
    strings = len(vocab.strings)
    later = list(analyze_many([_article(k) for k in range(3, 8)], settings))
    assert len(vocab.strings) == strings and "Zorvak5x7" not in vocab.strings
    assert [a.attributions[0].content.text for a in first + later] == [
        f"that Quelm{k}x0 had 3 ships" for k in range(1, 8)]
