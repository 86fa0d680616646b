"""Inner pytest runs with ``--neon-branch`` against the API stand-in, reached through the Neon-shaped edge.

:class:`BranchRun` prepares what a user's CI would set (``NEON_API_KEY``, ``NEON_PROJECT_ID``,
``NEON_API_URL`` pointing at the stand-in) plus what leads libpq to the edge on 127.0.0.1
(``PGHOSTADDR``, ``PGPORT``: the URI Neon gives has neither), and runs pytest in process or in a
subprocess (pytest-xdist, real signals).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from neon_api_standin import NeonApiStandIn
from neon_edge import NeonEdge

from flake8_neon.conninfo import parse
from pytest_neon_tls.connect import connect
from pytest_neon_tls.roots import RootBundle
from pytest_neon_tls.target import Target, harden


class BranchRun:
    def __init__(self, pytester: pytest.Pytester, standin: NeonApiStandIn, edge: NeonEdge, api_key: str) -> None:
        self.pytester = pytester
        self.standin = standin
        self.edge = edge
        self.api_key = api_key
        self.root = RootBundle(edge.root_cert, "the Neon edge stand-in's root")

    def __repr__(self) -> str:
        return f"<BranchRun {self.standin!r}>"

    @property
    def options(self) -> tuple[str, ...]:
        return ("--neon-branch", f"--neon-sslrootcert={self.edge.root_cert}", "-p", "no:cacheprovider")

    def run(self, *args: str, subprocess: bool = False, timeout: float = 120) -> pytest.RunResult:
        if subprocess:
            return self.pytester.runpytest_subprocess(*self.options, *args, timeout=timeout)
        # an interrupted inner run stays inner (pytester would interrupt this run too)
        return self.pytester.runpytest_inprocess(*self.options, *args, no_reraise_ctrlc=True)

    def parent_sql(self, *statements: str) -> list[Any]:
        """Run statements on the project's default branch (the parent), verify-full through the edge."""
        uri = self.standin_uri(self.standin.default_branch_id)
        rows: list[Any] = []
        with connect(self.target(uri), autocommit=True) as conn:
            for statement in statements:
                cursor = conn.execute(statement)
                rows = cursor.fetchall() if cursor.description else []
        return rows

    def standin_uri(self, branch_id: str) -> str:
        route = self.standin.route(branch_id)
        return f"postgresql://{route.role}:{route.password}@{route.host}/{route.database}?sslmode=require"

    def target(self, uri: str) -> Target:
        return Target(harden(parse(uri), self.root).conninfo, self.root, embedded=False)

    def branches(self) -> list[str]:
        """Ids of the branches that exist besides the default one."""
        return sorted(self.standin._branches.keys() - {self.standin.default_branch_id})

    def requests(self, method: str, suffix: str = "") -> list[str]:
        return [r.path for r in self.standin.requests if r.method == method and r.path.endswith(suffix)]

    @property
    def branch_password(self) -> str:
        return self.standin.route(self.standin.default_branch_id).password


def no_secret_in(texts: Sequence[str], *secrets: str) -> None:
    for text in texts:
        for secret in secrets:
            assert secret not in text
