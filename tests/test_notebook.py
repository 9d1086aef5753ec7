"""notebooks/explore.ipynb runs top to bottom on a warehouse built from the seed, answers its questions and plots."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from etl.cli import main
from tests.conftest import SEEDS
from tests.load.snapshot import light_suites

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def outputs(cell) -> str:
    """The text a cell printed or displayed."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def test_the_notebook_runs_on_the_seed_warehouse(tmp_path, monkeypatch):
    warehouse = tmp_path / "warehouse"
    monkeypatch.setenv("ETL_EXPECTATIONS", str(light_suites(tmp_path / "suites")))
    assert main(["run", "--seeds", str(SEEDS), "--warehouse", str(warehouse)]) == 0
    monkeypatch.setenv("ETL_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(NOTEBOOK, as_version=4)

    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()

    text = "\n".join(outputs(cell) for cell in notebook.cells if cell.cell_type == "code")
    assert "Donald Trump" in text and "Zelensky" in text, "who is quoted"
    assert "ASSAULT" in text, "events by type"
    assert "pair(s) of figures about the same subject and unit disagree" in text
    images = [output for cell in notebook.cells for output in cell.get("outputs", []) if "image/png" in output.get("data", {})]
    assert len(images) >= 2, "the speakers and the events over time are plotted"


def test_jupyterlab_comes_with_the_notebook_extra():
    import subprocess
    import sys

    lab = Path(sys.executable).parent / "jupyter-lab"
    result = subprocess.run([str(lab), "--version"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and int(result.stdout.strip().split(".")[0]) >= 4, result.stderr[-2000:]
