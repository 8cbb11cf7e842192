"""Terminology work on new texts and translation memories: `extract` finds candidate terms
the term base lacks, `survey` counts how its concepts were actually rendered."""
