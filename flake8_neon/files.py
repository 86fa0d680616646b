"""Reading and writing the files the linter checks: regular files only, bounded in size, bytes kept.

Python files are decoded as Python does (PEP 263 cookie, BOM). Other files are read as UTF-8
with undecodable bytes kept as they were (``surrogateescape``), so a fix writes back every
byte outside the change. A fix replaces the file atomically when it can and keeps its owner,
group, mode, symlinks and hard links.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tempfile
import tokenize
from typing import Literal, NamedTuple

from flake8_neon.unchecked import MAX_FILE_BYTES, too_large

_KINDS_OF_FILE = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}


class FileProblem(Exception):
    """A file that cannot be checked (or written); the message says why."""


class Skipped(Exception):
    """A file that is not checked on purpose; the message says why, ``cause`` says which case it is."""

    def __init__(self, reason: str, cause: Literal["special", "size", "binary"]) -> None:
        super().__init__(reason)
        self.cause = cause


class Source(NamedTuple):
    """A file's text and how to write it back."""

    text: str
    encoding: str
    errors: str


def read_bytes(path: str) -> bytes:
    """The bytes of ``path`` if it is a regular file no larger than the limit.

    The file is opened without blocking and checked after opening, so a FIFO or a device
    named like a source file is never read (reading one would wait or never end).
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise FileProblem(f"cannot read file: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = _KINDS_OF_FILE.get(stat.S_IFMT(status.st_mode), "not a regular file")
            raise Skipped(f"not a regular file ({kind})", "special")
        if too_large(status.st_size):
            raise Skipped(
                f"{status.st_size / 1e6:.1f} MB is above the {MAX_FILE_BYTES // 1_000_000} MB limit of checked files",
                "size",
            )
        try:
            return file.read()
        except OSError as error:
            raise FileProblem(f"cannot read file: {error.strerror or error}") from None


def decode_python(data: bytes) -> Source:
    """Decode Python source as the interpreter does; a BOM is dropped and written back."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, LookupError) as error:
        raise FileProblem(f"cannot decode file: {error}") from None
    except UnicodeDecodeError as error:
        raise FileProblem(f"cannot decode file as {error.encoding}: byte {error.start} is invalid") from None
    return Source(text.removeprefix("\ufeff") if encoding == "utf-8-sig" else text, encoding, "strict")


def decode_text(data: bytes) -> Source:
    """Decode a configuration file as UTF-8, keeping undecodable bytes; binary files are skipped."""
    if b"\0" in data[:8192]:
        raise Skipped("binary file", "binary")
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    return Source(data.decode(encoding, "surrogateescape"), encoding, "surrogateescape")


def write_text(path: str, source: Source) -> None:
    """Replace the file's content with ``source``, keeping the file itself.

    Through symlinks the target is written. A file with other hard links is rewritten in
    place (a rename would detach it from them); any other file is replaced atomically by a
    temporary file that gets the original's mode, owner and group first, so an interrupted
    fix never leaves half a file and a fix run as root leaves the file to its owner.
    """
    data = source.text.encode(source.encoding, source.errors)
    target = os.path.realpath(path)
    try:
        status = os.stat(target)
    except OSError as error:
        raise FileProblem(f"cannot write the fixed file: {error.strerror or error}") from None
    if status.st_nlink > 1:
        _write_in_place(target, data)
        return
    directory = os.path.dirname(target)
    try:
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".flake8-neon-")
    except OSError as error:
        raise FileProblem(
            f"cannot write the fixed file: cannot create a temporary file in {directory}: {error.strerror or error}"
        ) from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        if hasattr(os, "chown") and (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
            os.chown(temporary, status.st_uid, status.st_gid)  # before chmod: chown clears set-id bits
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, PermissionError):  # not allowed to give the copy its owner: keep the file itself
            _write_in_place(target, data)
            return
        raise FileProblem(f"cannot write the fixed file: {error.strerror or error}") from None


def _write_in_place(target: str, data: bytes) -> None:
    try:
        with open(target, "r+b") as file:
            file.write(data)
            file.truncate()
    except OSError as error:
        raise FileProblem(f"cannot write the fixed file: {error.strerror or error}") from None
