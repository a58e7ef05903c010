"""Decode inputs to text, kept exactly as decoded: offsets in records refer to this text.

UTF-8 (with or without a byte-order mark) and UTF-16 with one are read as they are; anything
else is handed to charset-normalizer, and the record says which encoding was guessed.
Sources may be fsspec URLs (s3://bucket/corpus/, file:///...) where fsspec and the package its
protocol needs are installed, as on a Dask cluster that reads from an object store.
"""
from __future__ import annotations

import codecs
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

STDIN = "-"


class InputError(Exception):
    """An input that cannot be read as an article; str() is a one-line reason naming the file."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source, self.reason = source, reason


@dataclass(frozen=True)
class Input:
    """One article to extract: its text as decoded and what reading it had to say."""
    source: str
    text: str
    warnings: tuple[str, ...] = ()

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


@dataclass(frozen=True)
class Unreadable:
    """An input that could not be read; it keeps its place in the stream so failures are reported in order."""
    source: str
    reason: str


BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(data: bytes, source: str) -> tuple[str, str | None]:
    """The text and, when its encoding had to be guessed, a warning naming the encoding.

    Newlines (CRLF included) are left as they are, so offsets match the file."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding), None
    if b"\x00" in data:
        raise InputError(source, "binary data, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        not_utf8 = error.start
    from charset_normalizer import from_bytes  # only for the rare file that is not UTF-8

    guess = from_bytes(data).best()
    if guess is None:
        raise InputError(source, f"not UTF-8 text (byte {not_utf8}) and no other encoding fits")
    return str(guess), f"not UTF-8 (byte {not_utf8}); decoded as {guess.encoding}, detected"


def read_text(path: str | Path) -> str:
    """The decoded text of `path`; raises InputError with the reason when it cannot be read."""
    return read_input(str(path)).text


def read_input(source: str, stdin: BinaryIO | None = None) -> Input:
    """The file `source` (or standard input for "-") decoded; raises InputError when it cannot be read."""
    if source == STDIN:
        data = stdin.read() if stdin is not None else b""
    else:
        data = read_bytes(source)
    text, warning = decode(data, source)
    return Input(source, text, (warning,) if warning else ())


def read_inputs(sources: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Input | Unreadable]:
    """Each source read in turn, lazily (a batch holds only the texts in flight)."""
    for source in sources:
        try:
            yield read_input(source, stdin)
        except InputError as error:
            yield Unreadable(source, error.reason)


def is_url(source: str) -> bool:
    return "://" in source


def url_files(url: str, glob: str) -> list[str] | None:
    """The files under the folder `url` whose paths match `glob`, recursively, sorted, as URLs; None
    when `url` is no folder, or fsspec is missing (then reading it says so)."""
    try:
        from fsspec.core import url_to_fs

        fs, root = url_to_fs(url)
    except ImportError:
        return None
    if not fs.isdir(root):
        return None
    return sorted(fs.unstrip_protocol(path) for path in fs.find(root) if PurePosixPath(path).match(glob))


def read_url(url: str) -> bytes:
    try:
        import fsspec
    except ImportError:
        raise InputError(url, "URLs are read with fsspec: pip install fsspec") from None
    try:
        with fsspec.open(url, "rb") as stream:
            return stream.read()
    except FileNotFoundError:
        raise InputError(url, "no such file") from None
    except (ImportError, OSError, ValueError) as error:  # ImportError: "Install s3fs to access S3"
        raise InputError(url, str(error) or type(error).__name__) from None


def read_bytes(source: str) -> bytes:
    if is_url(source):
        return read_url(source)
    try:
        return Path(source).read_bytes()
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as error:
        raise InputError(source, error.strerror or str(error)) from None
