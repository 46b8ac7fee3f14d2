"""The house shows the pipeline: build_scripts/ is grouped by stage, and no module imports a later stage. Data
flows one way: load -> annotate -> cite -> render -> outputs -> build (prepare) -> finish -> renderer ->
commands, over a base of small modules every stage may use."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "build_scripts"
# Each module's stage, earliest first. A module may import its own stage and any earlier one.
ORDER = ["base", "load.schema", "model", "load", "annotate", "cite", "render", "outputs", "build", "finish",
         "renderer", "commands"]
BASE = {"errors", "escape", "paths", "web", "prose", "cache"}


def stage(module: str) -> str:
    parts = module.split(".")
    if parts[0] in BASE:
        return "base"
    if parts[:2] == ["load", "schema"]:
        return "load.schema"
    return parts[0]


def _is_module(package: str, name: str) -> bool:
    where = PACKAGE.joinpath(*package.split(".")) if package else PACKAGE
    return (where / f"{name}.py").is_file() or (where / name / "__init__.py").is_file()


def imports(path: Path) -> set[str]:
    """The build_scripts modules a file imports (relative imports resolved)."""
    here = path.relative_to(PACKAGE).with_suffix("").parts
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[:-node.level]) if node.level <= len(here) else []
                name = ".".join(base + ([node.module] if node.module else []))
                targets = [".".join(x for x in (name, a.name) if x) if not node.module or _is_module(name, a.name)
                           else name for a in node.names]
            elif node.module and node.module.startswith("build_scripts"):
                targets = [node.module.removeprefix("build_scripts").lstrip(".")]
            else:
                continue
            out.update(t for t in targets if t)
    return out


def test_every_stage_is_a_package_with_a_docstring_saying_what_goes_in_and_out():
    for name in ("load", "annotate", "cite", "render", "outputs", "finish", "renderer", "commands"):
        init = PACKAGE / name / "__init__.py"
        assert init.is_file(), name
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 60, name


def test_no_module_imports_a_later_stage():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        me = ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        if me == "__init__":
            continue
        mine = ORDER.index(stage(me))
        for target in imports(path):
            if ORDER.index(stage(target)) > mine:
                wrong.append(f"{me} imports {target}")
    assert not wrong, wrong


def test_the_order_is_not_empty_at_any_stage():
    modules = {".".join(p.relative_to(PACKAGE).with_suffix("").parts) for p in PACKAGE.rglob("*.py")} - {"__init__"}
    for s in ORDER:
        assert any(stage(m) == s for m in modules), s
