"""Decode inputs to text, kept exactly as decoded: offsets in records refer to this text.

UTF-8 (with or without a byte-order mark) and UTF-16 with one are read as they are; anything
else is handed to charset-normalizer, and the record says which encoding was guessed. Saved web
pages become the text of their article (webpage.py), and bring the metadata the page declares.
Sources may be fsspec URLs (s3://bucket/corpus/, file:///...) where fsspec and the package its
protocol needs are installed, as on a Dask cluster that reads from an object store.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from . import webpage

STDIN = "-"
# Far above any real article (a long feature is ~100 KB); what is larger is not one article.
MAX_SIZE = 10_000_000
BINARY_CONTROL_SHARE = 0.1  # text in a guessed encoding with more control characters than this is no text


class InputError(Exception):
    """An input that cannot be read as an article; str() is a one-line reason naming the file."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source, self.reason = source, reason


@dataclass(frozen=True)
class Input:
    """One article to extract: its text as decoded, what reading it had to say, and for a web page
    the metadata the page declares (title, byline, published, outlet, url)."""
    source: str
    text: str
    warnings: tuple[str, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)

    @property
    def done_key(self) -> str:
        return done_key(self.sha256, self.source)


@dataclass(frozen=True)
class Unreadable:
    """An input that could not be read; it keeps its place in the stream so failures are reported in order."""
    source: str
    reason: str


BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


EMPTY_SHA256 = text_sha256("")


def done_key(sha256: str, source: str) -> str:
    """What tells that an input was extracted, for resuming: its text, so that a copy is skipped
    too; but an empty text (a web page with no article in it) by its source, since every empty
    text is the same."""
    return f"empty:{source}" if sha256 == EMPTY_SHA256 else sha256


def decode(data: bytes, source: str) -> tuple[str, str | None]:
    """The text and, when its encoding had to be guessed, a warning naming the encoding.

    Newlines (CRLF included) are left as they are, so offsets match the file."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as error:
                raise InputError(source, f"starts as {encoding.upper()} but is not (byte {error.start})") from None
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
    text = str(guess)
    if sum(is_control(c) for c in text) > len(text) * BINARY_CONTROL_SHARE:
        raise InputError(source, "binary data, not text (mostly control characters)")
    return text, f"not UTF-8 (byte {not_utf8}); decoded as {guess.encoding}, detected"


def is_control(character: str) -> bool:
    return unicodedata.category(character) == "Cc" and character not in "\t\n\r\f\v"


def read_text(path: str | Path) -> str:
    """The decoded text of `path`; raises InputError with the reason when it cannot be read."""
    return read_input(str(path)).text


def read_input(source: str, stdin: BinaryIO | None = None, max_size: int = MAX_SIZE) -> Input:
    """The file `source` (or standard input for "-") decoded, or the article of a saved web page;
    raises InputError when it cannot be read or holds more than `max_size` bytes."""
    if source == STDIN:
        data = stdin.read(max_size + 1) if stdin is not None else b""
        if len(data) > max_size:
            raise InputError(source, too_large(None, max_size))
    else:
        data = read_bytes(source, max_size)
    if webpage.is_page(source, data):
        page = webpage.read_page(data)
        return Input(source, page.text, page.warnings, page.metadata)
    text, warning = decode(data, source)
    return Input(source, text, (warning,) if warning else ())


def read_inputs(sources: Iterable[str], stdin: BinaryIO | None = None,
                max_size: int = MAX_SIZE) -> Iterator[Input | Unreadable]:
    """Each source read in turn, lazily (a batch holds only the texts in flight)."""
    for source in sources:
        try:
            yield read_input(source, stdin, max_size)
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


def read_bytes(source: str, max_size: int) -> bytes:
    """The bytes of a regular file of at most `max_size` bytes. The file is opened without waiting
    (a FIFO would block until someone writes to it) and its size checked before it is read."""
    if is_url(source):
        data = read_url(source)
        if len(data) > max_size:
            raise InputError(source, too_large(len(data), max_size))
        return data
    try:
        descriptor = os.open(source, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as error:
        raise InputError(source, error.strerror or str(error)) from None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise InputError(source, "is a directory")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(source, f"not a regular file ({file_kind(status.st_mode)})")
        if status.st_size > max_size:
            raise InputError(source, too_large(status.st_size, max_size))
        try:
            data = file.read(max_size + 1)
        except OSError as error:
            raise InputError(source, error.strerror or str(error)) from None
    if len(data) > max_size:  # it grew while being read
        raise InputError(source, too_large(None, max_size))
    return data


def file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def too_large(size: int | None, max_size: int) -> str:
    actual = f"{human_size(size)}, " if size is not None else ""
    return f"too large: {actual}more than --max-size {human_size(max_size)}"


def human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1e6:,.1f} MB"
    return f"{size / 1e3:,.1f} KB" if size >= 1000 else f"{size} bytes"
