"""`python -m policyglossary` runs the command line."""

from .cli import main

main(prog_name="policyglossary")
