"""Files the linter cannot check: their code (``NEO100``), the size limit, and one-line reasons."""

from __future__ import annotations

from flake8_neon.conninfo import redact

#: The code of "this file was not checked", in flake8 output; the CLI prints such a file as an error line.
UNCHECKED = "NEO100"

#: Files larger than this are skipped with a note: a 20 MB module costs libcst minutes and gigabytes.
MAX_FILE_BYTES = 2_000_000

EXPLANATION = f"""\
flake8-neon could not check this file, so connections in it may be weaker than verify-full.

The message says why: the parser gave up (text it cannot encode), the file is larger
than {MAX_FILE_BYTES // 1_000_000} MB (skipped to keep the run fast), or the linter itself failed. Deeply
nested code is no reason: it is linted again with a larger stack. When libcst still cannot
lint a file that CPython compiles, the file is "partly checked": its string literals are
still judged from the ``ast`` tree and reported, its calls and settings are not. One such
file never stops the others from being checked.
In the standalone command such a file is an ``error:`` line and the exit status is 2.
"""


def too_large(size: int) -> bool:
    """True when a file of ``size`` bytes is above :data:`MAX_FILE_BYTES`."""
    return size > MAX_FILE_BYTES


def describe_failure(error: BaseException) -> str:
    """What went wrong, in one line that names no secret."""
    if isinstance(error, RecursionError):
        return "nesting too deep to check, even with a larger stack (RecursionError)"
    if isinstance(error, UnicodeError):
        return f"text the parser cannot handle ({type(error).__name__}: {redact(str(error))})"
    if isinstance(error, MemoryError):
        return "out of memory while parsing"
    return f"internal error in flake8-neon, please report it: {type(error).__name__}: {redact(str(error))}"
