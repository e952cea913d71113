"""The spaCy component that runs the attribution tagger: ``doc._.cg_tagged`` holds linked attributions as
character ranges (:class:`~claimgraph.nlp.records.TaggedRecord`), which the attribution stage then completes
(speaker entities, kind, stance) on the parse; ``doc._.cg_states`` the encoder's last layer, which the voice
stage's opinion model reads.
The weights are loaded once per process (``network.load`` is cached), on first use."""

from __future__ import annotations

import os
from typing import Iterable, Iterator

from spacy.tokens import Doc
from spacy.util import minibatch

from .decode import close_holes, confidence, link, spans
from ..records import TaggedRecord
from .network import WEIGHTS, bfloat16_native, encode, load_weights, predict, states_record


_ALL_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class TaggerComponent:
    def __init__(self, weights: str = "", threads: int = 0, batch_size: int = 16, min_confidence: float = 0.0,
                 precision: str = "auto") -> None:
        self.weights = weights or str(WEIGHTS)
        self.bfloat16 = precision == "bfloat16" or (precision == "auto" and bfloat16_native())
        self.min_confidence = min_confidence
        self.threads = threads
        self.batch_size = batch_size
        self._model = None

    @property
    def model(self):
        """The network, on this component's number of threads. torch's thread count belongs to the process, so it
        is set on every use: two pipelines in one process (one thread each in workers, every core alone) each get
        their own."""
        import torch

        if self._model is None:
            self._model = load_weights(self.weights)
        wanted = self.threads or _ALL_CORES
        if torch.get_num_threads() != wanted:
            torch.set_num_threads(wanted)
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        self._tag([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size or self.batch_size):
            self._tag(batch)
            yield from batch

    def _tag(self, docs: list[Doc]) -> None:
        texts = [doc.text for doc in docs]
        encoded = encode(texts)
        for doc, text, enc, tags in zip(docs, texts, encoded, predict(self.model, encoded, bfloat16=self.bfloat16)):
            roles = spans(text, enc, tags.labels)
            linked = close_holes(text, roles, confidence(enc, tags.inside, link(text, roles)))
            doc._.cg_states = states_record(enc, tags, self.weights)
            doc._.cg_tagged = [TaggedRecord(cue=a.cue, content=list(a.content), source=a.source,
                                            confidence=a.confidence)
                               for a in linked if a.confidence >= self.min_confidence]
