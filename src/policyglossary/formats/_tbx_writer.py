"""Writing TBX: the element tree of a term base in TBX v3 (TBX-Basic, DCA style) or TBX 2008.

Kept apart from `tbx` (the format's module, which also reads) for size; `tbx` imports it when
a term base is written.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import IO, Any

from lxml import etree

from .._version import __version__
from ..matching.chinese import variant_forms
from ..model import Concept, Term, TermBase
from ._options import WriteOptions
from ._tbx_names import NS, PREFIX, RNG_MODEL, SCH_MODEL, STATUS_TO_TBX
from ._xml import XML_LANG, xml_text
from .fidelity import left_out_by


class _Writer:
    def __init__(self, version: int, options: WriteOptions) -> None:
        self.v3 = version == 3
        self.options = options
        self.ns = f"{{{NS}}}" if self.v3 else ""
        self.where = "term base header"

    def el(self, parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
        element = etree.SubElement(parent, self.ns + tag, {XML_LANG if k == "xml_lang" else k: v
                                                           for k, v in attrs.items()})
        if text is not None:
            element.text = xml_text(text, self.where)
        for value in attrs.values():
            xml_text(value, self.where)
        return element

    def note(self, parent: Any, key: str, value: str) -> None:
        self.el(parent, "note", f"{PREFIX}{key}] {value}")

    def root(self, termbase: TermBase) -> Any:
        info = termbase.info
        if self.v3:
            root = etree.Element(self.ns + "tbx", nsmap={None: NS})  # type: ignore[dict-item]
            root.set("type", "TBX-Basic")
            root.set("style", "dca")
            root.set(XML_LANG, "en")
            header = self.el(root, "tbxHeader")
        else:
            root = etree.Element("martif", {"type": "TBX"})
            root.set(XML_LANG, "en")
            header = self.el(root, "martifHeader")
        file_desc = self.el(header, "fileDesc")
        if info.name:
            self.el(self.el(file_desc, "titleStmt"), "title", info.name)
        source_desc = self.el(file_desc, "sourceDesc")
        if info.description:
            self.el(source_desc, "p", info.description)
        self.el(source_desc, "p", f"{PREFIX}layout] policyglossary {__version__}")
        left_out = sorted(left_out_by(self.options))
        if left_out:  # import then knows the file does not hold them: they are not removals
            self.el(source_desc, "p", f"{PREFIX}left-out] " + ", ".join(left_out))
        if info.subject_fields:
            self.el(source_desc, "p", f"{PREFIX}subject-fields] " + " | ".join(
                info.subject_fields))
        if info.primary_source_domains is not None:
            self.el(source_desc, "p", f"{PREFIX}primary-source-domains] " + " | ".join(
                info.primary_source_domains))
        if not self.v3:
            self.el(self.el(header, "encodingDesc"), "p", "TBXXCSV02.xcs", type="XCSURI")
        body = self.el(self.el(root, "text"), "body")
        for concept in termbase.concepts:
            self.concept(body, concept)
        return root

    def concept(self, body: Any, concept: Concept) -> None:
        self.where = f"concept {concept.id}"
        entry_id = concept.id if re.match(r"[A-Za-z_]", concept.id) else "_" + concept.id
        entry = self.el(body, "conceptEntry" if self.v3 else "termEntry", id=entry_id)
        if concept.subject_field:
            self.el(entry, "descrip", concept.subject_field, type="subjectField")
        if concept.definition:
            self.el(entry, "descrip", concept.definition, type="definition")
        for source in concept.sources:
            self.el(entry, "admin", source, type="source")
        if concept.note:
            self.el(entry, "note", concept.note)
        if not concept.verified:
            self.note(entry, "verified", "false")
        if concept.part_of_speech:
            self.note(entry, "part-of-speech", concept.part_of_speech)
        for kind, when in (("origination", concept.created), ("modification", concept.modified)):
            if when:
                group = self.el(entry, "transacGrp")
                self.el(group, "transac", kind, type="transactionType")
                self.el(group, "date", when.isoformat())
        zh_tag = self.options.source_lang or "zh-CN"
        self.lang_section(entry, zh_tag, concept, concept.zh, context=concept.context)
        # English second: readers that take the first two languages as a pair (translate-
        # toolkit, OmegaT) then see Chinese and English.
        if concept.en:
            self.lang_section(entry, self.options.target_lang or "en", concept, concept.en)
        variants = self.options.zh_variants if self.options.zh_variants is not None \
            else ("zh-Hant",)
        for tag in ("zh-Hant", "zh-TW", "zh-HK"):
            if tag in variants and concept.zh:
                forms = [replace(t, text=variant_forms(t)[tag], hant="", tw="", hk="")
                         for t in concept.zh]
                self.lang_section(entry, tag, concept, forms, variant=True)

    def lang_section(self, entry: Any, tag: str, concept: Concept, terms: tuple[Term, ...]
                     | list[Term], context: str = "", variant: bool = False) -> None:
        section = self.el(entry, "langSec" if self.v3 else "langSet", xml_lang=tag)
        for index, term in enumerate(terms):
            holder = self.el(section, "termSec" if self.v3 else "tig")
            self.el(holder, "term", term.text)
            self.el(holder, "termNote", term.type, type="termType")
            pos = term.part_of_speech or concept.part_of_speech
            if pos:
                self.el(holder, "termNote", pos, type="partOfSpeech")
            self.el(holder, "termNote", STATUS_TO_TBX[term.status], type="administrativeStatus")
            if context and index == 0:
                self.el(holder, "descrip", context, type="context")
            if variant:
                continue
            if term.note:
                self.el(holder, "note", term.note)
            for key, value in (("reason", term.reason), ("replacement", term.replacement),
                               ("case-sensitive", "true" if term.case_sensitive else ""),
                               ("hant", term.hant), ("tw", term.tw), ("hk", term.hk)):
                if value:
                    self.note(holder, key, value)


def write(target: IO[bytes], termbase: TermBase, options: WriteOptions, version: int) -> None:
    root = _Writer(version, options).root(termbase)
    tree = etree.ElementTree(root)
    if version == 3:
        for href, ns in ((RNG_MODEL, "http://relaxng.org/ns/structure/1.0"),
                         (SCH_MODEL, "http://purl.oclc.org/dsdl/schematron")):
            root.addprevious(etree.ProcessingInstruction(
                "xml-model", f'href="{href}" type="application/xml" schematypens="{ns}"'))
    etree.indent(tree, space="  ")
    tree.write(target, xml_declaration=True, encoding="UTF-8")
