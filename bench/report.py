"""Result model of a benchmark part, the machine description, and the BENCHMARKS.md renderer."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

from environment import RESULTS_DIR
from measure import Summary

PART_ORDER = ("flake8", "plugin", "cli", "fixture", "startup", "branch")


@dataclass
class Row:
    """One contender in a table: its summary, or the plain reason it has none."""

    contender: str
    summary: dict[str, float] | None = None
    extra: dict[str, str] = field(default_factory=dict)
    ours: bool = False
    missing: str | None = None

    @classmethod
    def measured(
        cls, contender: str, summary: Summary, *, ours: bool = False, extra: dict[str, str] | None = None
    ) -> Row:
        """A row with a measured summary."""
        return cls(contender, summary.as_dict(), extra or {}, ours)

    @classmethod
    def not_run(cls, contender: str, reason: str, *, ours: bool = False) -> Row:
        """A row kept in the table to say why there is no number."""
        return cls(contender, None, {}, ours, reason)


@dataclass
class Table:
    """Contenders measured on the same input in interleaved rounds."""

    caption: str
    unit: str
    rows: list[Row]
    extra_columns: list[str] = field(default_factory=list)
    target: str | None = None
    verdict: str | None = None


@dataclass
class PartResult:
    """Everything one part measured, as stored in ``bench/.cache/results/<part>.json``."""

    part: str
    title: str
    method: str
    tables: list[Table]
    notes: list[str] = field(default_factory=list)
    measured_at: str = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    load_at_start: str = "unknown"

    def save(self) -> Path:
        """Write this result where :func:`load_results` finds it."""
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        path = RESULTS_DIR / f"{self.part}.json"
        path.write_text(json.dumps(asdict(self), indent=1))
        return path


def load_results() -> list[PartResult]:
    """Every stored part result, in report order."""
    results = []
    for part in PART_ORDER:
        path = RESULTS_DIR / f"{part}.json"
        if path.exists():
            raw = json.loads(path.read_text())
            tables = [Table(**{**table, "rows": [Row(**row) for row in table["rows"]]}) for table in raw.pop("tables")]
            results.append(PartResult(tables=tables, **raw))
    return results


def _command_output(argv: list[str]) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unavailable"


def machine_description() -> list[tuple[str, str]]:
    """Facts about this machine that a reader needs to weigh the numbers."""
    cpu_model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
    memory_kib = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return [
        ("nproc", str(os.cpu_count())),
        ("CPU model", cpu_model),
        ("memory", f"{memory_kib / 1024 / 1024:.1f} GiB"),
        ("kernel", platform.release()),
        ("Python", platform.python_version() + f" ({platform.python_implementation()})"),
        ("PostgreSQL server", _command_output(["/usr/lib/postgresql/15/bin/postgres", "--version"])),
    ]


def _format_value(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value * 1000:.3g} ms" if value < 1 else f"{value * 1000:,.0f} ms"
    if unit == "us":
        return f"{value * 1e6:,.1f} µs"
    return f"{value:.3g} s" if value < 100 else f"{value:,.0f} s"


def render_table(table: Table) -> list[str]:
    """Markdown lines for one table, ratios taken against the row marked ``ours``."""
    ours = next((row for row in table.rows if row.ours and row.summary), None)
    header = ["Contender", "Median", "Min–max", "Ratio to ours", *table.extra_columns]
    lines = [f"**{table.caption}**", "", "| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in table.rows:
        name = f"**{row.contender}** (ours)" if row.ours else row.contender
        if row.summary is None:
            cells = [name, f"not measured: {row.missing}", "—", "—", *("—" for _ in table.extra_columns)]
        else:
            summary = row.summary
            ratio = "—" if ours is None else f"{summary['median'] / ours.summary['median']:.3g}×"
            cells = [
                name,
                _format_value(summary["median"], table.unit),
                f"{_format_value(summary['low'], table.unit)} – {_format_value(summary['high'], table.unit)}"
                f" (n={int(summary['count'])})",
                "1.00× (baseline)" if row.ours else ratio,
                *(row.extra.get(column, "—") for column in table.extra_columns),
            ]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    if table.target:
        lines += ["", f"Target: {table.target}. **{table.verdict or 'not evaluated'}**"]
    return lines + [""]


def render_markdown(results: list[PartResult], command: str) -> str:
    """The whole BENCHMARKS.md."""
    lines = [
        "# Benchmarks",
        "",
        "Side-by-side cost of `flake8-neon` and the `neon_conn` fixture against the tools users would",
        "otherwise pick. Every table comes from one run of the scripts in `bench/`: contenders run in",
        "the same process tree, interleaved round by round (order reversed every other round), and",
        "the table shows the median, the range over rounds and the ratio of medians to ours. The",
        "machine is shared and noisy: read the ratios, not the absolute numbers.",
        "",
        "Reproduce everything (about 10–15 minutes; the first run also builds the venvs and",
        "downloads the corpora into `bench/.cache/`):",
        "",
        "```sh",
        command,
        "```",
        "",
        "One part alone: `python3 bench/run.py PART` with PART in "
        + ", ".join(f"`{p}`" for p in PART_ORDER)
        + "; `--rounds N` overrides the number of rounds. BENCHMARKS.md is rebuilt from the latest",
        "stored result of every part, so each section carries its own measurement time.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine_description()),
        "",
    ]
    for result in results:
        lines += [
            f"## {result.title}",
            "",
            f"_Measured {result.measured_at}; load average (1, 5, 15 min) when the part started: "
            f"{result.load_at_start}, on {os.cpu_count()} cores._",
            "",
            result.method,
            "",
        ]
        for table in result.tables:
            lines += render_table(table)
        if result.notes:
            lines += ["Notes:", "", *(f"- {note}" for note in result.notes), ""]
    missing = [part for part in PART_ORDER if part not in {result.part for result in results}]
    if missing:
        lines += ["## Not yet measured", ""]
        lines += [f"- `{part}`: no stored result; run `python3 bench/run.py {part}`." for part in missing]
        lines.append("")
    return "\n".join(lines)
