"""Small helpers the format tests share."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from policyglossary.errors import InputError


def message(call: Callable[[], object], error: type[Exception] = InputError) -> str:
    """The message of the error `call` raises (the test fails if it raises none)."""
    with pytest.raises(error) as caught:
        call()
    return str(caught.value)
