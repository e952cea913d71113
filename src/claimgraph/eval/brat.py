"""Writer for brat standoff in PolNeAR's scheme, so annotators can correct claimgraph's output in brat or INCEpTION.

Each attribution becomes Source / Cue / Content text-bound annotations (discontinuous contents as ``s e;s e``), an
``Attribution`` trigger on the cue, and an event joining them (``Attribution-no-source`` when there is no source).
:func:`claimgraph.eval.polnear.parse_ann` reads the result back.
"""

from __future__ import annotations

from ..model import Analysis, Span


def to_brat(analysis: Analysis) -> str:
    lines: list[str] = []
    n = 0

    def add(label: str, spans: tuple[Span, ...]) -> str:
        nonlocal n
        n += 1
        offsets = ";".join(f"{s.start} {s.end}" for s in spans)
        text = " ".join(s.text.replace("\n", " ") for s in spans)
        lines.append(f"T{n}\t{label} {offsets}\t{text}")
        return f"T{n}"

    for e, att in enumerate(analysis.attributions, start=1):
        args = []
        if att.source is not None:
            args.append(f"Source:{add('Source', (att.source,))}")
        trigger_span = att.cue or att.content
        if att.cue is not None:
            args.append(f"Cue:{add('Cue', (att.cue,))}")
        args.append(f"Content:{add('Content', att.content_parts or (att.content,))}")
        trigger = add("Attribution", (trigger_span,))
        kind = "Attribution" if att.source is not None else "Attribution-no-source"
        lines.append(f"E{e}\t{kind}:{trigger} " + " ".join(args))
    return "\n".join(lines) + ("\n" if lines else "")


BRAT_CONF = """[entities]
Source
Cue
Content
Discard
Discuss

[relations]

[events]
Attribution\tSource:Source, Cue:Cue, Content:Content
Attribution-no-source\tCue:Cue, Content:Content

[attributes]
"""
