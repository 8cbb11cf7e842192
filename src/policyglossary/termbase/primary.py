"""Which sources are primary: the English published by the Chinese government and its news
agencies themselves, as opposed to reprints and unofficial sites.

A term base lists its primary domains in termbase.toml (`primary-source-domains`); without
that key, `DEFAULT_PRIMARY_DOMAINS` apply. An entry is a host, optionally followed by a path
(`xinhuanet.com/english`); it matches that host and its subdomains, and with a path only the
pages under it. `*` stands for any labels of a host (`english.*.gov.cn`). The lint rule
`no-primary-source` uses this (README "Lint rules").
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from ..model import TermBaseInfo

DEFAULT_PRIMARY_DOMAINS: tuple[str, ...] = (
    # Xinhua English
    "english.news.cn", "news.cn/english", "xinhuanet.com/english",
    # the State Council Information Office
    "scio.gov.cn",
    # the State Council
    "english.www.gov.cn", "english.gov.cn", "www.gov.cn",
    # ministries', agencies' and governments' own English sites
    "english.*.gov.cn", "en.*.gov.cn", "*.gov.cn/english", "*.gov.cn/en",
    # China Daily, and its Hong Kong print edition as PressReader serves it
    "chinadaily.com.cn", "chinadailyhk.com", "pressreader.com/hong-kong/china-daily",
    # the other central media's English: People's Daily, China.org.cn (under the SCIO), CGTN,
    # China News Service, Qiushi
    "people.cn", "people.com.cn", "china.org.cn", "cgtn.com", "ecns.cn", "en.qstheory.cn",
)

_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+", re.IGNORECASE)
_BARE = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)


def primary_domains(info: TermBaseInfo) -> tuple[str, ...]:
    """The term base's primary domains: its own list, else the default."""
    if info.primary_source_domains is None:
        return DEFAULT_PRIMARY_DOMAINS
    return info.primary_source_domains


def _addresses(source: str) -> list[tuple[str, str]]:
    """(host, path) of every web address in a source citation."""
    found = _URL.findall(source)
    if not found and _BARE.match(source.strip()):
        found = ["//" + source.strip()]
    places = []
    for address in found:
        try:
            parts = urlsplit(address)
        except ValueError:
            continue
        if parts.hostname:
            places.append((parts.hostname.lower().rstrip("."), parts.path or "/"))
    return places


def _matches(host: str, path: str, entry: str) -> bool:
    pattern, _, prefix = entry.strip().lower().partition("/")
    if not (fnmatchcase(host, pattern) or fnmatchcase(host, "*." + pattern)):
        return False
    if not prefix.strip("/"):
        return True
    wanted = "/" + prefix.strip("/")
    path = path.lower()
    return path == wanted or path.startswith(wanted + "/")


def is_primary(source: str, domains: tuple[str, ...]) -> bool:
    """Whether the citation `source` points into one of `domains`."""
    return any(_matches(host, path, entry) for host, path in _addresses(source)
               for entry in domains if entry.strip())
