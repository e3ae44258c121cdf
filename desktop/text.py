"""The text rules: how a word or a name is normalised and a child's slug made — the legacy contract's rules
(legacy-format.md §6), which the importer applies as they are. The app composes stricter rules on top of them
(:func:`desktop.services.normalize_token`), so the two never drift apart. Pure: plain values only.

- A token: NBSP → space, runs of spaces → one, stripped, Unicode NFC (never NFKC: full-width forms are kept).
- A slug: NFC, stripped, lower-cased, whitespace runs → ``-``, so a name typed with decomposed accents or a stray
  trailing space keeps the same id; CJK and punctuation are kept."""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE_RUN = re.compile(r"\s+")


def slugify(name: str) -> str:
    """The contract's slug: NFC, stripped, lower-cased, whitespace runs → ``-``; CJK and punctuation kept.

    >>> slugify("Test Child 1 (测试孩子1）")
    'test-child-1-(测试孩子1）'
    """
    text = unicodedata.normalize("NFC", name).strip().lower()
    return _WHITESPACE_RUN.sub("-", text)


_SPACE_RUN = re.compile(r" {2,}")


def normalize_token(token: str) -> str:
    """One word as the contract stores it: NBSP → space, runs of spaces → one, strip, Unicode NFC."""
    if (
        "\u00a0" not in token
        and "  " not in token
        and token == token.strip()
        and unicodedata.is_normalized("NFC", token)
    ):
        return token  # already as stored (most words): the same result without the rewriting
    token = _SPACE_RUN.sub(" ", token.replace("\u00a0", " ")).strip()
    return unicodedata.normalize("NFC", token)
