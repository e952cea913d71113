"""The shape of the code, as docs/architecture.md draws it: floors that import only downwards, no import circles,
no private name crossing a file, small files, and every exception class in errors.py."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import claimgraph
import claimgraph.errors

SRC = Path(claimgraph.__file__).resolve().parent
MAX_LINES = 450

# Lowest first. A module may import its own package's modules on its floor, and anything on a lower floor.
FLOORS = [
    ("errors", ["claimgraph.errors"]),
    ("settings and boundary types", ["claimgraph.settings", "claimgraph.model"]),
    ("plain text", ["claimgraph.text"]),
    ("reading, parsing, storing", ["claimgraph.ingest", "claimgraph.nlp", "claimgraph.store"]),
    ("one article", ["claimgraph.analysis"]),
    ("people across articles", ["claimgraph.people"]),
    ("claims across articles", ["claimgraph.claims"]),
    ("many articles, outputs, measuring", ["claimgraph.corpus", "claimgraph.export", "claimgraph.eval",
                                           "claimgraph.report"]),
    ("training", ["claimgraph.training"]),
    ("web", ["claimgraph.web"]),
    ("command line", ["claimgraph.cli"]),
    ("package", ["claimgraph", "claimgraph.__main__"]),
]


def _modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _imports(name: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(imported claimgraph module, names taken from it, line) for every import in the file, inside functions
    too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names if a.name.split(".")[0] == "claimgraph"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(name, path).split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "claimgraph":
                continue
            names = [a.name for a in node.names]
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            found += [(m, [], node.lineno) for m in submodules]
            if not submodules or len(submodules) < len(names):
                found.append((target, [n for n in names if f"{target}.{n}" not in MODULES], node.lineno))
    return found


def _floor(module: str) -> tuple[int, str]:
    best = None
    for level, (_, prefixes) in enumerate(FLOORS):
        for prefix in prefixes:
            within = module == prefix or (prefix != "claimgraph" and module.startswith(prefix + "."))
            if within and (best is None or len(prefix) > len(best[1])):
                best = (level, prefix)
    assert best is not None, f"{module} is on no floor: add it to FLOORS and to docs/architecture.md"
    return best


def _graph() -> dict[str, set[str]]:
    return {name: {m for m, _, _ in _imports(name, path) if m in MODULES and m != name}
            for name, path in MODULES.items()}


def _upward() -> list[str]:
    """Every import of a module on a higher floor, or of another package on the same floor."""
    found = []
    for name, path in MODULES.items():
        level, home = _floor(name)
        for target, _, line in _imports(name, path):
            if target not in MODULES:
                continue
            t_level, t_home = _floor(target)
            if t_level > level or (t_level == level and t_home != home):
                found.append(f"{path.name}:{line} imports {target} ({FLOORS[t_level][0]}, from {FLOORS[level][0]})")
    return found


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return circles


def test_every_module_sits_on_a_floor_and_imports_only_downwards():
    upward = _upward()
    assert not upward, "\n".join(upward)


def test_no_import_circles():
    circles = _circles(_graph())
    assert not circles, circles


def test_the_checker_sees_a_circle_and_an_upward_import(tmp_path, monkeypatch):
    """The two tests above would pass on nothing: show they catch what they are for."""
    fake = {"claimgraph.model": tmp_path / "model.py", "claimgraph.settings": tmp_path / "settings.py",
            "claimgraph.cli": tmp_path / "cli.py"}
    fake["claimgraph.model"].write_text("from .settings import Settings\nfrom .cli import app\n")
    fake["claimgraph.settings"].write_text("def f():\n    from .model import Span\n")
    fake["claimgraph.cli"].write_text("")
    monkeypatch.setattr(f"{__name__}.MODULES", fake)
    assert _circles(_graph()) == [["claimgraph.model", "claimgraph.settings"]]
    assert sorted(u.split(" (")[0] for u in _upward()) == [  # upwards, and sideways between packages of a floor
        "model.py:1 imports claimgraph.settings", "model.py:2 imports claimgraph.cli",
        "settings.py:2 imports claimgraph.model"]


def test_no_private_name_crosses_a_file():
    crossing = [f"{path.relative_to(SRC.parent)}:{line} takes {n} from {target}"
                for name, path in MODULES.items() for target, names, line in _imports(name, path)
                for n in names if n.startswith("_") and not n.startswith("__")]
    assert not crossing, "\n".join(crossing)


def test_no_source_file_is_over_450_lines():
    long = {str(p.relative_to(SRC.parent)): n for p in SRC.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_every_exception_class_lives_in_errors_and_is_exported():
    elsewhere = []
    for name, path in MODULES.items():
        if name == "claimgraph.errors":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(b, ast.Name) and (b.id.endswith(("Error", "Exception")) or b.id in
                                                 {"UnsafeBinding", "MissingExtra"}) for b in node.bases):
                elsewhere.append(f"{path.relative_to(SRC.parent)}: class {node.name}")
    assert not elsewhere, elsewhere
    classes = {n for n, c in inspect.getmembers(claimgraph.errors, inspect.isclass)
               if issubclass(c, BaseException) and c.__module__ == "claimgraph.errors"}
    assert classes == set(claimgraph.errors.__all__)
    assert classes <= set(claimgraph.__all__)


def test_the_spacy_stages_declare_what_they_need_and_assign():
    from claimgraph import Settings
    from claimgraph.nlp.pipeline import load_pipeline

    nlp = load_pipeline(Settings(attribution="rules"))
    report = nlp.analyze_pipes()
    assert report["problems"] == {name: [] for name in nlp.pipe_names}
    assigns = {name: set(a["assigns"]) for name, a in report["summary"].items()}
    assert "doc._.cg_attributions" in assigns["claimgraph_attributions"]
    assert "doc._.cg_hedges" in assigns["claimgraph_hedges"] and "doc._.cg_hedges" not in \
        assigns["claimgraph_attributions"]
    assert report["summary"]["claimgraph_voice"]["requires"] == ["doc.sents", "doc._.cg_attributions",
                                                                 "doc._.cg_hedges"]
