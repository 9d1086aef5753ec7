"""The house rules that keep the code readable, checked on every test run."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 600


def test_the_stages_import_one_way(monkeypatch, capsys):
    """pyproject.toml's import-linter contracts: base < extract < transform < quality < load < pipeline < front doors."""
    from importlinter.cli import lint_imports

    monkeypatch.chdir(ROOT)
    outcome = lint_imports(no_cache=True, no_logo=True)
    assert outcome == 0, capsys.readouterr().out


@pytest.mark.parametrize("path", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "etl").rglob("*.py")))
def test_no_module_is_too_long_to_hold_in_mind(path):
    lines = (ROOT / path).read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{path} has {lines} lines: split it by concern (docs/architecture.md)"


def test_every_package_is_installed():
    """pyproject.toml lists the packages (the suites are mapped in as etl.expectations): a new one must be added."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "etl").rglob("__init__.py")}
    rule_folders = {".".join(path.relative_to(ROOT).parts) for path in (ROOT / "etl").rglob("data") if path.is_dir()}
    assert found | rule_folders | {"etl.expectations"} == listed
