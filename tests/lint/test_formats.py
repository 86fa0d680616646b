"""Configuration files of every kind: each scanner's own examples (codes and fixes), and how files are classified."""

from __future__ import annotations

import importlib

import pytest

from flake8_neon.discovery import SHEBANG, kind_from_shebang, kind_of
from flake8_neon.formats import MODULES, check, may_contain_findings
from flake8_neon.formats.values import apply_fixes
from flake8_neon.settings import Settings

EXAMPLES = [
    pytest.param(kind, example, id=f"{kind}-{number}")
    for kind, module in MODULES.items()
    for number, example in enumerate(importlib.import_module(f"flake8_neon.formats.{module}").EXAMPLES)
]


@pytest.mark.parametrize(("kind", "example"), EXAMPLES)
def test_example(kind: str, example) -> None:
    findings = check(kind, example.text, Settings())
    assert sorted(finding.code for finding in findings) == sorted(example.codes)
    fixed = apply_fixes(example.text, findings)
    assert fixed == (example.text if example.fixed is None else example.fixed)
    again = check(kind, fixed, Settings())
    assert apply_fixes(fixed, again) == fixed, "a second fix must change nothing"
    if example.fixed is not None:
        assert all(finding.edit is None for finding in again)
    if "\r\n" in example.text:
        assert fixed.replace("\r\n", "").count("\n") == example.text.replace("\r\n", "").count("\n"), "line endings"


@pytest.mark.parametrize("kind", MODULES)
def test_every_kind_has_valid_invalid_and_fixed_examples(kind: str) -> None:
    examples = importlib.import_module(f"flake8_neon.formats.{MODULES[kind]}").EXAMPLES
    assert any(not example.codes for example in examples)
    assert any(example.codes for example in examples)
    assert any(example.fixed is not None for example in examples)


def test_findings_point_at_the_value() -> None:
    text = "# production\nexport DATABASE_URL='postgresql://db.example.com/app?sslmode=require'\n"
    (finding,) = check("shell", text, Settings())
    assert text[finding.offset :].startswith("postgresql://db.example.com")


@pytest.mark.parametrize(
    "text",
    [
        '{"Host": "db.example.com", "SSLMode": "prefer"}\n',
        "sslMode: require\n",
        "SSL_MODE: require\n",
        "PGSSLMODE=allow\n",
    ],
)
def test_files_with_any_spelling_of_sslmode_are_scanned(text: str) -> None:
    assert may_contain_findings(text)


@pytest.mark.parametrize(("kind", "example"), [param for param in EXAMPLES if param.values[1].codes])
def test_the_prefilter_keeps_every_example_with_findings(kind: str, example) -> None:
    assert may_contain_findings(example.text), "a file that holds findings would be skipped unread"


def test_local_host_options_apply_to_config_files() -> None:
    text = "DATABASE_URL=postgresql://db/app?sslmode=disable\n"
    assert [finding.code for finding in check("dotenv", text, Settings())] == ["NEO101"]
    assert check("dotenv", text, Settings(local_hosts=("db",))) == []
    local = "DATABASE_URL=postgresql://localhost/app\n"
    assert check("dotenv", local, Settings()) == []
    assert [finding.code for finding in check("dotenv", local, Settings(check_local_hosts=True))] == ["NEO102"]
    remote = "DATABASE_URL=postgresql://db.example.com/app\n"
    assert check("dotenv", remote, Settings(check_missing_sslmode=False)) == []


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("app/settings.py", "python"),
        (".env", "dotenv"),
        (".env.production", "dotenv"),
        ("deploy/prod.env", "dotenv"),
        ("docker-compose.yml", "yaml"),
        (".github/workflows/ci.yaml", "yaml"),
        ("pyproject.toml", "toml"),
        ("alembic.ini", "ini"),
        ("setup.cfg", "ini"),
        ("tox.ini", "ini"),
        ("pgbouncer.conf", "ini"),
        ("devcontainer.json", "json"),
        ("Dockerfile", "dockerfile"),
        ("Dockerfile.dev", "dockerfile"),
        ("Containerfile", "dockerfile"),
        ("web.dockerfile", "dockerfile"),
        ("scripts/migrate.sh", "shell"),
        ("run.bash", "shell"),
        (".envrc", "shell"),
        ("Procfile", "procfile"),
        ("pg_service.conf", "pg_service"),
        (".pg_service.conf", "pg_service"),
        ("bin/deploy", SHEBANG),
        ("Makefile", "makefile"),
        ("scripts/db.mk", "makefile"),
        ("infra/main.tf", "terraform"),
        ("prod.tfvars", "terraform"),
        ("deploy/api.service", "ini"),
        ("config/database.yml.example", "yaml"),
        ("roles/app/templates/app.env.j2", "dotenv"),
        ("alembic.ini.sample", "ini"),
        ("settings.py.example", None),
        (".env-example", "dotenv"),
        (".env_sample", "dotenv"),
        (".flaskenv", "dotenv"),
        ("env.example", "dotenv"),
        ("notes.example", None),
        ("README.md", None),
        ("docs/index.rst", None),
        ("logo.png", None),
        (".gitignore", None),
    ],
)
def test_kind_by_name(path: str, kind: str | None) -> None:
    assert kind_of(path) == kind


def test_docs_only_when_asked() -> None:
    assert kind_of("README.md", docs=True) == kind_of("guide.rst", docs=True) == "docs"


@pytest.mark.parametrize(
    ("first_line", "kind"),
    [
        (b"#!/bin/sh\n", "shell"),
        (b"#!/usr/bin/env bash\n", "shell"),
        (b"#!/usr/bin/env python3\n", "python"),
        (b"#!/usr/bin/perl\n", None),
        (b"MIT License\n", None),
        (b"\x7fELF\x02\x01", None),
    ],
)
def test_kind_by_shebang(first_line: bytes, kind: str | None) -> None:
    assert kind_from_shebang(first_line) == kind
