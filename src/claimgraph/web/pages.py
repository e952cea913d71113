"""Server-rendered pages: article, speaker, outlet, figures, claims, search, analyse. All text is escaped by the
templates; no markup from an article is ever rendered."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from ..model import Analysis, Document
from ..claims.link import link_claims_added
from ..claims.view import article_claims, get_claim, list_claims
from ..people.link import link_added
from ..store import queries as query
from .access import MAX_ID, check_writer, web_settings, writes_enabled

router = APIRouter(include_in_schema=False)


def _page(request: Request, name: str, context: dict, status: int = 200, headers: dict | None = None
          ) -> HTMLResponse:
    context = {"writes": writes_enabled(request), "q": "", **context}
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status, headers=headers)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, page: int = Query(1, ge=1, le=100_000)):
    store = request.app.state.store
    listing = query.list_articles(store, page, 30)
    return _page(request, "index.html", {"listing": listing, "speakers": query.speakers(store, limit=15),
                                         "outlets": query.outlets(store)})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: int = Path(..., ge=1, le=MAX_ID), all_types: str = ""):
    found = query.get_article(request.app.state.store, article_id)
    if found is None:
        raise HTTPException(404, f"There is no article {article_id}.")
    analysis = Analysis.from_dict(found["analysis"])
    store = request.app.state.store
    return _page(request, "article.html", {"article_id": article_id, **reading(analysis, bool(all_types)),
                                           "person_of": query.article_people(store, article_id),
                                           "claim_of": {analysis.attributions[i].id: c for i, c in
                                                        article_claims(store, article_id).items()
                                                        if i < len(analysis.attributions)}})


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, q: str = "", speaker: str = "", since: str = "", until: str = ""):
    found = list_claims(request.app.state.store, q or None, speaker or None, since or None, until or None,
                        limit=100)
    return _page(request, "claims.html", {"claims": found, "q": q, "speaker": speaker})


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: int = Path(..., ge=1, le=MAX_ID)):
    found = get_claim(request.app.state.store, claim_id)
    if found is None:
        raise HTTPException(404, f"There is no claim {claim_id}.")
    return _page(request, "claim.html", {"claim": found, "drift_chart": drift_chart(found)})


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person(request: Request, person_id: int = Path(..., ge=1, le=MAX_ID)):
    data = query.person(request.app.state.store, person_id)
    if data is None:
        raise HTTPException(404, f"There is no person {person_id}.")
    return _page(request, "person.html", data)


@router.get("/speakers/{name:path}", response_class=HTMLResponse)
def speaker(request: Request, name: str):
    """A name written in an article: the identity's page when one identity was written so, else the name's
    statements."""
    ids = query.people_named(request.app.state.store, name)
    if len(ids) == 1:
        return RedirectResponse(f"/people/{ids[0]}", status_code=307)
    data = query.speaker_statements(request.app.state.store, name)
    if not data["statements"] and not data["roles"]:
        raise HTTPException(404, f"Nobody called {name!r} is quoted in the store.")
    return _page(request, "speaker.html", data)


@router.get("/outlets/{name:path}", response_class=HTMLResponse)
def outlet(request: Request, name: str):
    data = query.outlet_summary(request.app.state.store, name)
    if not data["articles"]:
        raise HTTPException(404, f"No articles from {name!r} are in the store.")
    return _page(request, "outlet.html", data)


@router.get("/figures", response_class=HTMLResponse)
def figures(request: Request, counts: Optional[str] = None):
    store = request.app.state.store
    if not counts:
        return _page(request, "figures.html", {"nouns": query.counted_nouns(store), "counts": None})
    rows = query.figures(store, counts)
    return _page(request, "figures.html", {"counts": counts, "rows": rows, "chart": chart(rows)})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "", speaker: str = "", outlet: str = "", since: str = "", until: str = "",
           kind: str = "", voice: str = "", all_types: str = ""):
    store = request.app.state.store
    filters = {"speaker": speaker, "outlet": outlet, "since": since, "until": until, "kind": kind, "voice": voice,
               "all_types": all_types}
    searched = bool(q or any(filters.values()))
    found = query.search_all(store, q, *(filters[k] or None for k in ("speaker", "outlet", "since", "until", "kind",
                                                                    "voice")), 50, all_types=bool(all_types)) \
        if searched \
        else {"statements": [], "sentences": []}
    return _page(request, "search.html", {"q": q, "filters": filters, **found, "searched": searched})


@router.get("/analyse", response_class=HTMLResponse)
def analyse_form(request: Request):
    return _page(request, "analyse.html", {})


@router.post("/analyse", response_class=HTMLResponse)
def analyse(request: Request, text: str = Form(""), published: str = Form(""), store: str = Form(""),
            token: str = Form(""), upload: Optional[UploadFile] = File(None)):
    """A plain function, so FastAPI runs it in a thread while the analysis runs in a worker process."""
    data: bytes | str = text
    name = "pasted text"
    if upload is not None and upload.filename:
        data, name = upload.file.read(), upload.filename
    if not data or (isinstance(data, str) and not data.strip()):
        return _page(request, "analyse.html", {"error": "Paste an article or choose a file."}, 422)
    if store:
        check_writer(request, token)  # before the work, not after it
    try:
        result = request.app.state.analysis.analyse(Document(name, data, published or None), web_settings(request))
    except HTTPException as exc:
        return _page(request, "analyse.html", {"error": f"{name}: {exc.detail}"}, exc.status_code,
                     headers=exc.headers)
    stored = None
    if store:
        added = request.app.state.store.add(result, name)
        link_added(request.app.state.store, added, result, request.app.state.settings)
        link_claims_added(request.app.state.store, added, result, request.app.state.settings)
        stored = added.article_id
    return _page(request, "article.html", {"article_id": stored, "analysed": True, **reading(result)})


# --- turning an analysis into marked-up text -----------------------------------------------------------------------

@dataclass
class Segment:
    text: str
    classes: str
    att: str | None


def reading(analysis: Analysis, all_types: bool = False) -> dict:
    """The article as segments with their marks, plus the statements, opinion sentences and figures. Statements
    are the claims; ``all_types`` adds the beliefs, intentions, questions and topics attributed."""
    text = analysis.text
    shown = [a for a in analysis.attributions if all_types or a.type == "claim"]
    marks: list[tuple[int, int, str, str | None]] = []
    for att in shown:
        if att.source:
            marks.append((att.source.start, att.source.end, "src", att.id))
        if att.cue:
            marks.append((att.cue.start, att.cue.end, "cue", att.id))
        for part in att.parts:
            marks.append((part.start, part.end, "cnt", att.id))
    for s in analysis.sentences:
        if s.voice == "opinion":
            marks.append((s.start, s.end, "opinion", None))
        if s.role in {"boilerplate", "caption"}:
            marks.append((s.start, s.end, s.role, None))
        for h in s.hedges:
            marks.append((h.start, h.end, "hedge" if h.type == "hedge" else "booster", None))
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in marks if m[0] <= a and b <= m[1]]
        classes = " ".join(sorted({m[2] for m in active}))
        att = next((m[3] for m in active if m[3]), None)
        segments.append(Segment(text[a:b], classes, att))
    statements = []
    for att in shown:
        statements.append({"att": att, "speaker": att.speaker,
                           "quantities": [q for q in analysis.quantities if att.carries(q)],
                           "times": [t for t in analysis.times if att.carries(t)],
                           "content": att.content_text})
    opinions = [(text[s.start:s.end], s.framing) for s in analysis.sentences if s.voice == "opinion"]
    voices = [s.voice for s in analysis.sentences if s.voice]
    url = analysis.article.url or ""
    return {"analysis": analysis, "segments": segments, "statements": statements, "opinions": opinions,
            "all_types": all_types, "other_types": len(analysis.attributions) - len(shown),
            "source_url": url if url.lower().startswith(("http://", "https://")) else None,
            "voices": {v: voices.count(v) for v in ("reported", "attributed", "opinion")},
            "people": [e for e in analysis.entities if e.roles]}


def chart(rows: list[dict], width: int = 720, height: int = 260) -> dict | None:
    """Points of an SVG scatter chart: figures (log scale) against publication date."""
    units = [r["unit"] for r in rows if r["value"]]
    common = max(set(units), key=units.count) if units else None  # never plot percentages among head counts
    points = [r for r in rows if r["value"] and r["value"] > 0 and r["published"] and r["unit"] == common]
    if len(points) < 2:
        return None
    dates = sorted({r["published"] for r in points})
    logs = [math.log10(r["value"]) for r in points]
    lo, hi = math.floor(min(logs)), math.ceil(max(logs)) or 1
    if hi == lo:
        hi = lo + 1
    pad = 40
    x_of = {d: pad + (width - 2 * pad) * (i / max(len(dates) - 1, 1)) for i, d in enumerate(dates)}
    dots = [{"x": round(x_of[r["published"]], 1),
             "y": round(height - pad - (height - 2 * pad) * (math.log10(r["value"]) - lo) / (hi - lo), 1),
             "label": f"{r['text']} — {r['speaker'] or r['outlet'] or ''} ({r['published']})",
             "href": f"/articles/{r['article_id']}"} for r in points]
    ticks = [{"y": round(height - pad - (height - 2 * pad) * (k - lo) / (hi - lo), 1), "label": f"{10 ** k:,.0f}"}
             for k in range(lo, hi + 1)]
    return {"width": width, "height": height, "dots": dots, "ticks": ticks, "first": dates[0], "last": dates[-1],
            "pad": pad}


def drift_chart(claim: dict) -> dict | None:
    """The claim's figures against publication date, one dot per statement that carries one."""
    by_id = {st["id"]: st for st in claim["statements"]}
    rows = [{"value": q["value"], "unit": q["unit"], "text": q["text"], "published": by_id[i]["published"],
             "speaker": by_id[i]["speaker"], "outlet": by_id[i]["outlet"], "article_id": by_id[i]["article_id"]}
            for q in claim["quantities"] for i in q["statements"] if i in by_id]
    return chart(rows) if claim["drift"] else None
