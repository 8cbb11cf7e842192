"""Renderers: findings, concepts and term base diffs as text, JSON, Markdown, GitHub
annotations and spreadsheets.

Renderers turn plain data (`model`, `termbase.diff`) into strings, chunks of a string, or
bytes written to a stream they are given. They never open files or print: the command line
decides where output goes (atomically, see `fsutil.atomic_write`).
"""
