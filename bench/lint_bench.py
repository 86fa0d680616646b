"""Linter parts: flake8 with vs without the plugin, the plugin vs a bare parse, the CLI vs its peers.

Every tool gets the same files: copies of the corpora in a scratch directory outside the
git checkout.  (``bench/.cache`` is git-ignored, and Fixit, ruff and semgrep all skip
git-ignored files, so linting the cache in place would silently lint nothing.)
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from config_corpus import ensure_config_corpus
from environment import BENCH_DIR, CORPORA_DIR, VenvStatus, ensure_venv, ensure_wheel_corpus
from measure import Sample, Summary, interleaved, run_command
from report import PartResult, Row, Table
from worst_case_corpus import ensure_worst_case_corpus

LINT_PEERS_DIR = BENCH_DIR / "lint_peers"
SEMGREP_RULE = LINT_PEERS_DIR / "postgres-insecure-sslmode.yaml"
SEMGREP_REGEX_RULE = LINT_PEERS_DIR / "postgres-insecure-sslmode-regex.yaml"
FLAKE8_TARGET_RATIO = 1.03
PLUGIN_TARGET_RATIO = 1.3
OK_EXIT_CODES = (0, 1)  # every linter here exits 1 when it reports findings


@contextlib.contextmanager
def corpus_workspace(names: tuple[str, ...]) -> Iterator[dict[str, Path]]:
    """Fresh copies of the named corpora (``django``, ``sqlalchemy``, ``worst-case``, ``config``) outside git."""
    sources = {
        "worst-case": ensure_worst_case_corpus(CORPORA_DIR / "worst-case"),
        "config": ensure_config_corpus(CORPORA_DIR / "config"),
    }
    sources.update({name: ensure_wheel_corpus(name) for name in ("django", "sqlalchemy")})
    scratch = Path(tempfile.mkdtemp(prefix="neon-bench-corpora-"))
    try:
        copies = {}
        for name in names:
            copies[name] = scratch / name
            shutil.copytree(sources[name], copies[name], ignore=shutil.ignore_patterns(".complete"))
        yield copies
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def describe_corpus(root: Path) -> str:
    """``N files, X MB`` for a corpus directory."""
    return _describe_files([path for path in root.rglob("*") if path.is_file() and path.name != ".complete"])


def _describe_files(files: list[Path]) -> str:
    size = sum(path.stat().st_size for path in files)
    return f"{len(files)} files, {size / 1e6:.1f} MB" if size >= 100_000 else f"{len(files)} files, {size / 1e3:.0f} kB"


def verdict(ratio: float, target: float, what: str) -> str:
    """Plain-language verdict on a ratio that must stay at or below ``target``."""
    return f"{what} = {ratio:.3f}× → {'met' if ratio <= target else 'NOT met'} (target ≤ {target}×)"


def _missing_module_reason(output: str) -> str | None:
    """A readable reason when a tool failed because a project module has not landed yet."""
    for line in output.splitlines():
        if "No module named" in line:
            module = line.split("No module named", 1)[1].strip(" '\".")
            return f"`{module}` is not in the repository yet ({line.strip()[:160]})"
    return None


def _failure_reason(sample: Sample) -> str:
    return _missing_module_reason(sample.output) or f"exit code {sample.returncode}: {sample.output_tail[-300:]}"


# -- flake8 with vs without the plugin ---------------------------------------------------------


def run_flake8_part(rounds: int) -> PartResult:
    """flake8 -j1 on Django from two venvs identical except for the neon-tls distribution."""
    bare, neon = ensure_venv("flake8-bare"), ensure_venv("flake8-neon")
    versions = {venv.name: run_command([venv.bin("flake8"), "--version"]) for venv in (bare, neon)}
    notes = [
        "Both venvs pin the same flake8, pycodestyle, pyflakes and mccabe; the second one also has "
        "neon-tls installed (editable), so its only difference is the `NEO` entry point. "
        "`flake8 --version` reports: without: `"
        + versions["flake8-bare"].output.strip().splitlines()[0]
        + "`; with: `"
        + (versions["flake8-neon"].output.strip().splitlines() or ["?"])[0]
        + "`.",
        "Why not `--select`/`--extend-ignore`: flake8 still runs every installed plugin and only "
        "filters the results, so that would not remove the plugin's cost.",
        "Command: `flake8 -j1 --isolated <corpus>` (no config files, one process), stdout to a file; "
        "the Django sources come from its published wheel. SQLAlchemy is linted in the CLI part.",
        "Verdict: the expected difference (a few per cent) is smaller than this shared machine's "
        "round-to-round noise in wall time, so the ratio judged is paired: with/without CPU time of "
        "the two runs of the same round (run back to back), median over rounds. The plugin's own "
        "per-file work on Django, measured in-process, is in the next section.",
    ]
    neon_failure = None
    if versions["flake8-neon"].returncode != 0:
        neon_failure = _missing_module_reason(versions["flake8-neon"].output) or versions["flake8-neon"].output_tail
    with corpus_workspace(("django",)) as corpora:
        root = corpora["django"]

        def flake8(venv: VenvStatus) -> Callable[[], Sample]:
            return lambda: run_command([venv.bin("flake8"), "-j1", "--isolated", root])

        contenders = {"without": flake8(bare)}
        if neon_failure is None:
            contenders["with"] = flake8(neon)
        samples = interleaved(contenders, rounds, label="flake8 django")
        caption = f"django ({describe_corpus(root)}): wall time of one flake8 run"
    rows = [_flake8_row("flake8 -j1 without the plugin", samples["without"], ours=False)]
    table_verdict = None
    if neon_failure is None:
        rows.append(_flake8_row("flake8 -j1 with flake8-neon", samples["with"], ours=True))
        paired = Summary.of([w.cpu / wo.cpu for w, wo in zip(samples["with"], samples["without"])])
        wall_ratio = (
            Summary.of([s.wall for s in samples["with"]]).median
            / Summary.of([s.wall for s in samples["without"]]).median
        )
        table_verdict = (
            verdict(paired.median, FLAKE8_TARGET_RATIO, "paired CPU with / without")
            + f"; per-round paired ratios {paired.low:.3f}–{paired.high:.3f}; "
            f"ratio of wall medians {wall_ratio:.3f}×"
        )
    else:
        rows.append(Row.not_run("flake8 -j1 with flake8-neon", neon_failure, ours=True))
    return PartResult(
        part="flake8",
        title="flake8 with vs without the plugin",
        method="What installing flake8-neon adds to an existing flake8 run (pre-commit's cost). "
        "Same flake8, same files, one job; the only difference is whether the plugin is installed.",
        tables=[
            Table(
                caption=caption,
                unit="s",
                rows=rows,
                extra_columns=["CPU median", "lines reported"],
                target=f"with / without ≤ {FLAKE8_TARGET_RATIO}× on Django",
                verdict=table_verdict,
            )
        ],
        notes=notes,
    )


def _flake8_row(name: str, samples: list[Sample], *, ours: bool) -> Row:
    bad = [s for s in samples if s.returncode not in OK_EXIT_CODES]
    if bad:
        return Row.not_run(name, _failure_reason(bad[0]), ours=ours)
    return Row.measured(
        name,
        Summary.of([s.wall for s in samples]),
        ours=ours,
        extra={
            "CPU median": f"{Summary.of([s.cpu for s in samples]).median:.2f} s",
            "lines reported": str(len(samples[-1].output.splitlines())),
        },
    )


# -- the plugin's own work vs a bare libcst parse ----------------------------------------------


def run_plugin_part(rounds: int) -> PartResult:
    """In-process: the NEO plugin called as flake8 calls it vs ``libcst.parse_module``, per file."""
    neon = ensure_venv("flake8-neon")
    tables = []
    notes = [
        "Measured inside one process (`bench/lint_plugin_work.py`, flake8-neon venv): the plugin is "
        "loaded through flake8's own option parsing and called with flake8's `FileProcessor` "
        "arguments, then `run()` is drained. Reading the file and `ast.parse` (done by flake8 for "
        "every plugin anyway) are outside the timed region; plugin and bare parse alternate file by "
        "file, order flipped every round. Values are per-file means (round total / files).",
        "On the worst-case corpus every file holds connection code, so the prefilter lets every file "
        "through: this is the plugin's full cost (libcst parse, the facts walk, the rules, the positions "
        "of the findings).",
    ]
    with corpus_workspace(("worst-case", "django")) as corpora:
        for name, root in corpora.items():
            proc = subprocess.run(
                [str(neon.python), str(BENCH_DIR / "lint_plugin_work.py"), "--rounds", str(rounds), f"{name}={root}"],
                capture_output=True,
                text=True,
            )
            caption = f"{name}: the plugin's own work per file"
            if proc.returncode != 0:
                reason = _missing_module_reason(proc.stderr) or proc.stderr.strip()[-400:]
                tables.append(
                    Table(
                        caption,
                        "us",
                        [
                            Row.not_run("bare `libcst.parse_module`", "the plugin could not be loaded, see below"),
                            Row.not_run("NEO plugin", reason, ours=True),
                        ],
                    )
                )
                continue
            measured = json.loads(proc.stdout)["corpora"][name]
            files = measured["files"]
            plugin = Summary.of([total / files for total in measured["plugin"]])
            parse = Summary.of([total / files for total in measured["parse"]])
            ratio = plugin.median / parse.median
            is_target = name == "worst-case"
            tables.append(
                Table(
                    caption=f"{caption} ({files} files, {measured['bytes'] / 1e6:.1f} MB, "
                    f"{measured['findings']} NEO findings)",
                    unit="us",
                    rows=[
                        Row.measured("bare `libcst.parse_module`", parse),
                        Row.measured("NEO plugin (prefilter + parse + rules)", plugin, ours=True),
                    ],
                    target=f"plugin / bare parse ≤ {PLUGIN_TARGET_RATIO}× on the worst case" if is_target else None,
                    verdict=verdict(ratio, PLUGIN_TARGET_RATIO, "plugin / bare parse") if is_target else None,
                )
            )
            if not is_target:
                notes.append(
                    f"{name}: plugin / bare parse = {ratio:.3f}× (most files are rejected "
                    "by the prefilter without parsing)."
                )
    return PartResult(
        part="plugin",
        title="The plugin's own work vs a bare libcst parse",
        method="How much the rules add on top of the libcst parse they cannot avoid, on the files where "
        "the prefilter cannot help.",
        tables=tables,
        notes=notes,
    )


# -- the standalone CLI vs its peers -----------------------------------------------------------


def _count_json(output: str, key: str | None = None) -> str:
    start = min((i for i in (output.find("["), output.find("{")) if i >= 0), default=-1)
    if start < 0:
        return "?"
    try:
        data = json.loads(output[start:])
    except json.JSONDecodeError:
        return "?"
    if key is not None and isinstance(data, dict):
        data = data.get(key, [])
    if isinstance(data, dict):
        data = next((value for value in data.values() if isinstance(value, list)), [])
    return str(len(data))


CliContender = tuple[list[str | Path], dict[str, str], Callable[[str], str], bool]


def _semgrep(rules: tuple[Path, ...], targets: list[Path], label: str) -> tuple[str, CliContender]:
    semgrep = ensure_venv("semgrep")
    configs = [argument for rule in rules for argument in ("--config", rule)]
    return f"semgrep 1.185.0, `postgres-insecure-sslmode` rule ({label})", (
        [semgrep.bin("semgrep"), "scan", *configs, "--metrics=off", "--disable-version-check", "--json", "--quiet"]
        + targets,
        {"SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"},
        lambda output: _count_json(output, "results"),
        False,
    )


def _cli_contenders(targets: list[Path], *, kind: str) -> dict[str, CliContender]:
    """name -> (argv, extra env, findings counter, is ours) for every installable contender.

    ``kind``: ``python`` (a Python corpus: ruff and semgrep's Python rule too), ``python+fixit``
    (also Fixit), ``config`` (configuration files: semgrep's regex rule) or ``batch`` (a few
    files of both: semgrep with both rules).
    """
    neon = ensure_venv("flake8-neon")
    ours: dict[str, CliContender] = {
        "flake8-neon CLI (`--format json`)": (
            [neon.bin("flake8-neon"), "--format", "json", *targets],
            {},
            _count_json,
            True,
        )
    }
    if kind == "config":
        return dict([*ours.items(), _semgrep((SEMGREP_REGEX_RULE,), targets, "regex, every file")])
    if kind == "batch":
        rules = (SEMGREP_RULE, SEMGREP_REGEX_RULE)
        return dict([*ours.items(), _semgrep(rules, targets, "Python strings and regex, both rules")])
    fixit, ruff = ensure_venv("fixit"), ensure_venv("ruff")
    contenders: dict[str, CliContender] = {
        **ours,
        "ruff 0.17.6 `check --select S` (reference point, not the same check)": (
            [ruff.bin("ruff"), "check", "--isolated", "--no-cache", "--select", "S", "--output-format", "json"]
            + targets,
            {},
            _count_json,
            False,
        ),
    }
    contenders.update([_semgrep((SEMGREP_RULE,), targets, "Python strings")])
    if kind == "python+fixit":
        contenders["Fixit 2.2.1 `lint`, the same check as a Fixit rule"] = (
            [fixit.bin("fixit"), "--rules", "bench_fixit_sslmode", "lint", *targets],
            {"PYTHONPATH": str(LINT_PEERS_DIR)},
            lambda output: str(sum("InsecureSslmode" in line for line in output.splitlines())),
            False,
        )
    return contenders


def _install_failure(name: str) -> str | None:
    venv = {"flake8-neon": "flake8-neon", "ruff": "ruff", "semgrep": "semgrep", "Fixit": "fixit"}
    for prefix, venv_name in venv.items():
        if name.startswith(prefix):
            failures = ensure_venv(venv_name).failures
            return "; ".join(f"pip could not install {step}: {error}" for step, error in failures.items()) or None
    return None


def _semgrep_verdict(rows: list[Row]) -> str | None:
    ours = next((row for row in rows if row.ours and row.summary), None)
    semgrep = next((row for row in rows if row.contender.startswith("semgrep") and row.summary), None)
    if ours is None or semgrep is None or ours.summary is None or semgrep.summary is None:
        return None
    ratio = ours.summary["median"] / semgrep.summary["median"]
    return f"ours / semgrep = {ratio:.3f}× → {'met' if ratio < 1 else 'NOT met'}"


#: A pre-commit batch: the files of one commit that touches a few modules and their service's configuration.
BATCH_PYTHON_FILES = 4
BATCH_CONFIG_FILES = (".env.example", "docker-compose.yml", ".github/workflows/tests.yml", "alembic.ini")
#: Short runs are noisier: the batch gets this many times the part's rounds.
BATCH_ROUND_FACTOR = 3


def _precommit_batch(worst_case: Path, config: Path) -> list[Path]:
    """A few files from the corpora, as pre-commit passes a commit's staged files."""
    python = sorted(worst_case.rglob("*.py"))[:BATCH_PYTHON_FILES]
    service = sorted(path for path in (config / "services").iterdir() if path.is_dir())[0]
    return python + [service / name for name in BATCH_CONFIG_FILES]


def run_cli_part(rounds: int) -> PartResult:
    """Whole-command cost of the standalone CLI vs Fixit, semgrep and ruff on the same files."""
    tables = []
    with corpus_workspace(("worst-case", "django", "sqlalchemy", "config")) as corpora:
        real_world = corpora["django"].parent / "django+sqlalchemy"
        real_world.mkdir()
        for name in ("django", "sqlalchemy"):
            corpora[name].rename(real_world / name)
        batch = _precommit_batch(corpora["worst-case"], corpora["config"])
        for corpus_name, root, targets, kind in (
            ("worst case", corpora["worst-case"], [corpora["worst-case"]], "python+fixit"),
            ("Django + SQLAlchemy", real_world, [real_world], "python"),
            ("config files", corpora["config"], [corpora["config"]], "config"),
            ("pre-commit batch", real_world.parent, batch, "batch"),
        ):
            contenders = _cli_contenders(targets, kind=kind)
            rows: list[Row] = []
            runnable = {}
            for name, (argv, extra_env, _, ours) in contenders.items():
                failure = _install_failure(name)
                if failure:
                    rows.append(Row.not_run(name, failure, ours=ours))
                else:
                    env = {**os.environ, **extra_env}
                    runnable[name] = lambda argv=argv, env=env: run_command(argv, env=env, cwd=root)
            times = rounds * BATCH_ROUND_FACTOR if kind == "batch" else rounds
            samples = interleaved(runnable, times, label=f"cli {corpus_name}")
            for name, runs in samples.items():
                _, _, count_findings, ours = contenders[name]
                bad = [s for s in runs if s.returncode not in OK_EXIT_CODES]
                if bad:
                    rows.append(Row.not_run(name, _failure_reason(bad[0]), ours=ours))
                    continue
                rows.append(
                    Row.measured(
                        name,
                        Summary.of([s.wall for s in runs]),
                        ours=ours,
                        extra={
                            "CPU median (all processes)": f"{Summary.of([s.cpu for s in runs]).median:.2f} s",
                            "findings": count_findings(runs[-1].output),
                        },
                    )
                )
            if kind == "python":
                rows.append(
                    Row.not_run(
                        "Fixit 2.2.1 `lint`, the same check as a Fixit rule",
                        "not run on this corpus to keep `make bench` under 15 minutes; its cost relative to "
                        "ours on files that all need parsing is in the worst-case table above",
                    )
                )
            rows.sort(key=lambda row: not row.ours)
            size = describe_corpus(root) if kind != "batch" else _describe_files(batch)
            tables.append(
                Table(
                    caption=f"{corpus_name} ({size}): wall time of one whole command",
                    unit="s",
                    rows=rows,
                    extra_columns=["CPU median (all processes)", "findings"],
                    target="flake8-neon ahead of semgrep (ours / semgrep < 1×)",
                    verdict=_semgrep_verdict(rows),
                )
            )
    return PartResult(
        part="cli",
        title="The standalone CLI vs other linters",
        method="One whole command per contender on the same directory (or, for the pre-commit batch, the "
        "same files named on the command line), as a user or pre-commit would run it, from a cold process "
        "(no tool caches: ruff runs with `--no-cache`).",
        tables=tables,
        notes=[
            "Ratios are of wall time. Tools differ in parallelism on this 2-core machine (ruff and "
            "semgrep use every core; Fixit uses a process pool when given many files), so the CPU "
            "column is the total work of all their processes.",
            "The worst-case corpus (`bench/worst_case_corpus.py`) is 120 generated modules in which every "
            "file holds connection code, so every file needs a libcst parse: strings in calls, module "
            "constants and f-strings built from them, settings classes read as `Settings.URL` and `self.URL`, "
            "helpers returning SSL contexts, psycopg2/psycopg_pool/DBUtils pools, conditional sslmodes and "
            "SQLAlchemy `connect_args`, between ordinary classes.",
            "Fixit runs `bench/lint_peers/bench_fixit_sslmode.py`: our core check (sslmode weaker than "
            "verify-full in a string literal) written as a Fixit rule, so Fixit does comparable work "
            "(libcst parse, metadata, one rule).",
            "semgrep runs `bench/lint_peers/postgres-insecure-sslmode.yaml` on Python (a regex "
            "`sslmode=(disable|allow|prefer)` in Python strings) and `postgres-insecure-sslmode-regex.yaml` "
            "on the config files (semgrep's `regex` language, every file: a URI without a verifying sslmode), "
            "both written for this benchmark from the public description of Trail of Bits' rule; metrics and "
            "version checks off. On the pre-commit batch it gets both rules.",
            f"The pre-commit batch is what pre-commit hands one hook process for a small commit: the first "
            f"{BATCH_PYTHON_FILES} worst-case modules and {len(BATCH_CONFIG_FILES)} configuration files of one "
            f"service ({', '.join(BATCH_CONFIG_FILES)}), named on the command line; it runs "
            f"{BATCH_ROUND_FACTOR}× the rounds of the corpora, since short runs are noisier. flake8-neon "
            "starts no worker pool for so few files.",
            "The config-file corpus (`bench/config_corpus.py`) is a generated monorepo of 1,000 files: per "
            "service a `.env.example`, compose file, workflow, Kubernetes deployment, Helm values, alembic.ini, "
            "tox.ini, pyproject.toml, JSON settings, Dockerfile, backup script, Procfile, pg_service.conf and "
            "files with no PostgreSQL content (tsconfig, eslint, nginx, dependabot, mkdocs). flake8-neon reads "
            "every kind; semgrep's regex rule sees only URIs, so it misses PGSSLMODE settings, key/value "
            "strings and pg_service.conf.",
            "ruff `--select S` (flake8-bandit rules) does not look at sslmode at all: it is the "
            "fast-linter reference point for what a pre-commit hook can cost.",
            "Findings differ by design: flake8-neon also reports missing sslmode, keyword arguments, "
            "settings dicts, etc.; semgrep and the Fixit rule only match the literal regex.",
        ],
    )
