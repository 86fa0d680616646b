"""What one test leaves on the reused connection never reaches the next, and a COMMIT cannot keep data."""

from __future__ import annotations

import pytest

SESSION_LOOP = ("-o", "asyncio_default_fixture_loop_scope=session", "-o", "asyncio_default_test_loop_scope=session")


def test_session_state_does_not_leak(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import psycopg
        import pytest
        from psycopg.adapt import Loader

        notices, pids = [], []

        class TextLoader(Loader):
            def load(self, data):
                return "loaded " + bytes(data).decode()

        def test_takes_a_session_advisory_lock(neon_conn):
            neon_conn.execute("SELECT pg_advisory_lock(4711)")

        def test_the_lock_is_free_for_another_connection(neon_conn, neon_dsn):
            with psycopg.connect(neon_dsn, autocommit=True) as other:
                assert other.execute("SELECT pg_try_advisory_lock(4711)").fetchone() == (True,)

        def test_changes_settings(neon_conn):
            neon_conn.cursor_factory = psycopg.ClientCursor
            neon_conn.row_factory = psycopg.rows.dict_row
            neon_conn.prepare_threshold = 0
            neon_conn.add_notice_handler(notices.append)
            pids.append(neon_conn.info.backend_pid)

        def test_settings_are_back_on_the_same_connection(neon_conn):
            assert type(neon_conn.cursor()) is psycopg.Cursor
            assert neon_conn.execute("SELECT 1 AS one").fetchone() == (1,)
            assert neon_conn.prepare_threshold == 5
            neon_conn.execute("DO $$ BEGIN RAISE NOTICE 'hello'; END $$")
            assert notices == []
            assert neon_conn.info.backend_pid == pids[0]  # put back, not replaced

        def test_registers_a_loader(neon_conn):
            neon_conn.adapters.register_loader("int4", TextLoader)
            assert neon_conn.execute("SELECT 1").fetchone() == ("loaded 1",)

        def test_adapters_are_back_on_a_fresh_connection(neon_conn):
            assert neon_conn.execute("SELECT 1").fetchone() == (1,)
            assert neon_conn.info.backend_pid != pids[0]
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=6)


def test_a_raw_commit_fails_loudly_and_keeps_nothing(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import psycopg
        import pytest

        def test_raw_commit(neon_conn):
            neon_conn.execute("CREATE TABLE kept (x int)")
            neon_conn.execute("COMMIT")

        def test_nothing_was_kept(neon_conn):
            assert neon_conn.execute("SELECT to_regclass('kept')").fetchone() == (None,)

        def test_commit_method_fails_too(neon_conn):
            neon_conn.execute("CREATE TABLE kept_too (x int)")
            with pytest.raises(psycopg.errors.InvalidTextRepresentation, match="neon-tls refuses COMMIT"):
                neon_conn.commit()

        def test_rollback_method(neon_conn):
            neon_conn.rollback()

        def test_nothing_was_kept_either(neon_conn):
            assert neon_conn.execute("SELECT to_regclass('kept_too')").fetchone() == (None,)
            assert neon_conn.autocommit  # the fixture opens the transaction block itself

        def test_rollback_then_commit(neon_conn):
            neon_conn.execute("ROLLBACK")
            neon_conn.execute("CREATE TABLE escaped (x int)")
            neon_conn.execute("COMMIT")

        def test_that_one_is_reported_and_cleaned_up(neon_conn, neon_dsn):
            with psycopg.connect(neon_dsn, autocommit=True) as other:
                other.execute("DROP TABLE escaped")

        @pytest.mark.asyncio
        async def test_async_raw_commit(neon_async_conn):
            await neon_async_conn.execute("CREATE TABLE async_kept (x int)")
            await neon_async_conn.execute("END")

        @pytest.mark.asyncio
        async def test_async_nothing_was_kept(neon_async_conn):
            cursor = await neon_async_conn.execute("SELECT to_regclass('async_kept')")
            assert await cursor.fetchone() == (None,)
        """
    )
    result = pytester.runpytest("-p", "no:randomly", "-rN", *SESSION_LOOP)
    result.assert_outcomes(passed=7, failed=2, errors=5)
    output = result.stdout.str()
    assert output.count("neon-tls refuses COMMIT: each test runs in one transaction") == 2
    assert output.count("ERROR at teardown of test_") == 5
    assert output.count("this test ended the fixture's transaction itself") == 5
