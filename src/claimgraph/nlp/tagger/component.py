"""The spaCy component that runs the attribution tagger: ``doc._.cg_tagged`` holds linked attributions as
character ranges (:class:`~claimgraph.nlp.records.TaggedRecord`), which the attribution stage then completes
(speaker entities, kind, stance) on the parse; ``doc._.cg_states`` the encoder's last layer, which the voice
stage's opinion model reads.
The weights are loaded and traced once per process (``network.compiled`` is cached), on first use."""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Iterable, Iterator, Sequence

from spacy.tokens import Doc
from spacy.util import minibatch

from .decode import close_holes, confidence, link, spans
from ..records import StatesRecord, TaggedRecord, doc_text
from .network import WEIGHTS, compiled, encode, predict, runs_bfloat16, states_record


_ALL_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class TaggerComponent:
    def __init__(self, weights: str = "", threads: int = 0, batch_size: int = 16, min_confidence: float = 0.0,
                 precision: str = "auto") -> None:
        self.weights = weights or str(WEIGHTS)
        self.bfloat16 = runs_bfloat16(precision)
        self.min_confidence = min_confidence
        self.threads = threads
        self.batch_size = batch_size
        self._model = None
        self._ahead: ThreadPoolExecutor | None = None
        self._pending: dict[str, Future] = {}
        self._lock = threading.Lock()

    @property
    def runs_ahead(self) -> bool:
        """Whether texts handed to :meth:`prefetch` are tagged on a thread of this component's own: in a single
        process with every core (``threads`` 0) and more than one core, the model then runs on one core beside the
        parse of earlier documents on the other, instead of after it on both."""
        return self.threads == 0 and _ALL_CORES > 1

    def prefetch(self, texts: Sequence[str]) -> None:
        """Start tagging ``texts`` (documents the caller will parse next) in the background; their docs then find
        the results ready. A text never parsed leaves its entry until :meth:`forget`."""
        if not self.runs_ahead:
            return
        with self._lock:
            if self._ahead is None:
                self._ahead = ThreadPoolExecutor(1, thread_name_prefix="claimgraph-tagger")
            for text in texts:
                if text not in self._pending:
                    self._pending[text] = self._ahead.submit(self._records, [text], max(1, _ALL_CORES - 1))

    def forget(self, texts: Sequence[str]) -> None:
        """Drop the background results of ``texts`` (documents that failed before their tagging was read), and
        their work where it has not started."""
        with self._lock:
            for text in texts:
                future = self._pending.pop(text, None)
                if future is not None:
                    future.cancel()  # not started yet: never started

    def _inline_threads(self) -> int:
        """Threads for the texts tagged in the calling thread. Where the model runs ahead, its own thread keeps
        one core busy and the caller takes the rest: on every core, the two oversubscribed them (default analysis
        at 0.575–0.638 of the bare parse, against 0.661–0.707 this way, 96 PolNeAR train texts)."""
        return max(1, _ALL_CORES - 1) if self.runs_ahead else self.threads or _ALL_CORES

    @property
    def model(self):
        """The network, on this component's number of threads (see :meth:`network`)."""
        return self.network(self.threads or _ALL_CORES)

    def network(self, threads: int):
        """The network, run by the calling thread on ``threads`` threads. torch's thread count belongs to the calling
        thread, so it is set on every use: two pipelines in one process (one thread each in workers, every core
        alone) and the background thread each get their own. It is set before the first use traces the network,
        whose pass then runs on those threads too."""
        import torch

        if torch.get_num_threads() != threads:
            torch.set_num_threads(threads)
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = compiled(self.weights, self.bfloat16)
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        self._tag([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size or self.batch_size):
            self._tag(batch)
            yield from batch

    def _tag(self, docs: list[Doc]) -> None:
        with self._lock:
            ready = [self._pending.pop(doc_text(doc), None) for doc in docs]
        # a text still queued behind others (a long one that ran past its budget, say) is tagged here instead
        ready = [None if future is not None and future.cancel() else future for future in ready]
        todo = [doc_text(doc) for doc, future in zip(docs, ready) if future is None]
        computed = iter(self._records(todo, self._inline_threads()) if todo else [])
        for doc, future in zip(docs, ready):
            states, tagged = future.result()[0] if future is not None else next(computed)
            doc._.cg_states = states
            doc._.cg_tagged = tagged

    def _records(self, texts: list[str], threads: int) -> list[tuple[StatesRecord, list[TaggedRecord]]]:
        """Each text's encoder states and linked attributions, as the Doc keeps them."""
        encoded = encode(texts)
        out = []
        for text, enc, tags in zip(texts, encoded, predict(self.network(threads), encoded, bfloat16=self.bfloat16)):
            roles = spans(text, enc, tags.labels)
            linked = close_holes(text, roles, confidence(enc, tags.inside, link(text, roles)))
            out.append((states_record(enc, tags, self.weights),
                        [TaggedRecord(cue=a.cue, content=list(a.content), source=a.source, confidence=a.confidence)
                         for a in linked if a.confidence >= self.min_confidence]))
        return out
