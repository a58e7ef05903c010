"""The `extract` command: output that chooses itself, errors per input, exit codes, streams.

Most tests run in-process (see conftest.py); a few run the real command in a subprocess.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import extract
from extract.cli import ExitStatus
from extract.writers import OutputFormat, OutputOptions

from conftest import REPO, SEED, fake_environment, invoke, preloaded


def test_a_terminal_gets_a_readable_summary_with_the_title(cli, nlp, seed_text):
    title = extract.extract_text(seed_text, nlp).metadata.title
    run = cli(SEED, terminal=True)
    assert run.exit_code == ExitStatus.OK
    assert title and title in run.stdout
    assert "People" in run.stdout
    assert not run.stdout.lstrip().startswith("{")


def test_a_pipe_gets_one_json_document(cli):
    run = cli(SEED)
    assert run.exit_code == ExitStatus.OK
    record = json.loads(run.stdout)
    assert record["schema_version"] == "1"
    assert record["source"] == SEED
    assert run.stderr == ""


def test_several_files_give_json_lines_in_input_order(cli, tmp_path, seed_text_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed_text_path.read_bytes())
    run = cli(copy, SEED, copy)
    assert run.exit_code == ExitStatus.OK
    assert [record["source"] for record in run.json_lines()] == [str(copy), SEED, str(copy)]


def test_a_folder_gives_json_lines_of_its_text_files_recursively_in_sorted_order(cli, corpus):
    run = cli(corpus)
    assert [record["source"] for record in run.json_lines()] == [
        str(corpus / "a.txt"), str(corpus / "b.txt"), str(corpus / "sub" / "c.txt")]


def test_glob_chooses_the_files_taken_from_folders(cli, corpus):
    run = cli(corpus, "--glob", "*.md")
    assert [record["source"] for record in run.json_lines()] == [str(corpus / "notes.md")]


def test_standard_input_is_read_with_dash(cli, seed_text_path):
    run = cli("-", stdin=seed_text_path.read_bytes())
    record = json.loads(run.stdout)
    assert record["source"] == "-"
    assert record["text_sha256"] == json.loads(cli(SEED).stdout)["text_sha256"]


@pytest.mark.parametrize("args, terminal, expect", [
    (["--format", "json"], True, "json"),
    (["--format", "jsonl"], True, "jsonl"),
    (["--format", "table"], False, "table"),
    (["-f", "jsonl"], False, "jsonl"),
])
def test_format_forces_the_output(cli, args, terminal, expect):
    out = cli(SEED, *args, terminal=terminal).stdout
    if expect == "table":
        assert "Article" in out and not out.startswith("{")
    elif expect == "jsonl":
        assert len(out.splitlines()) == 1 and json.loads(out)["source"] == SEED
    else:
        assert out.startswith("{\n") and json.loads(out)["source"] == SEED


def test_json_for_several_inputs_is_one_array(cli):
    records = json.loads(cli(SEED, SEED, "--format", "json").stdout)
    assert [record["source"] for record in records] == [SEED, SEED]


def test_schema_is_a_json_schema_and_needs_neither_paths_nor_a_model(cli):
    def no_model(model):
        raise AssertionError("--schema must not load a pipeline")

    run = cli("--schema", load_pipeline=no_model)
    assert run.exit_code == ExitStatus.OK
    schema = json.loads(run.stdout)
    assert {"quotes", "figures", "agreements", "entities"} <= set(schema["properties"])


def test_a_missing_file_is_one_error_line_and_the_others_are_still_written(cli):
    run = cli(SEED, "no/such/article.txt", SEED)
    assert run.exit_code == ExitStatus.ERROR
    assert run.error_lines() == ["extract: error: no/such/article.txt: no such file"]
    assert "Traceback" not in run.stderr
    assert [record["source"] for record in run.json_lines()] == [SEED, SEED]


def test_a_file_that_is_not_text_is_reported_by_name(cli, tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\xff")
    run = cli(binary)
    assert run.exit_code == ExitStatus.ERROR
    assert run.error_lines() == [f"extract: error: {binary}: binary data, not text (it contains NUL bytes)"]
    assert run.stdout == ""


def test_a_missing_model_is_a_one_line_usage_error(cli):
    run = cli(SEED, "--model", "no_such_spacy_model")
    assert run.exit_code == ExitStatus.USAGE
    assert len(run.stderr.splitlines()) == 1
    assert "no_such_spacy_model" in run.error_lines()[0]
    assert run.stdout == ""


def test_no_paths_is_a_usage_error(cli):
    assert cli().exit_code == ExitStatus.USAGE


def test_output_file_is_written_whole_and_its_extension_sets_the_format(cli, tmp_path, corpus):
    lines_file, json_file = tmp_path / "out.jsonl", tmp_path / "out.json"
    run = cli(corpus, "-o", lines_file, terminal=True)
    assert run.exit_code == ExitStatus.OK and run.stdout == ""
    assert len(lines_file.read_text(encoding="utf-8").splitlines()) == 3
    cli(SEED, "--output", json_file, terminal=True)
    assert json.loads(json_file.read_text(encoding="utf-8"))["source"] == SEED
    assert sorted(path.name for path in tmp_path.iterdir()) == ["corpus", "out.json", "out.jsonl"]


def test_a_path_written_as_a_folder_gets_csv_tables_and_a_csv_file_name_is_a_usage_error(cli, tmp_path):
    run = cli(SEED, "-o", f"{tmp_path / 'tables'}/")
    assert run.exit_code == ExitStatus.OK
    assert (tmp_path / "tables" / "quotes.csv").is_file()
    run = cli(SEED, "-o", tmp_path / "articles.csv")
    assert run.exit_code == ExitStatus.USAGE and "give one, e.g. -o tables/" in run.stderr
    assert not (tmp_path / "articles.csv").exists()


def test_output_into_a_missing_folder_is_a_usage_error(cli, tmp_path):
    assert cli(SEED, "-o", tmp_path / "nowhere" / "out.json").exit_code == ExitStatus.USAGE


def test_record_warnings_go_to_stderr_unless_quiet(cli):
    assert "extract: warning: -:" in cli("-", stdin=b"").stderr
    assert cli("-", "--quiet", stdin=b"").stderr == ""


def test_interrupt_exits_130_quietly(cli):
    def interrupted(model):
        raise KeyboardInterrupt

    run = cli(SEED, load_pipeline=interrupted)
    assert run.exit_code == ExitStatus.INTERRUPTED
    assert run.stderr == ""


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError


def test_a_closed_pipe_ends_quietly_in_process(nlp, monkeypatch):
    monkeypatch.chdir(REPO)
    env = fake_environment(terminal=False, stdout=ClosedPipe(), load_pipeline=preloaded(nlp))
    run = invoke([SEED, SEED], env)
    assert run.exit_code == ExitStatus.OK
    assert run.stderr == ""


def test_an_unexpected_error_is_one_line_and_debug_shows_it(cli):
    def broken(model):
        raise RuntimeError("component exploded")

    run = cli(SEED, load_pipeline=broken)
    assert run.exit_code == ExitStatus.ERROR
    assert run.error_lines() == ["extract: error: unexpected RuntimeError: component exploded "
                                 "(run with --debug for the traceback)"]
    with pytest.raises(RuntimeError, match="component exploded"):
        cli(SEED, "--debug", load_pipeline=broken)


@pytest.mark.parametrize("output_format, path, terminal, single, expect", [
    (None, None, True, True, OutputFormat.table),
    (None, None, False, True, OutputFormat.json),
    (None, None, False, False, OutputFormat.jsonl),
    (None, "out.jsonl", True, True, OutputFormat.jsonl),
    (None, "out.JSON", False, False, OutputFormat.json),
    (None, "out.txt", True, True, OutputFormat.json),
    (None, "out.txt", True, False, OutputFormat.jsonl),
    (OutputFormat.table, "out.jsonl", False, False, OutputFormat.table),
])
def test_the_format_follows_the_output_and_the_input(output_format, path, terminal, single, expect):
    options = OutputOptions(output_format, Path(path) if path else None)
    assert options.resolve_format(stdout_isatty=terminal, single_input=single) is expect


def run_command(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=REPO, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=300, **kwargs)


def test_the_real_command_pipes_one_json_document():
    done = run_command(SEED)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["source"] == SEED
    assert "Traceback" not in done.stderr


def test_the_real_command_ends_quietly_when_the_reader_stops():
    """`extract many... | head -1`: the rest of the output has nowhere to go; no traceback, exit 0."""
    many = [SEED] * 40  # far more than a pipe buffer holds
    process = subprocess.Popen([sys.executable, "-m", "extract", *many], cwd=REPO, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=300) == 0, stderr
    assert json.loads(first)["source"] == SEED
    assert stderr == ""


def test_the_real_command_prints_the_schema_without_paths():
    done = run_command("--schema")
    assert done.returncode == 0, done.stderr
    assert "properties" in json.loads(done.stdout)


def test_a_batch_shows_progress_on_a_terminal_stderr_and_nothing_on_a_pipe(nlp, corpus, tmp_path):
    def run(stderr_isatty: bool, *args: str) -> str:
        env = fake_environment(terminal=False, load_pipeline=preloaded(nlp))
        env.stderr_isatty = stderr_isatty
        assert invoke([corpus, "-o", tmp_path / "out.jsonl", *args], env).exit_code == ExitStatus.OK
        return env.stderr.getvalue()

    shown = run(True)
    assert "extracting" in shown and "3/3" in shown  # the bar's last frame: articles done of all
    assert "3 articles" in shown  # and the summary line
    assert "extracting" not in run(False) and "3 articles" in run(False)
    assert run(True, "--quiet") == ""
