"""No secret in any output pytest produces, with a hostile password in every spelling.

The password holds ``@``, ``%``, quotes, a backslash, spaces, unicode and a ``password=`` of its
own, and three markers (letters and digits, which no encoder escapes): if any piece of it
leaks in any spelling, a marker shows. Each output channel is checked in a real pytest run.
"""

from __future__ import annotations

import socket
import textwrap
from pathlib import Path
from urllib.parse import quote

import pytest

from pytest_neon_tls.certificates import TestAuthority

MARKERS = ("zQx7", "Wq9K", "Jv3R")
HOSTILE = "zQx7 p@ss%Wq9K'\\ \"é€😀 password=Jv3R&x"
API_KEY = "napi_Wq9Kx1y2z3zQx7abcdefJv3Rghijklmnop"

# The inner test module: every way a test can carry the password into pytest's output.
INNER_TESTS = """
import json
import logging
import os
import re
import sys
import warnings
from urllib.parse import quote, quote_plus

import pytest

PW = os.environ["NEON_TLS_HOSTILE"]
ESCAPED = PW.replace("\\\\", "\\\\\\\\").replace("'", "\\\\'")
FORMS = [
    PW,
    quote(PW, safe=""),
    quote(PW),
    quote_plus(PW),
    re.sub("%[0-9A-F]{2}", lambda hit: hit[0].lower(), quote(PW, safe="")),
    repr(PW),
    ascii(PW),
    repr(repr(PW)),
    json.dumps(PW),
    repr(PW.encode()),
    ESCAPED,
    PW.replace("'", "\\'\\'"),
]
DSN = f"postgresql://alice:{quote(PW, safe='')}@db.example/app?sslmode=verify-full"
KEYWORDS = f"host=db.example password='{ESCAPED}' sslmode=verify-full"
log = logging.getLogger("app")


def test_failure_with_locals_output_and_logs():
    dsn, keywords, forms = DSN, KEYWORDS, FORMS
    print(*FORMS, sep="\\n")
    sys.stderr.write(DSN + "\\n")
    log.warning("connecting to %s with %r", DSN, PW)
    log.info("keywords: %s", KEYWORDS)
    assert dsn == "postgresql://alice:other@db.example/app?sslmode=verify-full"


def test_dict_diff():
    assert {"dsn": KEYWORDS, "forms": FORMS} == {"dsn": "host=db.example", "forms": []}


def test_long_strings_that_differ_near_the_password():
    left = "x" * 300 + PW + "@host-one/" + "y" * 300
    right = "x" * 300 + PW + "@host-two/" + "y" * 300
    assert left == right


def test_exception_message():
    raise ConnectionError(f"could not connect to {DSN} (password {PW!r})")


def test_passes_with_output(record_property):
    record_property("dsn", DSN)
    print(*FORMS)
    log.error("passing test logs %s", KEYWORDS)


def test_warning():
    warnings.warn(f"weak settings in {DSN} / {PW}", UserWarning)


@pytest.mark.xfail(reason=f"known problem with {PW}")
def test_xfail_marker():
    raise AssertionError(PW)


def test_xfail_call():
    pytest.xfail(f"cannot reach {DSN}")


def test_skip_call():
    pytest.skip(f"no database at {KEYWORDS}")


@pytest.mark.skip(reason=f"skipped for {repr(PW)}")
def test_skip_marker():
    pass


@pytest.mark.parametrize("value", [PW, DSN])
def test_ids(value):
    pass
"""

INNER_COLLECTION_ERROR = """
import os
raise RuntimeError("cannot import with " + os.environ["NEON_TLS_HOSTILE"])
"""

INNER_MODULE_SKIP = """
import os, pytest
pytest.skip("module needs " + os.environ["NEON_TLS_HOSTILE"], allow_module_level=True)
"""


@pytest.fixture
def hostile_run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Run the inner tests with the hostile password in the DSN; return every output as text."""
    ca_file = TestAuthority().write_ca(tmp_path / "ca.pem")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    dsn = f"postgresql://alice:{quote(HOSTILE, safe='')}@127.0.0.1:{closed_port}/app?sslmode=verify-full"
    for name in ("NEON_DATABASE_URL", "PGSSLROOTCERT", "PGSSLMODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NEON_TLS_HOSTILE", HOSTILE)
    pytester.makepyfile(test_hostile=INNER_TESTS, test_broken=INNER_COLLECTION_ERROR, test_skipped=INNER_MODULE_SKIP)

    def run(*args: str) -> tuple[pytest.RunResult, str]:
        xml, log_file = pytester.path / "junit.xml", pytester.path / "run.log"
        result = pytester.runpytest_subprocess(
            "--neon-dsn",
            dsn,
            "--neon-sslrootcert",
            str(ca_file),
            "--continue-on-collection-errors",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            "-o",
            "asyncio_default_fixture_loop_scope=function",
            f"--junitxml={xml}",
            "-o",
            "junit_family=xunit1",  # the family that writes record_property
            f"--log-file={log_file}",
            "--log-file-level=DEBUG",
            *args,
        )
        outputs = {
            "terminal": result.stdout.str() + result.stderr.str(),
            "junit XML": xml.read_text(encoding="utf-8"),
            "log file": log_file.read_text(encoding="utf-8"),
        }
        for name, text in outputs.items():
            leaked = [marker for marker in MARKERS if marker in text]
            assert not leaked, f"{leaked} in the {name}:\n{text}"
        return result, "\n".join(outputs.values())

    return run


def _every_channel_was_written(result: pytest.RunResult, everything: str, collections: int = 1) -> None:
    """The run really produced each output (else the absence of the markers proves nothing)."""
    result.assert_outcomes(failed=4, passed=4, skipped=3, xfailed=2, errors=collections, warnings=1)
    for text in (
        "connecting to postgresql://alice:****@db.example/app",  # log record, --log-file and log_cli
        "keywords: host=db.example password='****'",
        "UserWarning: weak settings in postgresql://alice:****@db.example/app",
        "known problem with ****",
        "cannot reach postgresql://alice:****@db.example",
        "no database at host=db.example password='****'",
        "RuntimeError: cannot import with ****",
        "module needs ****",
        'name="dsn" value="postgresql://alice:****@db.example',  # record_property in the junit XML
        "test_ids[****]",
    ):
        assert text in everything, text


def test_every_output_masks_a_hostile_password(hostile_run) -> None:
    result, everything = hostile_run("-vv", "--showlocals", "--tb=long", "-rA", "-o", "log_cli=true")
    _every_channel_was_written(result, everything)
    assert "dsn        = 'postgresql://alice:****@db.example/app?sslmode=verify-full'" in everything
    assert "Captured stdout call" in everything and "Captured log call" in everything


@pytest.mark.parametrize("style", ["auto", "short", "line", "native"])
def test_shortened_output_masks_pieces_of_the_password(hostile_run, style: str) -> None:
    """Default verbosity: pytest cuts long reprs with ``...`` and keeps only context in diffs."""
    result, everything = hostile_run(f"--tb={style}", "-rA")
    _every_channel_was_written(result, everything)


def test_xdist_workers_mask_it_too(hostile_run) -> None:
    result, everything = hostile_run("-n", "2", "-vv", "--showlocals", "-rA")
    _every_channel_was_written(result, everything, collections=2)  # each worker collects


@pytest.mark.parametrize(
    "spelling",
    [
        "host=db.example PASSWORD={raw} sslmode=require",
        "host=db.example passwd={raw}",
        "host=db.example pwd={raw}",
        "host=db.example password {raw}",
        "postgresql://db.example/app?Password={encoded}&sslmode=require",
        "POSTGRESQL://alice:{encoded}@db.example/app",
        "{raw}",
        "host=db.example {raw}",
    ],
)
def test_the_usage_error_for_an_unparsable_dsn_shows_no_password(pytester: pytest.Pytester, spelling: str) -> None:
    pytester.makepyfile("def test_nothing(): pass")
    dsn = spelling.format(raw=HOSTILE.replace(" ", "_"), encoded=quote(HOSTILE, safe=""))
    result = pytester.runpytest_subprocess("--neon-dsn", dsn)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: neon-tls: --neon-dsn is not a valid connection string*"])
    output = result.stdout.str() + result.stderr.str()
    assert not [marker for marker in MARKERS if marker in output], output


def test_a_registered_api_key_is_masked(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEON_API_KEY", API_KEY)
    monkeypatch.delenv("NEON_DATABASE_URL", raising=False)
    pytester.makeconftest(
        """
        import os
        from pytest_neon_tls.redaction import register_secret

        def pytest_configure(config):
            register_secret(config, os.environ["NEON_API_KEY"])
        """
    )
    pytester.makepyfile(
        textwrap.dedent(
            """
            import logging, os, warnings

            def test_uses_the_key():
                headers = {"Authorization": "Bearer " + os.environ["NEON_API_KEY"]}
                logging.getLogger("neon").warning("calling the API with %s", headers)
                warnings.warn("slow API for key " + os.environ["NEON_API_KEY"][:30] + "...")
                assert headers == {}
            """
        )
    )
    result = pytester.runpytest_subprocess("-vv", "--showlocals", "-rA", "-p", "no:randomly")
    result.assert_outcomes(failed=1, warnings=1)
    output = result.stdout.str() + result.stderr.str()
    assert "'Authorization': 'Bearer ****'" in output
    assert "slow API for key ****..." in output
    assert not [marker for marker in MARKERS if marker in output], output


def test_the_embedded_servers_password_is_masked_in_every_spelling(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import logging
        from pathlib import Path
        from urllib.parse import quote

        def test_leak_attempt(neon_target, neon_dsn, neon_conn):
            password = neon_target.conninfo.params["password"]
            Path("password.txt").write_text(password)
            spelled = [password, quote(password), repr(password), password.encode()]
            print(spelled)
            logging.getLogger("app").warning("dsn %s", str(neon_dsn))
            assert str(neon_dsn) == "something else"
        """
    )
    result = pytester.runpytest_subprocess(
        "-vv", "--showlocals", "--tb=long", "-rA", "-n", "2", "-o", "asyncio_default_fixture_loop_scope=function"
    )
    result.assert_outcomes(failed=1)
    password = (pytester.path / "password.txt").read_text()
    output = result.stdout.str() + result.stderr.str()
    assert len(password) > 20 and "****" in output
    for spelled in (password, quote(password), password[:8], password[-8:]):
        assert spelled not in output
