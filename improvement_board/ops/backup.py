"""Backup and restore: the database and the media files, with a manifest to check a restore by.

A backup is a directory holding

- ``database.dump``: ``pg_dump --format=custom`` of the database (PostgreSQL), or a copy of the
  SQLite file made with SQLite's online backup (SQLite);
- ``media.tar.gz``: every file under ``MEDIA_ROOT`` (evidence, board reports);
- ``manifest.json``: when and from what it was made, the SHA-256 of both files, and for every
  table its row count and a checksum of a sample of its rows (the first ``SAMPLE_ROWS`` by
  primary key).

``restore`` checks the files against their checksums, loads the dump into the configured
database (which must be empty unless ``--force``), unpacks the media into ``MEDIA_ROOT``, and
then checks every table's count and sample against the manifest.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection

SAMPLE_ROWS = 5
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media.tar.gz"


class BackupError(Exception):
    pass


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _vendor() -> str:
    return connection.vendor  # "postgresql" or "sqlite"


def _pg_env() -> tuple[list[str], dict]:
    """Connection arguments for pg_dump/pg_restore from the Django settings (password in the
    environment, not on the command line)."""
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def tables() -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(n for n in names if not n.startswith("sqlite_"))


def _pk_columns(cursor, table: str) -> list[str]:
    constraints = connection.introspection.get_constraints(cursor, table)
    for info in constraints.values():
        if info.get("primary_key"):
            return list(info["columns"])
    return []


def table_facts(sample_rows: int = SAMPLE_ROWS) -> dict[str, dict]:
    """Every table's row count and a checksum of its first rows by primary key."""
    facts = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            count = cursor.fetchone()[0]
            order = ", ".join(quote(c) for c in _pk_columns(cursor, table)) or "1"
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {order} LIMIT {int(sample_rows)}")
            rows = [[_plain(v) for v in row] for row in cursor.fetchall()]
            facts[table] = {
                "rows": count,
                "sample": hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest(),
                "sampled": len(rows),
            }
    return facts


def _plain(value):
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, float):
        return repr(value)
    return value if value is None or isinstance(value, (int, bool)) else str(value)


def backup(output: Path) -> dict:
    """Write a backup of the database and MEDIA_ROOT into ``output`` (created; must be empty)."""
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    if any(output.iterdir()):
        raise BackupError(f"{output} is not empty")
    dump = output / DUMP
    vendor = _vendor()
    facts = table_facts()  # before the dump: a running site may add rows meanwhile (see README)
    if vendor == "postgresql":
        args, env = _pg_env()
        result = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump), *args],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    elif vendor == "sqlite":
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        target = sqlite3.connect(dump)
        with target:
            source.backup(target)
        source.close()
        target.close()
    else:
        raise BackupError(f"Backups of {vendor} databases are not supported")
    media_root = Path(settings.MEDIA_ROOT)
    media_files = 0
    with tarfile.open(output / MEDIA, "w:gz") as tar:
        if media_root.exists():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and "health_check_storage_test" not in path.parts:
                    tar.add(path, arcname=str(path.relative_to(media_root)))
                    media_files += 1
    manifest = {
        "format": 1,
        "made_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "database_vendor": vendor,
        "files": {DUMP: sha256(dump), MEDIA: sha256(output / MEDIA)},
        "media_files": media_files,
        "sample_rows": SAMPLE_ROWS,
        "tables": facts,
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def read_manifest(source: Path) -> dict:
    source = Path(source)
    manifest = json.loads((source / MANIFEST).read_text())
    for name, digest in manifest["files"].items():
        if sha256(source / name) != digest:
            raise BackupError(f"{name} does not match its checksum in the manifest: the backup is damaged")
    return manifest


def restore(source: Path, *, force: bool = False) -> dict:
    """Restore a backup into the configured (empty) database and MEDIA_ROOT, then verify it.
    Returns the verification (see ``verify``)."""
    source = Path(source)
    manifest = read_manifest(source)
    vendor = _vendor()
    if manifest["database_vendor"] != vendor:
        raise BackupError(f"The backup is of a {manifest['database_vendor']} database, this is {vendor}")
    existing = tables()
    if existing and not force:
        raise BackupError(
            f"The database is not empty ({len(existing)} tables); restore into an empty one, "
            "or pass --force to replace what is there"
        )
    if vendor == "postgresql":
        connection.close()
        args, env = _pg_env()
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args, str(source / DUMP)]
        if force and existing:
            command[1:1] = ["--clean", "--if-exists"]
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    else:
        connection.close()
        shutil.copyfile(source / DUMP, settings.DATABASES["default"]["NAME"])
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA, "r:gz") as tar:
        tar.extractall(media_root, filter="data")
    return verify(manifest)


def verify(manifest: dict) -> dict:
    """Compare the database's tables with the manifest: counts and samples. Raises on any
    difference; returns the tables and rows checked."""
    found = table_facts(manifest.get("sample_rows", SAMPLE_ROWS))
    problems = []
    for table, expected in manifest["tables"].items():
        got = found.get(table)
        if got is None:
            problems.append(f"{table}: missing")
        elif got["rows"] != expected["rows"]:
            problems.append(f"{table}: {got['rows']} rows, the backup had {expected['rows']}")
        elif got["sample"] != expected["sample"]:
            problems.append(f"{table}: the sample of rows differs")
    if problems:
        raise BackupError("The restored database does not match the backup: " + "; ".join(problems))
    return {
        "tables": len(manifest["tables"]),
        "rows": sum(t["rows"] for t in manifest["tables"].values()),
        "sampled_rows": sum(t["sampled"] for t in manifest["tables"].values()),
        "media_files": manifest["media_files"],
    }
