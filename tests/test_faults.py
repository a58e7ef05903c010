"""Bad input, faults and interruptions: a clear one-line error per input, the batch goes on,
nothing is lost, and odd but valid text gives a normal record."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

import extract
from extract.batch import WORKER_DIED, Extracted, Extractor, Failed, work
from extract.cli import ExitStatus
from extract.readers import Input, read_inputs

from conftest import REPO
from test_spans import spans


def png_image() -> bytes:
    """A real 4x1 PNG: what an image saved into an article folder looks like."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixels = zlib.compress(b"\x00" + b"\xff" * 12)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 1, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def assert_true_to_text(record: dict, text: str) -> None:
    for span in spans(record):
        assert text[span["start"]:span["end"]] == span["text"]


# --- unreadable inputs: an error each, the rest of the batch written ------------------------

def test_unreadable_inputs_fail_one_by_one_and_the_batch_goes_on(cli, tmp_path, seed_text_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-article.txt").write_bytes(seed_text_path.read_bytes())
    (folder / "b-image.txt").write_bytes(png_image())
    (folder / "c-nul.txt").write_bytes(b"text\x00with a NUL byte")
    os.mkfifo(folder / "d-fifo.txt")
    (folder / "e-huge.txt").touch()
    os.truncate(folder / "e-huge.txt", 50_000_000)  # sparse: 50 MB that are never written or read
    (folder / "loop").symlink_to(folder)  # a symlink loop must not hang the folder walk
    errors = tmp_path / "errors.jsonl"

    run = cli(folder, "/dev/null", tmp_path / "missing.txt", "-f", "jsonl", "--errors", errors)

    assert run.exit_code == ExitStatus.ERROR
    assert [record["source"] for record in run.json_lines()] == [str(folder / "a-article.txt")]
    reasons = {Path(failure["source"]).name: failure["reason"]
               for failure in map(json.loads, errors.read_text().splitlines())}
    assert reasons == {
        "b-image.txt": "binary data, not text (it contains NUL bytes)",
        "c-nul.txt": "binary data, not text (it contains NUL bytes)",
        "d-fifo.txt": "not a regular file (a FIFO)",
        "e-huge.txt": "too large: 50.0 MB, more than --max-size 10.0 MB",
        "null": "not a regular file (a character device)",
        "missing.txt": "no such file",
    }
    assert len(run.error_lines()) == len(reasons)  # one line each on stderr, and no traceback
    assert "Traceback" not in run.stderr


def test_max_size_can_be_raised_and_lowered(cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("President Anna Berg said the talks went well. " * 50)
    assert cli(article, "--max-size", "1KB").error_lines() == \
        [f"extract: error: {article}: too large: 2.3 KB, more than --max-size 1.0 KB"]
    assert cli(article, "--max-size", "1MB").exit_code == ExitStatus.OK
    assert cli(article, "--max-size", "lots").exit_code == ExitStatus.USAGE


def test_standard_input_over_the_limit_is_refused_without_reading_it_all(cli):
    run = cli("-", "--max-size", "100", stdin=b"word " * 1000)
    assert run.error_lines() == ["extract: error: -: too large: more than --max-size 100 bytes"]


def test_permission_denied_and_a_file_deleted_after_listing(tmp_path, monkeypatch):
    locked, deleted, fine = tmp_path / "locked.txt", tmp_path / "deleted.txt", tmp_path / "fine.txt"
    for path in (locked, deleted, fine):
        path.write_text("Some text.")
    real_open = os.open

    def open_as_a_stranger(path, *args, **kwargs):  # tests run as root, whom chmod does not stop
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_as_a_stranger)
    listed = [str(locked), str(deleted), str(fine)]
    deleted.unlink()
    results = list(read_inputs(listed))
    assert [getattr(result, "reason", None) for result in results] == ["permission denied", "no such file", None]


# --- odd but valid text: a normal record each ------------------------------------------------

ODD_TEXTS = {
    "empty": "",
    "whitespace only": " \n\t \n\n ",
    "no sentence punctuation": "the minister said trade would grow and the talks went on into the night",
    "only numbers": "12 345 6.7 8,900 10% $11 12-13 1e5",
    "control characters": "Minister\x01 Ana\x02 Diaz said\x07 \x1b[31mthe deal\x1b[0m was worth $5 million.",
    "mixed scripts and emoji": "Путин и 习近平 met in Astana 🇰🇿 🙂. “Good talks,” said Ana Diaz 👍.",
    "right-to-left": "قال الوزير إن الاتفاق مهم. השר אמר שההסכם חשוב. Ana Diaz said it was “important”.",
    "odd number of quote marks": 'He said "yes. She said "no," and "maybe" he added.',
    "unclosed quote to the end": "Ana Diaz said: “We will sign six agreements worth $2 billion and more",
    "CRLF and lone CR": "Title\r\n\r\nAna Diaz said trade rose 5%.\rShe added: “Good.”\r\n",
}


@pytest.mark.parametrize("name", ODD_TEXTS)
def test_odd_but_valid_text_gives_a_normal_record(cli, tmp_path, name):
    text = ODD_TEXTS[name]
    path = tmp_path / "odd.txt"
    path.write_bytes(text.encode("utf-8"))
    run = cli(path, "-f", "jsonl")
    assert run.exit_code == ExitStatus.OK, run.stderr
    [record] = run.json_lines()
    assert record["text_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert_true_to_text(record, text)
    if not text.strip():
        assert record["warnings"]


def test_one_line_of_half_a_million_characters(nlp):
    sentences = ["President Anna Berg said the deal was worth $5 million.", "“We will sign it soon,” she added.",
                 "He told reporters that trade rose 12 percent.", "According to officials, around 300 people came."]
    text = ""
    while len(text) < 500_000:
        text += sentences[len(text) % len(sentences)] + " "
    record = extract.extract_text(text, nlp).model_dump(mode="json")
    assert record["quotes"] and record["figures"]
    assert_true_to_text(record, text)


# --- guarantees -------------------------------------------------------------------------------

def run_command(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", *map(str, args)], cwd=REPO, capture_output=True,
                          **kwargs)


def test_output_is_byte_identical_across_runs_and_worker_counts(tmp_path, seed_text_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for k, text in enumerate(["Ana Diaz said trade rose 5% to $2 billion.", seed_text_path.read_text(),
                              "“We signed six agreements,” the minister said."]):
        (folder / f"{k}.txt").write_text(text)
    outputs = [run_command(folder, "-f", "jsonl", "--workers", workers).stdout for workers in (1, 2, 1)]
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_a_stopped_batch_keeps_whole_records_and_resumes(tmp_path, seed_text_path, stop):
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(40):
        (folder / f"{k:02}.txt").write_text(f"Article {k}. " + seed_text_path.read_text())
    output = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "extract", folder, "-o", output, "--workers", "1", "-q"],
                               cwd=REPO, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while (not output.exists() or output.read_bytes().count(b"\n") < 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == (ExitStatus.INTERRUPTED if stop == signal.SIGINT else ExitStatus.TERMINATED)
    assert b"Traceback" not in stderr
    kept = output.read_bytes()
    assert kept.endswith(b"\n") and 2 <= kept.count(b"\n") < 40
    first = [json.loads(line)["source"] for line in kept.splitlines()]

    resumed = run_command(folder, "-o", output, "--resume", "--workers", "1")
    assert resumed.returncode == ExitStatus.OK, resumed.stderr
    sources = [json.loads(line)["source"] for line in output.read_text().splitlines()]
    assert sources[:len(first)] == first
    assert sorted(sources) == sorted(str(path) for path in folder.glob("*.txt"))  # each once


def test_resume_cuts_off_a_half_written_last_line(cli, tmp_path, seed_text_path):
    output = tmp_path / "out.jsonl"
    assert cli(seed_text_path, "-o", output).exit_code == ExitStatus.OK
    whole = output.read_text()
    output.write_text(whole + whole[:50])  # a run killed in the middle of its second line
    other = tmp_path / "other.txt"
    other.write_text("Ana Diaz said trade rose 5%.")
    run = cli(seed_text_path, other, "-o", output, "--resume")
    assert run.exit_code == ExitStatus.OK
    lines = output.read_text().splitlines()
    assert [json.loads(line)["source"] for line in lines] == [str(seed_text_path), str(other)]
    assert "1 already in" in run.stderr


def kills_its_worker(model, chunk):
    """A worker task that dies, as a killed or out-of-memory process does, on one article."""
    if any(isinstance(item, Input) and "DIE" in item.text for item in chunk):
        os.kill(os.getpid(), signal.SIGKILL)
    return work(model, chunk)


def test_a_worker_that_dies_costs_only_the_article_it_held():
    items = [Input(f"{k}.txt", f"Ana Diaz said trade rose {k}%." + (" DIE" if k == 5 else "")) for k in range(12)]
    with Extractor(workers=2, model=None, task=kills_its_worker, chunk_size=4) as extractor:
        results = list(extractor.run(items))
    assert [result.source for result in results] == [item.source for item in items]
    assert [result for result in results if isinstance(result, Failed)] == [Failed("5.txt", WORKER_DIED)]
    assert all(isinstance(result, Extracted) for k, result in enumerate(results) if k != 5)


def test_no_network_at_run_time(nlp, seed_text, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the extractor tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert extract.extract_text(seed_text, nlp).quotes
