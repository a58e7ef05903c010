"""What every writer shares: the `Writer` base, a file written whole or not at all, and how a
figure's value reads. Here, so that the writers (writers.py), the HTML report (report.py) and the
tables (tables.py) import it without importing one another."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .batch import Extracted

PLACE_LABELS = ("GPE", "LOC", "FAC")


class Writer:
    """Takes records one at a time; `close` finishes the document (a JSON array's bracket)."""

    def write(self, record: Extracted) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def has(self, key: str) -> bool:
        """Whether the output already holds the input with this readers.done_key (only a database
        or a resumed file outlives a run)."""
        return False


@contextmanager
def atomic_output(path: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """A file that appears at `path` complete or not at all: written beside it, then renamed over it."""
    target = Path(path)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline=newline, dir=target.parent,
                                         prefix=f".{target.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, file_mode(target))
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def file_mode(target: Path) -> int:
    """The mode a plain open() would give: the old file's, or 0o666 less the umask (temp files get 0o600)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def figure_value(value: float | None, low: float | None, high: float | None) -> str:
    """The value, or the range low–high when the figure is one."""
    if value is not None:
        return number(value)
    if low is not None or high is not None:
        return f"{number(low) if low is not None else ''}–{number(high) if high is not None else ''}"
    return ""


def number(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:,g}"
