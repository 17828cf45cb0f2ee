"""No row lost (issue 11, item 9): a database built by the code as it was before the revision-to-
meeting link moved to the boards side, filled by ``load_demo_data`` and ``import_national_data``,
migrated forward by today's code, keeps every row of every table, value for value.

The old code is the commit before the one that added ``improvement_board/migrations/0004_meetingrevision.py``,
taken from git (``git archive``) into a scratch folder; both run against one scratch SQLite file.
A column that a migration drops on purpose is left out of its table's checksum, and the rows that
moved (``DueDateRevision.meeting`` to ``MeetingRevision``) are compared old against new.
"""

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MOVE = "improvement_board/migrations/0004_meetingrevision.py"
# Columns dropped on purpose, with where their values went (checked below).
DROPPED = {
    "actions_duedaterevision": {"meeting_id"},  # to improvement_board_meetingrevision
    "actions_historicalduedaterevision": {"meeting_id"},  # history of the link: not kept
}
# Columns a migration rewrites on purpose, with the mapping it applies (checked below).
REWRITTEN = {
    "improvement_board_user": {"role": {"administrator": "service_administrator"}},  # issue 12's roles
}
NEW_TABLES_CHECKED = {"improvement_board_meetingrevision"}
# Django's own lists of models and permissions gain the new model's rows; the old rows stay.
GROWS = {"auth_permission", "django_content_type"}


def _git(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=True).stdout


def _old_tree(tmp_path: Path) -> Path:
    added = _git("log", "--diff-filter=A", "--format=%H", "-1", "--", MOVE).decode().strip()
    assert added, f"git does not know when {MOVE} was added: this test needs the repository's history"
    old = tmp_path / "old"
    old.mkdir()
    with tarfile.open(fileobj=io.BytesIO(_git("archive", f"{added}^")), mode="r:") as archive:
        archive.extractall(old, filter="data")
    assert not (old / MOVE).exists()
    return old


def _manage(tree: Path, db: Path, tmp_path: Path, *args: str) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "improvement_board.settings",
        "SECRET_KEY": "row-preservation-test",
        "DEBUG": "",
        "DATABASE_URL": f"sqlite:///{db}",
        "VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PYTHONPATH": str(tree),
    }
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=tree, env=env, capture_output=True, text=True)
    assert result.returncode == 0, (
        f"manage.py {' '.join(args)} in {tree}:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    )


def _snapshot(db: Path) -> dict[str, dict]:
    """Every table: its columns, row count, and a checksum of its rows per column."""
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        found = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            found[table] = {"columns": columns, "count": conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]}
        return found


def _checksum(db: Path, table: str, columns: list[str], up_to_id: int | None = None) -> str:
    quoted = ", ".join(f'"{c}"' for c in sorted(columns))
    where = f"WHERE id <= {int(up_to_id)}" if up_to_id is not None else ""
    digest = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        for row in conn.execute(f'SELECT {quoted} FROM "{table}" {where} ORDER BY {quoted}'):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _rows(db: Path, sql: str) -> set[tuple]:
    with sqlite3.connect(db) as conn:
        return set(conn.execute(sql))


def _not_summed(table: str) -> set[str]:
    return DROPPED.get(table, set()) | set(REWRITTEN.get(table, {}))


@pytest.mark.long
def test_migrating_the_demo_and_national_data_forward_keeps_every_row(tmp_path):
    old = _old_tree(tmp_path)
    db = tmp_path / "rows.sqlite3"
    _manage(old, db, tmp_path, "migrate", "--noinput", "-v", "0")
    _manage(old, db, tmp_path, "load_demo_data", "-v", "0")
    _manage(old, db, tmp_path, "import_national_data", "--no-progress", "-v", "0")

    before = _snapshot(db)
    sums = {
        t: _checksum(db, t, [c for c in info["columns"] if c not in _not_summed(t)])
        for t, info in before.items()
        if t != "django_migrations"
    }
    rewritten = {
        (t, c): _rows(db, f'SELECT id, "{c}" FROM "{t}" ORDER BY id') for t, cols in REWRITTEN.items() for c in cols
    }
    last_ids = {t: max([r[0] for r in _rows(db, f'SELECT id FROM "{t}"')] or [0]) for t in GROWS}
    links = _rows(db, "SELECT id, meeting_id FROM actions_duedaterevision WHERE meeting_id IS NOT NULL")
    assert len(links) >= 5, "the demo has revised dates decided in meetings"
    assert sum(info["count"] for info in before.values()) > 10_000  # national data loaded

    _manage(ROOT, db, tmp_path, "migrate", "--noinput", "-v", "0")

    after = _snapshot(db)
    for table, info in before.items():
        if table == "django_migrations":
            continue
        assert table in after, f"{table} is gone"
        kept = [c for c in info["columns"] if c not in _not_summed(table)]
        missing = set(kept) - set(after[table]["columns"])
        assert not missing, f"{table} lost columns {missing}"
        if table in GROWS:
            assert after[table]["count"] >= info["count"], f"{table} lost rows"
            assert _checksum(db, table, kept, last_ids[table]) == sums[table], f"{table}: values changed"
            continue
        assert after[table]["count"] == info["count"], (
            f"{table}: {info['count']} rows before, {after[table]['count']} after"
        )
        assert _checksum(db, table, kept) == sums[table], f"{table}: values changed"
    for (table, column), rows in rewritten.items():
        mapping = REWRITTEN[table][column]
        expected = {(pk, mapping.get(value, value)) for pk, value in rows}
        assert _rows(db, f'SELECT id, "{column}" FROM "{table}" ORDER BY id') == expected, f"{table}.{column}"
    for table, dropped in DROPPED.items():
        assert not dropped & set(after[table]["columns"]), f"{table} still has {dropped}"

    assert _rows(db, "SELECT revision_id, meeting_id FROM improvement_board_meetingrevision") == links
    assert NEW_TABLES_CHECKED <= set(after) - set(before)
