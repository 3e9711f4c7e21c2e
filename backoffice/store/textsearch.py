"""Case- and accent-insensitive text matching ("Konaté" matches "konate", "KONATE")."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def fold(text: str) -> str:
    """Lower-case and strip accents, for substring search."""
    return text.lower() if text.isascii() else _fold_unicode(text)


@lru_cache(maxsize=8192)  # names and designations repeat a lot in a history
def _fold_unicode(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matches(needle: str, *haystacks: str | None) -> bool:
    """``needle`` (folded) occurs in one of ``haystacks``; an empty needle matches all."""
    folded = fold(needle.strip())
    return not folded or any(h and folded in fold(h) for h in haystacks)
