"""Shared fixtures: one spaCy pipeline for the whole session (loading it takes seconds), sample
paths, and the command run in-process.

CLI tests run the Typer app through CliRunner with a fake Environment (a terminal or a pipe,
streams we can read, one core) and the session's already loaded pipeline; a few run the real
command in a subprocess, where closed pipes, signals and exit codes are the real thing.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO / "samples"
SEED_NAME = "rwanda-kazakhstan-interview.txt"
SEED = f"samples/{SEED_NAME}"


@pytest.fixture(scope="session")
def nlp():
    import extract

    return extract.load_pipeline()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES_DIR


@pytest.fixture(scope="session")
def seed_text_path(samples_dir: Path) -> Path:
    return samples_dir / SEED_NAME


@pytest.fixture(scope="session")
def seed_text(seed_text_path: Path) -> str:
    """The seed article decoded as the library decodes it, so offsets agree."""
    import extract

    return extract.read_text(seed_text_path)


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json_lines(self) -> list[dict]:
        return [json.loads(line) for line in self.stdout.splitlines()]

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("extract: error:")]


def preloaded(nlp):
    """A pipeline loader that hands out the session's model and loads only other names."""
    import extract

    return lambda model: nlp if model is None else extract.load_pipeline(model)


def fake_environment(*, terminal: bool, stdin: bytes = b"", stdout=None, load_pipeline):
    """Streams to read back, terminals as asked, and one core: batches run in the test process."""
    from extract.cli import Environment

    return Environment(stdin=io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
                       stdout=stdout or io.StringIO(), stderr=io.StringIO(),
                       stdin_isatty=False, stdout_isatty=terminal, stderr_isatty=False,
                       load_pipeline=load_pipeline, cores=1)


def invoke(args, env) -> Run:
    from extract.cli import app

    result = CliRunner().invoke(app, [str(arg) for arg in args], obj=env, env={"COLUMNS": "200"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    stdout = env.stdout.getvalue() if isinstance(env.stdout, io.StringIO) else ""
    return Run(result.exit_code, stdout, env.stderr.getvalue() + result.stderr)


@pytest.fixture
def cli(nlp, monkeypatch):
    """Run the command in the repository root, with stdout a pipe unless terminal=True."""
    monkeypatch.chdir(REPO)

    def run(*args, terminal: bool = False, stdin: bytes = b"", load_pipeline=None) -> Run:
        env = fake_environment(terminal=terminal, stdin=stdin, load_pipeline=load_pipeline or preloaded(nlp))
        return invoke(args, env)

    return run


@pytest.fixture
def corpus(tmp_path, seed_text_path):
    """A folder with articles at two depths and a file the default glob leaves out."""
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    for name in ("b.txt", "a.txt", "sub/c.txt", "notes.md"):
        (folder / name).write_bytes(seed_text_path.read_bytes())
    return folder
