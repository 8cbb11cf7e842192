"""A static website of the term base (`policyglossary site -o DIR`).

`index.html` lists every concept by subject field, with a status filter and a search that
behaves like `lookup`; `concepts/<id>.html` shows one concept with every field. The search
index is a script (`assets/search-index.js`), not a JSON file to fetch, so the site works
from file:// as well as from any static host; nothing is loaded from the network.

Search: Chinese queries match any part of a term in any script (Simplified, and the
Traditional, Taiwan and Hong Kong forms), a Traditional query is also converted to
Simplified character by character (OpenCC's t2s table, cut down to the characters the term
base uses); English queries match every rendering of any status, ignoring case, hyphens and
regular inflection, with the key `lookup` uses computed here for every rendering and by the
page's script (a port of `matching.english_key`) for the query.

Nothing here writes files: `site_files` yields (relative path, bytes) for the caller to write.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

from .._version import __version__
from ..matching.chinese import normalize_source, to_simplified, variant_forms
from ..matching.english import english_key
from ..model import Concept, Term, TermBase
from .html import asset, script_json

MARKER = ".policyglossary-site"
"""Marks a folder as a site this command wrote (so that it may replace it)."""
_CJK_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _link(source: str) -> str:
    if source.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(source)}" rel="noopener noreferrer">{_e(source)}</a>'
    return _e(source)


def site_files(termbase: TermBase, title: str | None = None) -> Iterator[tuple[str, bytes]]:
    """Every file of the site, as (path relative to the site's folder, content)."""
    title = title or termbase.info.name or "Term base"
    concepts = sorted(termbase.concepts, key=lambda c: (c.subject_field, c.headword, c.id))
    yield "index.html", _page(title, title, _index_body(termbase, concepts), "").encode()
    for concept in concepts:
        body = _concept_body(concept)
        yield (f"concepts/{concept.id}.html",
               _page(f"{concept.headword} · {title}", title, body, "../").encode())
    yield "assets/site.css", asset("site.css").encode()
    yield "assets/site.js", asset("site.js").encode()
    yield "assets/search-index.js", search_index(termbase).encode()
    yield ".nojekyll", b""
    yield MARKER, f"written by policyglossary {__version__}\n".encode()


def _page(title: str, site_title: str, body: str, root: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="policyglossary {_e(__version__)}">
<title>{_e(title)}</title>
<link rel="stylesheet" href="{root}assets/site.css">
</head>
<body>
<header><a class="home" href="{root}index.html">{_e(site_title)}</a>
<form class="search" action="{root}index.html" role="search">
<input type="search" name="q" id="q" placeholder="双千兆 · 雙千兆 · double gigabit"
 autocomplete="off" aria-label="Search the term base">
<button type="submit">Search</button></form></header>
<main>
{body}
</main>
<footer>Made with policyglossary {_e(__version__)}.</footer>
<script src="{root}assets/search-index.js"></script>
<script src="{root}assets/site.js" data-root="{root}"></script>
</body>
</html>
"""


def _statuses(concept: Concept) -> list[str]:
    tags = ["verified" if concept.verified else "unverified"]
    tags += [status for status in ("forbidden", "superseded")
             if any(t.status == status for t in concept.en)]
    return tags


def _index_body(termbase: TermBase, concepts: list[Concept]) -> str:
    fields: dict[str, list[Concept]] = {}
    for concept in concepts:
        fields.setdefault(concept.subject_field or "", []).append(concept)
    counts = {tag: sum(1 for c in concepts if tag in _statuses(c))
              for tag in ("verified", "unverified", "forbidden", "superseded")}
    out = [f"<h1>{_e(termbase.info.name or 'Term base')}</h1>"]
    if termbase.info.description:
        out.append(f'<p class="lead">{_e(termbase.info.description)}</p>')
    out.append(f'<p class="lead">{len(concepts)} concepts in {len(fields)} subject fields. '
               "Search in Simplified or Traditional Chinese or in English (any rendering, "
               "forbidden ones too).</p>")
    out.append('<section id="results" hidden><h2>Search results</h2>'
               '<p id="result-count"></p><ol id="hits"></ol></section>')
    options = "".join(f'<option value="{_e(f)}">{_e(f or "(none)")} ({len(c)})</option>'
                      for f, c in fields.items())
    labels = {"verified": "verified", "unverified": "unverified (renderings not attested)",
              "forbidden": "with forbidden renderings",
              "superseded": "with superseded renderings"}
    statuses = "".join(f'<option value="{tag}">{labels[tag]} ({counts[tag]})</option>'
                       for tag in labels if counts[tag])
    out.append('<section id="browse"><h2>Browse</h2><p class="facets">'
               '<label>subject field <select id="subject"><option value="">all</option>'
               f'{options}</select></label> <label>status <select id="status">'
               f'<option value="">all</option>{statuses}</select></label> '
               '<span id="shown"></span></p>')
    for field, members in fields.items():
        out.append(f'<div class="field" data-subject="{_e(field)}">'
                   f'<h3 id="subject-{_e(field)}">{_e(field or "(no subject field)")} '
                   f'<span class="n">({len(members)})</span></h3><table class="concepts">'
                   "<tr><th>Chinese</th><th>Traditional</th><th>English</th>"
                   "<th>status</th></tr>")
        for c in members:
            hant = variant_forms(c.zh[0])["zh-Hant"] if c.zh else ""
            preferred = c.preferred_en.text if c.preferred_en else ""
            tags = _statuses(c)
            out.append(f'<tr data-status="{" ".join(tags)}"><td lang="zh-CN">'
                       f'<a href="concepts/{_e(c.id)}.html">{_e(c.headword)}</a></td>'
                       f'<td lang="zh-Hant">{_e(hant if hant != c.headword else "")}</td>'
                       f'<td lang="en">{_e(preferred)}</td><td>{_e(", ".join(tags))}</td></tr>')
        out.append("</table></div>")
    out.append("</section>")
    return "\n".join(out)


def _zh_row(term: Term) -> str:
    forms = variant_forms(term)
    cells = "".join(
        f'<td lang="{tag}">{_e(forms[tag])}'
        f'{"" if term.explicit_variant(tag) else " <small>(derived)</small>"}</td>'
        for tag in ("zh-Hant", "zh-TW", "zh-HK"))
    return (f'<tr class="st-{term.status}"><td lang="zh-CN">{_e(term.text)}</td>'
            f"<td>{_e(term.status)}</td>{cells}</tr>")


def _en_row(concept: Concept, term: Term) -> str:
    details = [term.type] if term.type != "fullForm" else []
    if term.part_of_speech:
        details.append(term.part_of_speech)
    if term.case_sensitive:
        details.append("case-sensitive")
    why = [term.reason] if term.reason else []
    if term.rejected:
        replacement = concept.replacement_for(term)
        if replacement:
            why.append(f"use: {replacement}")
    if term.note:
        why.append(term.note)
    return (f'<tr class="st-{term.status}"><td lang="en">{_e(term.text)}</td>'
            f'<td class="status">{_e(term.status)}</td><td>{_e(", ".join(details))}</td>'
            f"<td>{_e(' · '.join(why))}</td></tr>")


def _highlighted_context(concept: Concept) -> str:
    """The context sentence with the concept's term (in any script) marked."""
    text = concept.context
    normalized = normalize_source(text)
    if len(normalized) != len(text):
        return _e(text)
    forms = sorted({normalize_source(f) for t in concept.zh
                    for f in (t.text, *variant_forms(t).values())}, key=len, reverse=True)
    for form in forms:
        start = normalized.find(form) if form else -1
        if start >= 0:
            end = start + len(form)
            return f"{_e(text[:start])}<mark>{_e(text[start:end])}</mark>{_e(text[end:])}"
    return _e(text)


def _concept_body(concept: Concept) -> str:
    preferred = concept.preferred_en.text if concept.preferred_en else ""
    out = [f'<article class="concept" id="concept" data-id="{_e(concept.id)}">',
           f'<h1 lang="zh-CN">{_e(concept.headword)}</h1>',
           f'<p class="lead"><span lang="en" class="preferred">{_e(preferred)}</span>'
           f' <span class="id">{_e(concept.id)}</span></p>']
    rejected = concept.rejected_en
    if rejected:
        out.append('<div class="donts"><h2>Do not use</h2><ul>')
        for term in rejected:
            replacement = concept.replacement_for(term)
            out.append(f'<li class="st-{term.status}"><span class="rejected" lang="en">'
                       f'{_e(term.text)}</span> <span class="status">{_e(term.status)}</span>'
                       + (f" — {_e(term.reason)}" if term.reason else "")
                       + (f'; use <b lang="en">{_e(replacement)}</b>' if replacement else "")
                       + "</li>")
        out.append("</ul></div>")
    out.append('<h2>Chinese</h2><table class="terms"><tr><th>Simplified</th><th>status</th>'
               "<th>Traditional</th><th>Taiwan</th><th>Hong Kong</th></tr>")
    out += [_zh_row(term) for term in concept.zh]
    out.append('</table><h2>English</h2><table class="terms" id="renderings"><tr>'
               "<th>rendering</th><th>status</th><th>type</th><th>reason, use instead, note</th>"
               "</tr>")
    out += [_en_row(concept, term) for term in concept.en]
    out.append("</table><dl>")
    fields: list[tuple[str, str]] = []
    if concept.subject_field:
        fields.append(("subject field", f'<a href="../index.html#subject-'
                                        f'{_e(concept.subject_field)}">'
                                        f"{_e(concept.subject_field)}</a>"))
    for label, value in (("part of speech", concept.part_of_speech),
                         ("definition", concept.definition), ("note", concept.note)):
        if value:
            fields.append((label, _e(value)))
    if concept.context:
        fields.append(("context in the article", f'<span lang="zh-CN">'
                                                 f"{_highlighted_context(concept)}</span>"))
    if concept.sources:
        fields.append(("sources", "<ul>" + "".join(f"<li>{_link(s)}</li>"
                                                     for s in concept.sources) + "</ul>"))
    fields.append(("status", "verified" if concept.verified else
                   "unverified: the renderings are the term base's own, not attested"))
    for label, day in (("created", concept.created), ("modified", concept.modified)):
        if day:
            fields.append((label, day.isoformat()))
    out += [f"<dt>{_e(label)}</dt><dd>{value}</dd>" for label, value in fields]
    out.append("</dl></article>")
    return "\n".join(out)


def traditional_table(termbase: TermBase) -> dict[str, str]:
    """Traditional → Simplified characters (OpenCC t2s, one character at a time) for the
    characters whose Simplified form appears in some term of the term base."""
    used = {ch for concept in termbase for term in concept.zh
            for form in (term.text, *variant_forms(term).values()) for ch in form}
    chars = [chr(code) for start, end in _CJK_BLOCKS for code in range(start, end)]
    converted = to_simplified("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # a conversion that joined or split lines: none then
        return {}
    return {t: s for t, s in zip(chars, converted, strict=True) if t != s and s in used}


def search_index(termbase: TermBase) -> str:
    """The search index as a script that sets `window.PG_SEARCH`."""
    concepts: list[dict[str, Any]] = []
    for concept in termbase:
        zh: list[list[str]] = []
        for term in concept.zh:
            for lang, form in (("zh", term.text), *variant_forms(term).items()):
                zh.append([lang, form, term.status, normalize_source(form)])
        en = [[t.text, t.status, english_key(t.text)] for t in concept.en]
        preferred = concept.preferred_en
        concepts.append({"id": concept.id, "zh": concept.headword,
                         "en": preferred.text if preferred else None,
                         "subject": concept.subject_field, "zh_terms": zh, "en_terms": en})
    data = {"concepts": concepts, "t2s": traditional_table(termbase)}
    return f"window.PG_SEARCH = {script_json(data)};\n"
