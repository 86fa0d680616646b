"""Run the side-by-side benchmarks and rewrite BENCHMARKS.md.

Usage: python bench/run.py [PART ...] [--rounds N]

PART is one of flake8, plugin, cli, fixture, startup, branch (default: all, in that order).
Each part stores its result in bench/.cache/results/; BENCHMARKS.md is then rebuilt from
the latest stored result of every part.  Needs only the standard library: the contenders
run in their own venvs under bench/.cache/venvs/, built on first use.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from branch_bench import run_branch_part  # noqa: E402
from environment import REPO_ROOT  # noqa: E402
from fixture_bench import run_fixture_part, run_startup_part  # noqa: E402
from lint_bench import run_cli_part, run_flake8_part, run_plugin_part  # noqa: E402
from report import PART_ORDER, PartResult, load_results, render_markdown  # noqa: E402

PARTS: dict[str, tuple[Callable[[int], PartResult], int]] = {
    "flake8": (run_flake8_part, 7),
    "plugin": (run_plugin_part, 3),
    "cli": (run_cli_part, 3),
    "fixture": (run_fixture_part, 3),
    "startup": (run_startup_part, 5),
    "branch": (run_branch_part, 3),
}
REPRODUCE_COMMAND = "make bench    # = .venv/bin/python bench/run.py"


def main() -> None:
    """Run the requested parts, store their results and rewrite BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "parts", nargs="*", metavar="PART", help=f"parts to run: {', '.join(PART_ORDER)} (default: all)"
    )
    parser.add_argument("--rounds", type=int, help="rounds per part (default: per part, 3 or 5)")
    args = parser.parse_args()
    unknown = sorted(set(args.parts) - set(PART_ORDER))
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PART_ORDER)}")
    started = time.perf_counter()
    for part in args.parts or PART_ORDER:
        function, default_rounds = PARTS[part]
        part_started = time.perf_counter()
        print(f"== {part}", flush=True)
        load_at_start = " ".join(f"{value:.2f}" for value in os.getloadavg())
        result = function(args.rounds or default_rounds)
        result.load_at_start = load_at_start
        result.save()
        print(f"== {part} done in {time.perf_counter() - part_started:.0f} s", flush=True)
    output = REPO_ROOT / "BENCHMARKS.md"
    output.write_text(render_markdown(load_results(), REPRODUCE_COMMAND))
    print(f"wrote {output} ({time.perf_counter() - started:.0f} s in all)")


if __name__ == "__main__":
    main()
