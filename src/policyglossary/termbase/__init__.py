"""Work on whole term bases: lint rules (`lint`), lookup (`lookup`), concept-level diffs
(`diff`, `compare`), merging an imported file (`merge`) and reading a git revision of the
canonical folder (`git`)."""
