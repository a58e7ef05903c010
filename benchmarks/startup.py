"""Start-up: `extract SHORT.txt --format json` against importing spaCy and loading the model.

Both run as whole processes, in turn (A B A B ...), and the medians are compared as a ratio
(extract's time / spaCy's): 1.0 means the command starts as fast as the model alone loads.

    python benchmarks/startup.py              # 15 rounds on a short article written here
    python benchmarks/startup.py --rounds 31
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHORT = ('Trade between the two countries reached around $1 billion last year, Minister Jane Doe said '
         'on Tuesday.\n\n"We signed six agreements," she added.\n')


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--cmd", default="extract", help="the extractor command (default: extract)")
    args = parser.parse_args()
    from extract.pipeline import default_model

    with tempfile.TemporaryDirectory() as folder:
        short = Path(folder) / "short.txt"
        short.write_text(SHORT, encoding="utf-8")
        bare = [sys.executable, "-c", f"import spacy; spacy.load({default_model()!r})"]
        tool = [*args.cmd.split(), str(short), "--format", "json"]
        timed(bare), timed(tool)  # warm-up: the file cache
        times: dict[str, list[float]] = {"bare": [], "tool": []}
        for _ in range(args.rounds):
            times["bare"].append(timed(bare))
            times["tool"].append(timed(tool))
    bare_median, tool_median = statistics.median(times["bare"]), statistics.median(times["tool"])
    print(f"import spaCy + load the model: {bare_median:.3f} s; extract a short article: {tool_median:.3f} s; "
          f"ratio {tool_median / bare_median:.2f}x (medians of {args.rounds})")


if __name__ == "__main__":
    main()
