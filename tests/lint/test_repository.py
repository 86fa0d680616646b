"""The command over a whole repository: every kind of file, what a walk skips, fixes in config files, many files."""

from __future__ import annotations

import json
from pathlib import Path

WEAK = "postgresql://app@db.example.com/app?sslmode=require"
FILES = {
    ".env": f"DATABASE_URL={WEAK}\n",
    ".env.example": "DATABASE_URL=postgresql://user:password@localhost:5432/app\n",
    "docker-compose.yml": "services:\n  web:\n    environment:\n      - PGSSLMODE=prefer\n",
    ".github/workflows/ci.yml": f"jobs:\n  test:\n    env:\n      DATABASE_URL: {WEAK}\n",
    "k8s/deployment.yaml": "env:\n  - name: PGSSLMODE\n    value: disable\n",
    "pyproject.toml": f'[tool.app]\ndatabase_url = "{WEAK}"\n',
    "alembic.ini": f"[alembic]\nsqlalchemy.url = {WEAK}\n",
    "tox.ini": "[testenv]\nsetenv =\n    PGSSLMODE = allow\n",
    "config/settings.json": f'{{"db": "{WEAK}"}}\n',
    "Dockerfile": "FROM python:3.12\nENV PGSSLMODE require\n",
    "scripts/backup.sh": f'pg_dump "{WEAK}" > backup.sql\n',
    "bin/migrate": f'#!/bin/sh\npsql "{WEAK}"\n',
    "Procfile": f"release: psql '{WEAK}' -f schema.sql\n",
    "pg_service.conf": "[prod]\nhost=db.example.com\ndbname=app\n",
    "app/db.py": f'DSN = "{WEAK}"\n',
    "README.md": f"Connect with `{WEAK}`.\n",
    "node_modules/pkg/.env": f"DATABASE_URL={WEAK}\n",
    ".venv/lib/settings.py": f'DSN = "{WEAK}"\n',
    "build/.env": f"DATABASE_URL={WEAK}\n",
    "vendor/env/pyvenv.cfg": "home = /usr/bin\n",
    "vendor/env/app.env": f"DATABASE_URL={WEAK}\n",
    "notes.txt": f"{WEAK}\n",
}


def make_repository(root: Path) -> None:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_every_kind_is_found_and_the_rest_is_skipped(tmp_path: Path, neon) -> None:
    make_repository(tmp_path)
    result = neon("--format", "json", ".")
    assert result.returncode == 1, result.stderr
    reported = {(report["path"].removeprefix("./"), report["code"]) for report in json.loads(result.stdout)}
    assert reported == {
        (".env", "NEO101"),
        ("docker-compose.yml", "NEO108"),
        (".github/workflows/ci.yml", "NEO101"),
        ("k8s/deployment.yaml", "NEO108"),
        ("pyproject.toml", "NEO101"),
        ("alembic.ini", "NEO101"),
        ("tox.ini", "NEO108"),
        ("config/settings.json", "NEO101"),
        ("Dockerfile", "NEO108"),
        ("scripts/backup.sh", "NEO101"),
        ("bin/migrate", "NEO101"),
        ("Procfile", "NEO101"),
        ("pg_service.conf", "NEO102"),
        ("app/db.py", "NEO101"),
    }
    docs = neon("--format", "json", "--docs", "true", "README.md")
    assert [report["code"] for report in json.loads(docs.stdout)] == ["NEO101"]


def test_json_and_sarif_positions_in_config_files(tmp_path: Path, neon) -> None:
    (tmp_path / "ci.yml").write_text(f"# CI\njobs:\n  test:\n    env:\n      DATABASE_URL: '{WEAK}'\n")
    (report,) = json.loads(neon("--format", "json", "ci.yml").stdout)
    assert (report["path"], report["line"], report["column"], report["fixable"]) == ("ci.yml", 5, 22, True)
    sarif = json.loads(neon("--format", "sarif", "ci.yml").stdout)
    (location,) = sarif["runs"][0]["results"][0]["locations"]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "ci.yml"
    assert location["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 22}


def test_fix_config_files_round_trip(tmp_path: Path, neon) -> None:
    make_repository(tmp_path)
    crlf = tmp_path / "deploy.env"
    crlf.write_bytes(b"# staging\r\nDATABASE_URL='" + WEAK.encode() + b"'  # noqa: NEO102\r\nPGSSLMODE=prefer\r\n")
    fixed = neon("--fix", ".")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert crlf.read_bytes() == (
        b"# staging\r\nDATABASE_URL='postgresql://app@db.example.com/app?sslmode=verify-full'  # noqa: NEO102\r\n"
        b"PGSSLMODE=verify-full\r\n"
    )
    service = (tmp_path / "pg_service.conf").read_text()
    assert service == "[prod]\nhost=db.example.com\ndbname=app\nsslmode=verify-full\n"
    assert (tmp_path / "k8s/deployment.yaml").read_text() == "env:\n  - name: PGSSLMODE\n    value: verify-full\n"
    assert (tmp_path / "node_modules/pkg/.env").read_text() == FILES["node_modules/pkg/.env"]
    snapshot = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    assert neon("--fix", ".").returncode == 0
    assert {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == snapshot


def test_diff_shows_config_fixes_and_changes_nothing(tmp_path: Path, neon) -> None:
    (tmp_path / ".env").write_text(f"DATABASE_URL={WEAK}\n")
    result = neon("--diff", ".env")
    assert "+DATABASE_URL=postgresql://app@db.example.com/app?sslmode=verify-full" in result.stdout
    assert (tmp_path / ".env").read_text() == f"DATABASE_URL={WEAK}\n"


def test_placeholders_are_reported_but_never_rewritten(tmp_path: Path, neon) -> None:
    text = "env:\n  DATABASE_URL: postgresql://${{ secrets.DB_USER }}@${{ secrets.DB_HOST }}/app?sslmode=require\n"
    (tmp_path / "ci.yml").write_text(text)
    result = neon("--fix", "ci.yml")
    assert result.returncode == 1 and "NEO101" in result.stdout
    assert (tmp_path / "ci.yml").read_text() == text


def test_exclude_and_ignore_apply_to_config_files(tmp_path: Path, neon) -> None:
    make_repository(tmp_path)
    result = neon("--format", "json", "--exclude", "k8s,*.json,.github", "--ignore", "NEO108", ".")
    paths = {report["path"].removeprefix("./") for report in json.loads(result.stdout)}
    assert not paths & {"k8s/deployment.yaml", "config/settings.json", ".github/workflows/ci.yml", "Dockerfile"}
    assert ".env" in paths


def test_a_named_file_of_unknown_kind_is_skipped_quietly(tmp_path: Path, neon) -> None:
    (tmp_path / "notes.txt").write_text(f"{WEAK}\n")
    result = neon("notes.txt")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert "notes.txt: skipped: not a kind of file flake8-neon reads" in neon("-v", "notes.txt").stderr


def test_many_files_across_processes_report_as_one(tmp_path: Path, neon) -> None:
    for number in range(40):
        (tmp_path / f"module_{number:02}.py").write_text(
            f'import psycopg\n\nconn = psycopg.connect("host=db{number}.example.com dbname=app sslmode=prefer")\n'
        )
        (tmp_path / f"service_{number:02}.env").write_text(f"DATABASE_URL=postgresql://db{number}.example.com/app\n")
    (tmp_path / "broken.py").write_text('DSN = "postgresql://db.example.com/app"\nx = (\n')
    serial = neon("-j", "1", ".")
    parallel = neon("-j", "2", ".")
    assert serial.returncode == parallel.returncode == 2
    assert serial.stdout == parallel.stdout
    assert serial.stdout.count("NEO101") == serial.stdout.count("NEO102") == 40
    assert serial.stdout.startswith("./broken.py: error: not valid Python at line 2")
    fixed = neon("-j", "2", "--fix", ".")
    assert fixed.stdout.splitlines() == [line for line in serial.stdout.splitlines() if "broken.py" in line]
    assert "sslmode=verify-full" in (tmp_path / "module_07.py").read_text()
    assert (tmp_path / "service_39.env").read_text().endswith("/app?sslmode=verify-full\n")


def test_config_files_never_import_libcst(tmp_path: Path, python) -> None:
    make_repository(tmp_path)
    for name in list(FILES):
        if name.endswith(".py"):
            (tmp_path / name).unlink()
    code = "import sys\nfrom flake8_neon.cli import main\nmain(['--fix', '.'])\nprint('libcst' in sys.modules)"
    result = python("-c", code, cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == "False", result.stdout + result.stderr
