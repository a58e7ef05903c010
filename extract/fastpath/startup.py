"""Start-up: spaCy without its command line, in the command's own processes.

`import spacy` also imports spaCy's command line (spacy/cli: its download, train, package and
project commands, with requests, httpx, jinja2 and weasel), which running a pipeline never
uses; it is about a fifth of the time taken to import spaCy and load the model. `import_spacy`
puts stand-ins in the place of `spacy.cli` and `spacy.cli.info` (the one module spaCy's own
__init__ takes a name from), and a stand-in imports the real module the first time anything
asks it for something. Only the command's processes do this (batch.py: the process running
the pipeline, and each worker); a library user's `import spacy` is left as it is.

`load_and_freeze` loads the pipeline with Python's cyclic garbage collector paused, then freezes
what it made (gc.freeze): the vocabulary, tables and compiled rules live as long as the process,
and every collection while loading, and every full one afterwards, would walk them for nothing.
"""
from __future__ import annotations

import gc
import importlib
import importlib.util
import sys
import types
from collections.abc import Callable
from typing import TypeVar

Loaded = TypeVar("Loaded")

CLI, CLI_INFO = "spacy.cli", "spacy.cli.info"


class StandIn(types.ModuleType):
    """A spaCy command-line module, not imported until something reads from it."""

    def __getattr__(self, name: str):
        if name.startswith("__"):  # the import system's and tools' probes do not import it
            raise AttributeError(name)
        return getattr(real_module(self.__name__), name)


def real_module(name: str) -> types.ModuleType:
    """Import the real spacy.cli (or a module in it) in the stand-ins' place."""
    for module in (CLI_INFO, CLI):
        if isinstance(sys.modules.get(module), StandIn):
            del sys.modules[module]
    return importlib.import_module(name)


def info(*args, **kwargs):
    """spacy.info, which imports spaCy's command line when called."""
    return real_module(CLI_INFO).info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """spaCy, imported (when it is not yet) without its command line."""
    if "spacy" not in sys.modules:
        spec = importlib.util.find_spec("spacy")
        if spec is not None and spec.submodule_search_locations:
            cli = StandIn(CLI)
            cli.__path__ = [f"{location}/cli" for location in spec.submodule_search_locations]
            cli_info = StandIn(CLI_INFO)
            cli_info.info = info
            sys.modules[CLI], sys.modules[CLI_INFO] = cli, cli_info
            try:
                import spacy
            except BaseException:
                for module in (CLI_INFO, CLI):
                    sys.modules.pop(module, None)
                raise
            if not hasattr(spacy, "cli"):
                spacy.cli = cli
    import spacy

    return spacy


def load_and_freeze(load: Callable[[], Loaded]) -> Loaded:
    """What `load` returns, made with the garbage collector paused; all it made is then frozen."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return load()
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
