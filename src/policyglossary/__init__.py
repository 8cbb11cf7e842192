"""policyglossary: term base, consistency checker and CAT-tool exchange for Chinese policy
texts translated into English."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
