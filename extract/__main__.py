"""`python -m extract`: the same command as the `extract` console script."""
from .cli import main

main()
