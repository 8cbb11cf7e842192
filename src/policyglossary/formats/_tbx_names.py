"""Names shared by the TBX reader (`tbx`) and writer (`_tbx_writer`): the TBX v3 namespace,
our note prefix, status data categories and the schemas a written file points to."""

from __future__ import annotations

NS = "urn:iso:std:iso:30042:ed-2"
PREFIX = "[policyglossary:"
STATUS_TO_TBX = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
                 "forbidden": "deprecatedTerm-admn-sts", "superseded": "supersededTerm-admn-sts"}
TBX_TO_STATUS = {
    **{v: k for k, v in STATUS_TO_TBX.items()},
    "preferredTerm": "preferred", "admittedTerm": "admitted", "deprecatedTerm": "forbidden",
    "supersededTerm": "superseded", "legalTerm": "preferred", "regulatedTerm": "preferred",
    "standardizedTerm": "preferred", "legalTerm-admn-sts": "preferred",
    "regulatedTerm-admn-sts": "preferred", "standardizedTerm-admn-sts": "preferred",
    "preferred": "preferred", "admitted": "admitted", "notRecommended": "forbidden",
    "obsolete": "superseded", "deprecated": "forbidden", "forbidden": "forbidden",
}
RNG_MODEL = ("https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/"
             "TBXcoreStructV03.rng")
SCH_MODEL = ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
             "TBX-Basic_DCA.sch")
