"""Per-file cost of the NEO flake8 plugin versus a bare ``libcst.parse_module`` of the same file.

Runs inside the ``flake8-neon`` venv and prints one JSON document.  The plugin is loaded
and called exactly as flake8 calls a tree plugin (``flake8.checker.FileChecker.run_check``):
flake8's own option parsing, its ``FileProcessor`` for the keyword arguments, then
``plugin.obj(tree=..., **params).run()`` drained.  What flake8 computes for every plugin
anyway (reading the file, ``ast.parse``, the processor) is prepared outside the timed region,
so the timing is the plugin's own work: prefilter, and libcst parse plus rules where the
prefilter lets a file through.  Plugin and bare parse alternate per file, and the order
flips every round.

Usage: python lint_plugin_work.py --rounds N NAME=DIR [NAME=DIR ...]
"""

from __future__ import annotations

import argparse
import ast
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import libcst
from flake8.options.parse_args import parse_args
from flake8.processor import FileProcessor

from flake8_neon.prefilter import may_contain_findings


def load_neo_plugin() -> tuple[Any, Any]:
    """The loaded NEO tree plugin and flake8's parsed options, as ``flake8 --isolated`` sees them."""
    plugins, options = parse_args(["--isolated"])
    for plugin in plugins.checkers.tree:
        if plugin.entry_name == "NEO":
            return plugin, options
    raise SystemExit("flake8 did not load a tree plugin named NEO")


def prepare_calls(plugin: Any, options: Any, path: Path) -> tuple[Callable[[], int], Callable[[], None], int, bool]:
    """Closures running the plugin (returning its finding count) and the bare parse; size; prefilter verdict."""
    processor = FileProcessor(str(path), options)
    tree = ast.parse("".join(processor.lines))
    params = processor.keyword_arguments_for(plugin.parameters, {"tree": tree})
    source = "".join(processor.lines)

    def run_plugin() -> int:
        return sum(1 for _ in plugin.obj(tree=tree, **params).run())

    def run_parse() -> None:
        libcst.parse_module(source)

    return run_plugin, run_parse, len(source.encode()), may_contain_findings(source, tree)


def measure_corpus(plugin: Any, options: Any, root: Path, rounds: int) -> dict[str, Any]:
    """Round totals (seconds) of plugin and bare parse over every file of ``root``."""
    calls = [prepare_calls(plugin, options, path) for path in sorted(root.rglob("*.py"))]
    findings = sum(call[0]() for call in calls)  # warm-up round, not timed
    plugin_totals, parse_totals = [], []
    for round_index in range(rounds):
        plugin_total = parse_total = 0.0
        for file_index, (run_plugin, run_parse, _, _) in enumerate(calls):
            plugin_first = (file_index + round_index) % 2 == 0
            for is_plugin in (True, False) if plugin_first else (False, True):
                started = time.perf_counter()
                if is_plugin:
                    run_plugin()
                    plugin_total += time.perf_counter() - started
                else:
                    run_parse()
                    parse_total += time.perf_counter() - started
        plugin_totals.append(plugin_total)
        parse_totals.append(parse_total)
    return {
        "files": len(calls),
        "bytes": sum(call[2] for call in calls),
        "prefilter_passed": sum(call[3] for call in calls),
        "findings": findings,
        "plugin": plugin_totals,
        "parse": parse_totals,
    }


def main() -> None:
    """Measure every NAME=DIR corpus and print the JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("corpora", nargs="+", metavar="NAME=DIR")
    args = parser.parse_args()
    plugin, options = load_neo_plugin()
    result = {
        "plugin": f"{plugin.plugin.package} {plugin.plugin.version}",
        "corpora": {
            name: measure_corpus(plugin, options, Path(directory), args.rounds)
            for name, directory in (item.split("=", 1) for item in args.corpora)
        },
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
