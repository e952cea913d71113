"""The JSON API under /api (OpenAPI at /docs). Reads are open; writes need the bearer token."""

from __future__ import annotations

from typing import Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field

from ..model import Document
from ..claims.link import delete_article, link_claims_added
from ..claims.view import get_claim, list_claims
from ..people.link import link_added
from ..store import queries as query
from .access import MAX_ID, bearer, require_writer, web_settings

router = APIRouter(prefix="/api", tags=["api"])


class ArticleIn(BaseModel):
    text: Optional[str] = Field(None, description="Plain text of the article (or give html).")
    html: Optional[str] = Field(None, description="HTML page of the article.")
    url: Optional[str] = None
    published: Optional[str] = Field(None, description="YYYY-MM-DD")
    title: Optional[str] = None
    outlet: Optional[str] = None


class AnalyseIn(ArticleIn):
    store: bool = Field(False, description="Also store the result (needs the bearer token).")


def _store(request: Request):
    return request.app.state.store


def _analyse(request: Request, body: ArticleIn):
    content = body.html or body.text
    if not content or not content.strip():
        raise HTTPException(422, "give 'text' or 'html'")
    if "\x00" in content:
        raise HTTPException(422, "the text holds NUL characters: not text or HTML")
    document = Document("request", content, body.published, body.url, body.title, body.outlet)
    return request.app.state.analysis.analyse(document, web_settings(request))


@router.get("/articles")
def articles(request: Request, page: int = Query(1, ge=1, le=100_000), per_page: int = Query(20, ge=1, le=100),
             outlet: Optional[str] = None) -> dict:
    """Articles, newest first; each item carries the ``id`` of its page ``/articles/{id}``."""
    return query.list_articles(_store(request), page, per_page, outlet)


@router.get("/articles/{article_id}")
def article(request: Request, article_id: int = Path(..., ge=1, le=MAX_ID)) -> dict:
    found = query.get_article(_store(request), article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return {"id": found["id"], "version": found["version"], **found["analysis"]}


@router.post("/articles", dependencies=[Depends(require_writer)], status_code=201)
def add_article(request: Request, body: ArticleIn) -> dict:
    """Analyse an article and store it (an article already stored is reported as a duplicate)."""
    result = _analyse(request, body)
    added = _store(request).add(result, body.url or "api")
    link_added(_store(request), added, result, request.app.state.settings)
    link_claims_added(_store(request), added, result, request.app.state.settings)
    return {"id": added.article_id, "status": added.status, "version": added.version}


@router.delete("/articles/{article_id}", dependencies=[Depends(require_writer)])
def remove_article(request: Request, article_id: int = Path(..., ge=1, le=MAX_ID)) -> dict:
    if not delete_article(_store(request), article_id):
        raise HTTPException(404, f"no article {article_id}")
    return {"deleted": article_id}


@router.post("/analyse")
def analyse(request: Request, body: AnalyseIn,
            credentials: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> dict:
    """Analyse without storing; with ``store: true`` (and the token) the result is stored too."""
    if body.store:
        require_writer(request, credentials)
    result = _analyse(request, body)
    out = result.to_dict()
    if body.store:
        added = _store(request).add(result, body.url or "api")
        link_added(_store(request), added, result, request.app.state.settings)
        link_claims_added(_store(request), added, result, request.app.state.settings)
        out["stored"] = added.article_id
    return out


@router.get("/attributions")
def attributions(request: Request, q: str = "", speaker: Optional[str] = None, outlet: Optional[str] = None,
                 since: Optional[str] = None, until: Optional[str] = None,
                 kind: Optional[Literal["direct", "indirect", "mixed"]] = None,
                 page: int = Query(1, ge=1, le=100_000), per_page: int = Query(20, ge=1, le=100),
                 all_types: bool = Query(False, description="Beliefs, intentions, questions and topics too.")
                 ) -> dict:
    """Statements with their speaker, newest first; ``q`` searches their content. Claims only, unless
    ``all_types``."""
    items = query.search(_store(request), q, speaker, outlet, since, until, kind, per_page, (page - 1) * per_page,
                         all_types=all_types)
    return {"items": items, "page": page, "per_page": per_page}


@router.get("/search")
def search(request: Request, q: str = "", speaker: Optional[str] = None, outlet: Optional[str] = None,
           since: Optional[str] = None, until: Optional[str] = None,
           kind: Optional[Literal["direct", "indirect", "mixed"]] = None,
           voice: Optional[Literal["reported", "attributed", "opinion"]] = None,
           limit: int = Query(20, ge=1, le=100),
           all_types: bool = Query(False, description="Beliefs, intentions, questions and topics too.")) -> dict:
    """Statements matching the words and filters (claims only, unless ``all_types``), and sentences (of one voice,
    if asked) containing the words."""
    return query.search_all(_store(request), q, speaker, outlet, since, until, kind, voice, limit,
                            all_types=all_types)


@router.get("/speakers")
def speakers(request: Request, outlet: Optional[str] = None, limit: int = Query(50, ge=1, le=500)) -> dict:
    return {"items": query.speakers(_store(request), outlet, limit)}


@router.get("/people")
def people(request: Request, search: Optional[str] = None, limit: int = Query(50, ge=1, le=500)) -> dict:
    """Identities across articles, most written about first; ``search`` matches any of their names."""
    return {"items": query.people(_store(request), search, limit)}


@router.get("/people/{person_id}")
def person(request: Request, person_id: int = Path(..., ge=1, le=MAX_ID)) -> dict:
    """One identity: names with counts, roles over time, statements by date and outlet."""
    found = query.person(_store(request), person_id)
    if found is None:
        raise HTTPException(404, f"no person {person_id}")
    return found


@router.get("/entities")
def entities(request: Request, name: str) -> dict:
    """What the store knows of one person or body: statements and roles over time."""
    return query.speaker_statements(_store(request), name)


@router.get("/quantities")
def quantities(request: Request, counts: Optional[str] = None) -> dict:
    """Without ``counts``: what figures count, most frequent first. With it: every figure about that thing."""
    store = _store(request)
    if not counts:
        return {"items": query.counted_nouns(store)}
    return {"counts": counts, "items": query.figures(store, counts)}


@router.get("/claims")
def claims(request: Request, q: str = "", speaker: Optional[str] = None, since: Optional[str] = None,
           until: Optional[str] = None, min_articles: int = Query(2, ge=1, le=10_000),
           limit: int = Query(50, ge=1, le=500)) -> dict:
    """Claims reported across articles, those with the most independent origins first."""
    return {"items": list_claims(_store(request), q, speaker, since, until, min_articles, limit)}


@router.get("/claims/{claim_id}")
def claim(request: Request, claim_id: int = Path(..., ge=1, le=MAX_ID)) -> dict:
    """One claim: statements by outlet and date with their stance, origins, supporters and deniers, figures."""
    found = get_claim(_store(request), claim_id)
    if found is None:
        raise HTTPException(404, f"no claim {claim_id}")
    return found
