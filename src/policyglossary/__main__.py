"""`python -m policyglossary` runs the command line."""

from .cli._app import main

main(prog_name="policyglossary")
