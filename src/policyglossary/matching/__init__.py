"""Finding terms in text: Chinese normalisation and script conversion (`chinese`), the
English renderings' inflection-tolerant matching (`english`), the term base compiled into one
automaton with per-concept data (`matcher`), and numbers (`numbers`).

Everything here is pure computation over `model` objects: no files, no findings.
"""
