"""The direction of imports (issue 11): improvement_board reads actions, actions reads
inspections, never the other way. import-linter checks it (``make lint``, CI); these tests run it
on the repository, and on a copy with one wrong-way import, which it must refuse."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("improvement_board", "actions", "inspections")


def _lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


def _copy(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_repository_keeps_the_layers():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_inspections_module_importing_the_boards_breaks_the_contract(tmp_path):
    root = _copy(tmp_path)
    views = root / "inspections" / "views.py"
    views.write_text(views.read_text() + "\n\ndef _wrong_way():\n    from improvement_board.boards import models\n")
    result = _lint(root)
    assert result.returncode == 1
    assert "inspections is not allowed to import improvement_board" in result.stdout
    assert "inspections.views -> improvement_board.boards.models" in result.stdout


def test_an_actions_module_importing_the_boards_breaks_the_contract(tmp_path):
    root = _copy(tmp_path)
    selectors = root / "actions" / "selectors.py"
    selectors.write_text(selectors.read_text() + "\n\nfrom improvement_board.models import Meeting  # noqa\n")
    result = _lint(root)
    assert result.returncode == 1
    assert "actions is not allowed to import improvement_board" in result.stdout
