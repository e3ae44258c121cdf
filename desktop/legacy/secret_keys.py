"""Secrets in the legacy files are recognised by key name only (see `is_secret_key`) and dropped; values are never
inspected or reported (legacy-format.md §6). Pure.

Borderline names, decided: ``key``, ``keyword(s)``, ``monkey``, ``public_key``, ``sort_key``, ``author``,
``private_notes``, ``passive_language_level``, ``sessions``, ``max_tokens`` / ``prompt_tokens`` (token *counts*)
are kept; ``session`` alone, ``pass``, ``pwd``, ``auth`` / ``oauth`` and any ``…_key`` qualified by another word
(``openaiKey``, ``license_key``) are dropped — losing a value is reported, leaking one is not undoable."""

from __future__ import annotations

import functools
import re
from typing import Any

#: A word (of a key split at case changes, ``_``, ``-``, ``.`` and spaces) that makes the whole key a secret.
_SECRET_WORDS = frozenset(
    (
        "pwd",
        "auth",
        "oauth",
        "authorization",
        "authentication",
        "bearer",
        "cookies",
        "credential",
        "credentials",
        "creds",
        "jwt",
        "passwords",
    )
)

#: A word ending so is a secret, alone or run together (``clientsecret``, ``dbpassword``, ``openaiapikey``).
_SECRET_ENDINGS = (
    "password",
    "passwd",
    "passcode",
    "passphrase",
    "secret",
    "secrets",
    "apikey",
    "apikeys",
    "privatekey",
    "secretkey",
    "accesskey",
    "sessionid",
    "cookie",
)

#: Token words (``token``, ``accessToken``, ``tokens``) are secrets unless the key counts tokens.
_TOKEN_ENDINGS = ("token", "tokens")

#: Whole keys that are secrets only on their own: ``session`` (not ``sessions`` nor ``session_count``), ``pass``.
_SECRET_ALONE = frozenset(("session", "pass", "sid"))

#: A ``session`` key naming one of these is a secret: ``session_id``, ``sessionToken``, ``session_key``.
_SESSION_PARTS = frozenset(("id", "key", "token", "cookie", "secret"))

#: With one of these words, ``token(s)`` counts tokens (an AI model's usage), it is no credential.
_TOKEN_COUNT_WORDS = frozenset(
    (
        "max",
        "min",
        "count",
        "counts",
        "total",
        "prompt",
        "completion",
        "used",
        "usage",
        "limit",
        "num",
        "number",
        "input",
        "output",
        "remaining",
        "budget",
        "cached",
        "reasoning",
        "estimated",
        "per",
    )
)

#: The same run together: ``maxtokens``, ``totaltokens``.
_TOKEN_COUNT_PREFIXES = ("max", "min", "total", "num", "prompt", "completion")

#: ``<word> key`` is a credential (``openaiKey``, ``license_key``, ``private_key_pem``) unless the word is one of
#: these, naming an ordinary key: a sort key, a primary key, a public key, a musical key…
_PLAIN_KEY_WORDS = frozenset(
    (
        "sort",
        "primary",
        "foreign",
        "unique",
        "cache",
        "lookup",
        "partition",
        "row",
        "index",
        "map",
        "dict",
        "group",
        "hot",
        "short",
        "shortcut",
        "music",
        "musical",
        "idempotency",
        "react",
        "translation",
        "i18n",
        "public",
        "natural",
        "composite",
        "field",
        "note",
        "deck",
        "model",
        "card",
        "answer",
        "question",
        "id",
    )
)

_KEY_WORDS = frozenset(("key", "keys"))

_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\W\d_]+")


def _key_words(key: str) -> list[str]:
    """``OPENAI_API_KEY`` → openai, api, key; ``sessionToken`` → session, token; ``x-api-key`` → x, api, key."""
    return [w.lower() for w in _CAMEL.findall(key)]


def is_secret_key(key: object) -> bool:
    """True for key names that hold credentials: apiKey, openaiKey, access_token, tokens, client_secret, pwd,
    passcode, session_id, cookie, authorization, private_key_pem, aws_secret_access_key, x-api-key…

    The key is split into words; ``max_tokens``, ``keywords``, ``monkey``, ``author``, ``passive_language_level``
    and ``private_notes`` are not secrets (see the module's decisions for the borderline names).
    """
    return isinstance(key, str) and _is_secret_name(key)  # remembered per name: every record repeats the same few


@functools.lru_cache(maxsize=4096)
def _is_secret_name(key: str) -> bool:
    words = _key_words(key)
    if not words:
        return False
    joined = "".join(words)
    if joined in _SECRET_ALONE:
        return True
    counting = any(
        w in _TOKEN_COUNT_WORDS or (w.startswith(_TOKEN_COUNT_PREFIXES) and w.endswith(_TOKEN_ENDINGS)) for w in words
    )
    for i, word in enumerate(words):
        if word.endswith(_TOKEN_ENDINGS):
            if not counting:
                return True
            continue
        if word in _SECRET_WORDS or word.endswith(_SECRET_ENDINGS):
            return True
        if word == "session" and any(w in _SESSION_PARTS for w in words[i + 1 :]):
            return True
        if word in _KEY_WORDS and i > 0 and words[i - 1] not in _PLAIN_KEY_WORDS:
            return True
    return False


def path_text(node: tuple[Any, ...] | None) -> str:
    parts: list[str] = []
    while node is not None:
        node, step = node
        parts.append(f"[{step}]" if isinstance(step, int) else f".{step}")
    return "".join(reversed(parts)).lstrip(".")


def strip_secrets(obj: object) -> tuple[object, list[str]]:
    """A copy of `obj` without secret keys (anywhere in nested dicts/lists), and the paths removed.

    Paths look like ``config.apiKey`` or ``items[2].token``; they never contain the value.  Key order is kept.
    Works iteratively, so any nesting depth is safe.
    """
    dropped: list[str] = []
    holder: list[object] = [None]
    # (source value, container to write into, slot in that container, path node as (parent node, step))
    stack: list[tuple[object, object, object, tuple[Any, ...] | None]] = [(obj, holder, 0, None)]
    while stack:
        value, parent, slot, path = stack.pop()
        if isinstance(value, dict):
            copy: dict[str, Any] = {}
            parent[slot] = copy  # type: ignore[index]
            for key, item in value.items():
                if is_secret_key(key):
                    dropped.append(path_text((path, key)))
                elif isinstance(item, (dict, list)):
                    copy[key] = None  # placeholder keeps the key order
                    stack.append((item, copy, key, (path, key)))
                else:
                    copy[key] = item
        elif isinstance(value, list):
            copy_list: list[Any] = [None] * len(value)
            parent[slot] = copy_list  # type: ignore[index]
            for index, item in enumerate(value):
                stack.append((item, copy_list, index, (path, index)))
        else:
            parent[slot] = value  # type: ignore[index]
    return holder[0], dropped
