"""The pytest side of a Neon branch per run (``--neon-branch``): options, and when each step happens.

* Options and ini keys are declared here once (:func:`add_options`); :class:`~.config.BranchConfig`
  reads them.
* :func:`configure` (from the plugin's ``pytest_configure``, in every process) masks the API key in
  every output, gives the process's :class:`~.session.NeonSession` its
  :class:`~.branches.SessionBranch` (a worker's borrowed from the controller) and registers
  :class:`BranchHooks`.
* One process, no xdist: the branch is made when the first test needing a database sets up
  ``neon_target``. pytest-xdist: the controller makes it at session start, before the workers
  start, and hands it to each (``workerinput``); a failure is handed over instead, so every neon
  test errors with it.
* The end (``pytest_sessionfinish``, last, after fixtures are torn down and xdist's workers are
  gone; and ``pytest_unconfigure``, reached after Ctrl-C at any point): the owner deletes it.
"""

from __future__ import annotations

from typing import Any

import pytest

from .branches import SessionBranch
from .config import API_KEY_FILE_ENV, DEFAULT_BRANCH_LIFETIME_MINUTES, DEFAULT_BRANCH_TIMEOUT, PROJECT_ENV
from .errors import NeonTlsError
from .neon_api import API_KEY_ENV, API_URL_ENV
from .redaction import register_secret
from .session import NeonSession

#: The options (and ini keys) of this feature, as :class:`~.config.BranchConfig` reads them.
OPTION_NAMES = (
    "neon_branch",
    "neon_project_id",
    "neon_parent_branch",
    "neon_api_url",
    "neon_api_key_file",
    "neon_branch_lifetime",
    "neon_branch_timeout",
)
_WORKER_INPUT = "neon_tls_branch"
_PLUGIN_NAME = "neon-tls-branch"


def add_options(parser: pytest.Parser, group: Any) -> None:
    group.addoption(
        "--neon-branch",
        action="store_true",
        default=None,
        help=f"run on a new Neon branch, deleted at the end (needs ${API_KEY_ENV} and ${PROJECT_ENV})",
    )
    group.addoption("--neon-project-id", metavar="ID", help=f"Neon project of the branch (else ${PROJECT_ENV})")
    group.addoption(
        "--neon-parent-branch",
        metavar="NAME|br-ID",
        help="branch to branch from (default: the project's default branch)",
    )
    group.addoption(
        "--neon-api-url",
        metavar="URL",
        help=f"Neon API address (else ${API_URL_ENV}, else https://console.neon.tech/api/v2)",
    )
    group.addoption(
        "--neon-api-key-file",
        metavar="PATH",
        help=f"file holding the Neon API key, when ${API_KEY_ENV} is not set (else ${API_KEY_FILE_ENV})",
    )
    group.addoption(
        "--neon-branch-lifetime",
        metavar="MINUTES",
        help=f"the branch expires this long after it is made, if not deleted before "
        f"(default {DEFAULT_BRANCH_LIFETIME_MINUTES:g})",
    )
    group.addoption(
        "--neon-branch-timeout",
        metavar="SECONDS",
        help=f"wait this long for a new branch's endpoint (default {DEFAULT_BRANCH_TIMEOUT:g})",
    )
    parser.addini("neon_branch", "run on a new Neon branch per run", type="bool", default=False)
    parser.addini("neon_project_id", "Neon project of the branch")
    parser.addini("neon_parent_branch", "branch to branch from (name or br- id)")
    parser.addini("neon_api_url", "Neon API address")
    parser.addini("neon_api_key_file", "file holding the Neon API key")
    parser.addini("neon_branch_lifetime", "minutes until an undeleted branch expires")
    parser.addini("neon_branch_timeout", "seconds to wait for a new branch")


def configure(config: pytest.Config, session: NeonSession) -> None:
    """Set the run's branch up in this process when ``--neon-branch`` is on (see the module docstring)."""
    settings = session.config.branch
    if not settings.enabled:
        return
    assert settings.api_key is not None
    register_secret(config, settings.api_key.reveal())
    handover = getattr(config, "workerinput", {}).get(_WORKER_INPUT)
    if handover is not None:
        session.branch = SessionBranch.borrowed(settings, handover, remember=session.remember_secrets)
    else:
        session.branch = SessionBranch(settings, remember=session.remember_secrets)
    config.pluginmanager.register(BranchHooks(session.branch), _PLUGIN_NAME)


class BranchHooks:
    """The hooks of the run's branch in one process (see the module docstring)."""

    def __init__(self, branch: SessionBranch) -> None:
        self.branch = branch

    def __repr__(self) -> str:
        return f"<BranchHooks {self.branch!r}>"

    @pytest.hookimpl(tryfirst=True)  # before xdist starts the workers and the header is written
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        config = session.config
        if self.branch.owner and config.pluginmanager.has_plugin("dsession") and not config.option.collectonly:
            try:
                self.branch.create()
            except NeonTlsError:
                pass  # kept in branch.failure: handed to the workers, whose neon tests error with it

    @pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook
    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput[_WORKER_INPUT] = self.branch.handover()

    def pytest_report_header(self) -> list[str]:
        return self.branch.header_lines()

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self) -> None:
        self.branch.close()

    def pytest_unconfigure(self) -> None:
        self.branch.close()

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        lines = self.branch.summary_lines() if self.branch.owner else []
        problem = self.branch.delete_problem
        if lines or problem:
            terminalreporter.write_sep("-", "neon-tls: Neon branches")
        for line in lines:
            terminalreporter.write_line(line)
        if problem:
            for line in problem.splitlines():
                terminalreporter.write_line(f"WARNING {line}", yellow=True, bold=True)
