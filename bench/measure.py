"""Timing primitives shared by every benchmark part: child-process samples, interleaving, summaries."""

from __future__ import annotations

import os
import pwd
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One timed run: wall-clock and CPU (user+sys of the whole child process tree) seconds."""

    wall: float
    cpu: float
    returncode: int = 0
    output: str = ""

    @property
    def output_tail(self) -> str:
        """The last lines of the combined stdout/stderr, for error messages."""
        return "\n".join(self.output.strip().splitlines()[-12:])


@dataclass(frozen=True)
class Summary:
    """Median and range of a list of measurements."""

    median: float
    low: float
    high: float
    count: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Summary:
        """Summarise ``values`` (must not be empty)."""
        return cls(statistics.median(values), min(values), max(values), len(values))

    def as_dict(self) -> dict[str, float]:
        """JSON-friendly form."""
        return {"median": self.median, "low": self.low, "high": self.high, "count": self.count}


def run_command(
    argv: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    user: str | None = None,
    timeout: float = 600,
) -> Sample:
    """Run ``argv`` to completion, measuring wall time and the CPU time of its process tree.

    CPU time comes from ``wait4`` on the direct child, which includes every descendant
    that the child itself waited for (worker pools, pg_ctl, ...).  Output goes to a
    file, not a pipe, so a chatty tool is not slowed down by our reading.  ``user``
    runs the command as that (unprivileged) account, with no supplementary groups.
    """
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-cmd-{os.getpid()}.log"
    with open(log_path, "w+b") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [str(arg) for arg in argv],
            cwd=cwd,
            env=None if env is None else dict(env),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            **({"user": user, "group": user_group(user), "extra_groups": []} if user else {}),
        )
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    log_path.unlink(missing_ok=True)
    return Sample(wall, usage.ru_utime + usage.ru_stime, proc.returncode, output)


def user_group(user: str) -> int:
    """Primary group id of ``user``."""
    return pwd.getpwnam(user).pw_gid


def interleaved(
    contenders: Mapping[str, Callable[[], Sample]], rounds: int, *, label: str = ""
) -> dict[str, list[Sample]]:
    """Run every contender once per round, alternating the order between rounds.

    Odd rounds run the contenders in reverse so that no contender always runs first
    (cold caches) or always right after the same neighbour.
    """
    names = list(contenders)
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    for round_index in range(rounds):
        order = names if round_index % 2 == 0 else names[::-1]
        for name in order:
            sample = contenders[name]()
            samples[name].append(sample)
            print(
                f"[{label}] round {round_index + 1}/{rounds} {name}: "
                f"wall {sample.wall:.3f}s cpu {sample.cpu:.3f}s rc {sample.returncode}",
                flush=True,
            )
    return samples
