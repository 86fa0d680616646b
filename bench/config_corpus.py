"""Generated repository of 1,000 configuration files, as a monorepo of many services would hold them.

Modelled on the shapes of public files (compose files with a ``postgres`` service, GitHub
Actions workflows with a service container, Kubernetes deployments whose ``env`` entries come
from ConfigMaps and Secrets, alembic.ini, tox.ini, ``.env.example`` files, Procfiles, shell
scripts around ``psql``/``pg_dump``), written here from scratch. Most files say nothing about
PostgreSQL (tool settings, JSON configs); the others mix weak, verified, local and templated
connections. Deterministic (seeded), so every run lints the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

FILE_COUNT = 1000
SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
HOSTS = ("db.internal", "ep-{word}-{n}.us-east-2.aws.neon.tech", "{word}-db.example.com", "localhost", "postgres")
WORDS = ("cool", "quiet", "snowy", "bold", "misty", "proud", "lively", "broad", "gentle", "rough")


def _uri(rng: random.Random, *, service: str) -> str:
    host = rng.choice(HOSTS).format(word=rng.choice(WORDS), n=rng.randint(10000, 99999))
    query = rng.choice(
        ("", "?sslmode={mode}", "?sslmode={mode}&channel_binding=require", "?sslmode={mode}&sslrootcert=system")
    )
    driver = rng.choice(("postgresql", "postgres", "postgresql+psycopg", "postgresql+asyncpg"))
    if driver.endswith("asyncpg"):
        query = query.replace("sslmode", "ssl").replace("&sslrootcert=system", "")
    return f"{driver}://{service}:change-me@{host}:5432/{service}{query.format(mode=rng.choice(SSLMODES))}"


def _dotenv(rng: random.Random, service: str) -> str:
    lines = [f"# {service} settings for local development", f"APP_NAME={service}", "LOG_LEVEL=info"]
    lines.append(f"DATABASE_URL={_uri(rng, service=service)}")
    if rng.random() < 0.3:
        lines.append(f"PGSSLMODE={rng.choice(SSLMODES)}")
    lines += ["REDIS_URL=redis://localhost:6379/0", f"SECRET_KEY={service}-not-a-secret", ""]
    return "\n".join(lines)


def _compose(rng: random.Random, service: str) -> str:
    environment = rng.choice(
        (
            f"      DATABASE_URL: {_uri(rng, service=service)}\n",
            f"      - DATABASE_URL={_uri(rng, service=service)}\n      - PGSSLMODE={rng.choice(SSLMODES)}\n",
            "      DATABASE_URL: ${DATABASE_URL}\n",
        )
    )
    return (
        f"services:\n  {service}:\n    build: .\n    ports:\n      - \"8000:8000\"\n    depends_on:\n      - db\n"
        f"    environment:\n{environment}"
        "  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: postgres\n"
        "      POSTGRES_PASSWORD: postgres\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U postgres\"]\n"
        "      interval: 5s\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata: {}\n"
    )


def _workflow(rng: random.Random, service: str) -> str:
    return (
        f"name: {service} tests\non:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n  test:\n"
        "    runs-on: ubuntu-latest\n    services:\n      postgres:\n        image: postgres:16\n        env:\n"
        "          POSTGRES_PASSWORD: postgres\n        ports:\n          - 5432:5432\n        options: >-\n"
        "          --health-cmd pg_isready\n          --health-interval 10s\n    env:\n"
        f"      DATABASE_URL: {rng.choice(('${{ secrets.DATABASE_URL }}', _uri(rng, service=service)))}\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n"
        "        with:\n          python-version: '3.12'\n      - run: pip install -r requirements.txt\n"
        f"      - run: |\n          psql \"{_uri(rng, service=service)}\" -c 'select 1'\n          pytest -q\n"
    )


def _deployment(rng: random.Random, service: str) -> str:
    extra = ""
    if rng.random() < 0.5:
        extra = f"            - name: PGSSLMODE\n              value: \"{rng.choice(SSLMODES)}\"\n"
    return (
        f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {service}\n  labels:\n    app: {service}\n"
        f"spec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: {service}\n  template:\n"
        f"    metadata:\n      labels:\n        app: {service}\n    spec:\n      containers:\n"
        f"        - name: {service}\n          image: registry.example.com/{service}:1.4.2\n"
        "          ports:\n            - containerPort: 8000\n          env:\n"
        "            - name: DATABASE_URL\n              valueFrom:\n                secretKeyRef:\n"
        f"                  name: {service}-db\n                  key: url\n{extra}"
        "          resources:\n            limits:\n              memory: 512Mi\n---\napiVersion: v1\n"
        f"kind: Service\nmetadata:\n  name: {service}\nspec:\n  selector:\n    app: {service}\n"
        "  ports:\n    - port: 80\n      targetPort: 8000\n"
    )


def _helm_values(rng: random.Random, service: str) -> str:
    return (
        f"replicaCount: 2\nimage:\n  repository: registry.example.com/{service}\n  tag: \"1.4.2\"\n"
        f"database:\n  url: \"postgresql://{{{{ .Values.db.user }}}}@{{{{ .Values.db.host }}}}/{service}"
        f"?sslmode={rng.choice(SSLMODES)}\"\n  pool: 10\ningress:\n  enabled: false\n"
    )


def _alembic(rng: random.Random, service: str) -> str:
    return (
        "[alembic]\nscript_location = migrations\nprepend_sys_path = .\n"
        f"sqlalchemy.url = {_uri(rng, service=service)}\n\n[loggers]\nkeys = root,sqlalchemy,alembic\n\n"
        "[handlers]\nkeys = console\n\n[logger_root]\nlevel = WARN\nhandlers = console\n"
    )


def _tox(rng: random.Random, service: str) -> str:
    return (
        "[tox]\nenv_list = py311, py312\n\n[testenv]\ndeps = -r requirements-test.txt\n"
        f"setenv =\n    PGSSLMODE = {rng.choice(SSLMODES)}\n    DATABASE_URL = {{env:DATABASE_URL}}\n"
        "commands = pytest {posargs}\n"
    )


def _pyproject(rng: random.Random, service: str) -> str:
    return (
        f'[project]\nname = "{service}"\nversion = "1.4.2"\nrequires-python = ">=3.11"\n\n'
        '[tool.ruff]\nline-length = 100\n\n[tool.pytest.ini_options]\naddopts = "-q"\n'
        f'env = ["DATABASE_URL={_uri(rng, service=service)}"]\n'
    )


def _config_json(rng: random.Random, service: str) -> str:
    return (
        f'{{\n  "service": "{service}",\n  "port": 8000,\n  "database": {{\n'
        f'    "url": "{_uri(rng, service=service)}",\n    "pool_size": 10\n  }},\n  "features": ["a", "b"]\n}}\n'
    )


def _dockerfile(rng: random.Random, service: str) -> str:
    return (
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
        f"ENV PGSSLMODE {rng.choice(SSLMODES)}\nEXPOSE 8000\n"
        f'CMD ["gunicorn", "{service}.wsgi", "-b", "0.0.0.0:8000"]\n'
    )


def _script(rng: random.Random, service: str) -> str:
    return (
        "#!/usr/bin/env bash\nset -euo pipefail\n\n# nightly backup\n"
        f'pg_dump --format=custom --dbname="{_uri(rng, service=service)}" > "/backups/{service}-$(date +%F).dump"\n'
        'echo "backup done"\n'
    )


def _procfile(rng: random.Random, service: str) -> str:
    return f"web: gunicorn {service}.wsgi\nrelease: PGSSLMODE={rng.choice(SSLMODES)} python manage.py migrate\n"


def _pg_service(rng: random.Random, service: str) -> str:
    mode = rng.choice(("", *SSLMODES))
    return f"[{service}]\nhost={rng.choice(HOSTS).format(word='cool', n=12345)}\nport=5432\ndbname={service}\n" + (
        f"sslmode={mode}\n" if mode else ""
    )


#: Files without any PostgreSQL content, as every repository has many of.
def _tsconfig(rng: random.Random, service: str) -> str:
    return '{\n  "compilerOptions": {\n    "target": "es2022",\n    "strict": true,\n    "outDir": "dist"\n  }\n}\n'


def _lint_yaml(rng: random.Random, service: str) -> str:
    return "extends: eslint:recommended\nenv:\n  node: true\n  es2022: true\nrules:\n  no-unused-vars: warn\n"


def _setup_cfg(rng: random.Random, service: str) -> str:
    return "[flake8]\nmax-line-length = 100\nextend-ignore = E203\n\n[coverage:run]\nbranch = true\n"


def _nginx(rng: random.Random, service: str) -> str:
    return f"server {{\n    listen 80;\n    location / {{\n        proxy_pass http://{service}:8000;\n    }}\n}}\n"


def _dependabot(rng: random.Random, service: str) -> str:
    return "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n    schedule:\n      interval: weekly\n"


SERVICE_FILES = {
    ".env.example": _dotenv,
    "docker-compose.yml": _compose,
    ".github/workflows/tests.yml": _workflow,
    "k8s/deployment.yaml": _deployment,
    "chart/values.yaml": _helm_values,
    "alembic.ini": _alembic,
    "tox.ini": _tox,
    "pyproject.toml": _pyproject,
    "config/settings.json": _config_json,
    "Dockerfile": _dockerfile,
    "scripts/backup.sh": _script,
    "Procfile": _procfile,
    "pg_service.conf": _pg_service,
    "frontend/tsconfig.json": _tsconfig,
    "frontend/.eslintrc.yml": _lint_yaml,
    "setup.cfg": _setup_cfg,
    "deploy/nginx.conf": _nginx,
    ".github/dependabot.yml": _dependabot,
    "frontend/package.json": lambda rng, service: f'{{\n  "name": "{service}-ui",\n  "private": true\n}}\n',
    "docs/mkdocs.yml": lambda rng, service: f"site_name: {service}\ntheme:\n  name: material\n",
}


def ensure_config_corpus(target: Path, file_count: int = FILE_COUNT) -> Path:
    """Write the generated repository into ``target`` (once) and return it."""
    done = target / ".complete"
    if done.exists() and done.read_text() == str(file_count):
        return target
    rng = random.Random(20251130)
    written = 0
    service_number = 0
    while written < file_count:
        service = f"{rng.choice(WORDS)}-{rng.choice(('api', 'worker', 'billing', 'search', 'auth'))}-{service_number}"
        for name, make in SERVICE_FILES.items():
            if written == file_count:
                break
            path = target / "services" / service / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(make(rng, service.replace("-", "_")), encoding="utf-8")
            written += 1
        service_number += 1
    done.write_text(str(file_count))
    return target
