"""Matrix products on a CPU that spaCy's matrix library does not know.

spaCy's networks multiply matrices with blis, which picks its kernels by the CPU it detects. On
a CPU it does not recognise it falls back to its generic reference kernel, which does not use the
CPU's vector units, and the networks run several times slower than they could: this machine's AMD
EPYC (family 1Ah, Zen 5) is one (`BLIS_ARCH_DEBUG=1` prints "selecting sub-configuration
'generic'"), as Zen 3 was in its time (explosion/cython-blis#53). There, and only there, the
command's processes use thinc's own switch, NumpyOps(use_blis=False), so that the networks'
matrix products go through numpy's BLAS, held to one thread per process so that a worker uses
one core. The model package, its weights and every other operation stay as they are.
EXTRACT_MATMUL=blis keeps blis whatever the CPU.
"""
from __future__ import annotations

import ctypes
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

GENERIC = "generic"  # blis's name for its reference kernel
SETTING = "EXTRACT_MATMUL"  # "blis" keeps blis whatever the CPU


def blis_kernel() -> str | None:
    """The name of the kernel configuration blis chose for this CPU, None when blis does not say."""
    try:
        import blis.cy

        library = ctypes.CDLL(blis.cy.__file__)
        library.bli_arch_string.restype = ctypes.c_char_p
        return library.bli_arch_string(library.bli_arch_query_id()).decode()
    except (ImportError, OSError, AttributeError):
        return None


def fit_matmul_to_cpu(nlp: Language) -> str:
    """The library `nlp`'s networks multiply matrices with from now on: "numpy" where blis would
    run its generic kernel, else "blis" (unchanged)."""
    if os.environ.get(SETTING) == "blis" or blis_kernel() != GENERIC:
        return "blis"
    use_numpy_matmul(nlp)
    return "numpy"


def use_numpy_matmul(nlp: Language) -> None:
    """Route the matrix products of `nlp`'s networks through numpy's BLAS, on one thread."""
    from thinc.api import Model, NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
