"""Factories for custom connection fixtures: another database, role or libpq options.

Like pytest-postgresql's factories, call them at module level of a ``conftest.py``::

    from pytest_neon_tls import factories

    analytics_conn = factories.neon_connection(dbname="analytics")
    reporting_conn = factories.neon_connection(user="reporter", password="...", application_name="reports")
    analytics_async_conn = factories.neon_async_connection(dbname="analytics")
    migrations_branch = factories.neon_branch()  # with --neon-branch: a Neon branch of the test's own

Each fixture is function-scoped and behaves like ``neon_conn`` (which the plugin makes with
these same factories): same ``verify-full`` policy (``sslmode`` and ``sslrootcert`` cannot be
overridden), one reused connection per process, a transaction rolled back after every test
(:mod:`pytest_neon_tls.reuse`). On the embedded server a missing ``dbname`` is created on first
use; on a DSN target it must exist.
"""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, NoReturn

import pytest

from .branches import NeonBranch, NeonBranchWarning
from .errors import NeonTlsError
from .session import REQUIRE_HINT, NeonSession
from .target import Target

SESSION_KEY = pytest.StashKey[NeonSession]()


def fail(message: str) -> NoReturn:
    """Error the test with ``message`` only: no traceback, no chained (possibly secret-laden) cause."""
    raise pytest.fail.Exception(message, pytrace=False) from None


def neon_session(request: pytest.FixtureRequest) -> NeonSession:
    """The process's :class:`NeonSession` (created by the plugin at configure time)."""
    return request.config.stash[SESSION_KEY]


def derive_target(request: pytest.FixtureRequest, base: Target, params: dict[str, str]) -> Target:
    """``base`` with ``params`` applied (creating an embedded database if needed)."""
    if not params:
        return base
    try:
        target = base.derive(**params)
        neon_session(request).remember_secrets(params)
        neon_session(request).serve(base, target)
    except NeonTlsError as error:
        fail(str(error))
    return target


def neon_connection(**params: str) -> Callable[..., Any]:
    """A function-scoped fixture yielding a rolled-back psycopg ``Connection`` with ``params``."""

    @pytest.fixture
    def factory_connection(request: pytest.FixtureRequest, neon_target: Target) -> Iterator[Any]:
        """A verified psycopg Connection inside a transaction that is rolled back after the test."""
        target = derive_target(request, neon_target, params)
        try:
            keeper = neon_session(request).keeper(target)
            with keeper.rolled_back() as conn:
                yield conn
        except NeonTlsError as error:
            fail(str(error))

    return factory_connection


def neon_async_connection(**params: str) -> Callable[..., Any]:
    """An async fixture (pytest-asyncio, or anyio without it) yielding a rolled-back ``AsyncConnection``."""

    async def factory_async_connection(request: pytest.FixtureRequest, neon_target: Target) -> AsyncIterator[Any]:
        """A verified psycopg AsyncConnection inside a transaction rolled back after the test."""
        target = derive_target(request, neon_target, params)
        try:
            keeper = neon_session(request).async_keeper(target)
            async with keeper.rolled_back() as conn:
                yield conn
        except NeonTlsError as error:
            fail(str(error))

    return async_fixture(factory_async_connection)


def async_fixture(function: Callable[..., Any]) -> Any:
    """Declare an async generator fixture for pytest-asyncio when installed, else plain (anyio)."""
    try:
        import pytest_asyncio
    except ImportError:
        return pytest.fixture(function)
    return pytest_asyncio.fixture(function)


def neon_branch() -> Callable[..., Any]:
    """A function-scoped fixture yielding a :class:`~pytest_neon_tls.branches.NeonBranch` of the test's own.

    Needs ``--neon-branch``. The branch is a child of the run's parent branch (Neon refuses a child
    of the run's branch, which expires), made when the test sets up and deleted after it; connect
    with ``branch.connect()`` (verify-full, proven) or give ``branch.dsn`` to any driver. Without
    ``--neon-branch`` the test is skipped (an error with ``--neon-require``).
    """

    @pytest.fixture
    def factory_branch(request: pytest.FixtureRequest, neon_target: Target) -> Iterator[NeonBranch]:
        """A Neon branch of this test's own, deleted after it."""
        session = neon_session(request)
        if session.branch is None:
            message = "neon-tls: this test needs a Neon branch of its own: run with --neon-branch."
            if session.config.require:
                fail(message)
            raise pytest.skip.Exception(f"{message} {REQUIRE_HINT}")
        try:
            own = session.branch.create_own(request.node.name)
        except NeonTlsError as error:
            fail(str(error))
        yield own
        problem = session.branch.delete_own(own)
        if problem:
            warnings.warn(NeonBranchWarning(problem), stacklevel=1)

    return factory_branch
