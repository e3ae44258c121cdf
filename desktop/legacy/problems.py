"""Problems found while reading the legacy files: every message (code → sentence) and how a record is named in one."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from desktop.legacy import contract

LABEL_WIDTH = 60  # names and ids are shortened to this in problem labels
EXAMPLES = 5  # how many record labels or words a summary problem names

#: The wording of every problem, one place per code: code → (severity, template).  Templates are filled with
#: the problem's ``params`` plus ``file``, ``record`` and ``field``; the UI may translate them by code.

MESSAGES: dict[str, tuple[str, str]] = {
    "file_unreadable": ("error", "The file {file} could not be opened ({reason})."),
    "file_empty": ("error", "The file {file} is empty. The old app may have lost its contents while saving it."),
    "file_utf16": (
        "error",
        "The file {file} was saved as UTF-16 text; this app reads UTF-8. Save it again as UTF-8 and retry.",
    ),
    "file_not_utf8": (
        "error",
        "The file {file} contains bytes that are not UTF-8 text at line {line}, column "
        "{column}. It may be damaged or saved in another encoding.",
    ),
    "json_truncated": (
        "error",
        "The file {file} ends in the middle of a record (line {line}, column {column}): "
        "it was cut off, probably while the old app was saving it. Complete records "
        "before that point, which can still be read: {salvaged}.",
    ),
    "json_invalid": (
        "error",
        "The file {file} is damaged at line {line}, column {column} ({detail}). Complete "
        "records before that point, which can still be read: {salvaged}.",
    ),
    "json_too_deep": (
        "error",
        "The file {file} is nested too deeply to be read safely. Complete records before "
        "that point, which can still be read: {salvaged}.",
    ),
    "top_level_not_list": ("error", "The file {file} should hold a list of records but holds {found}."),
    "record_not_object": ("error", "Record {record} in {file} is not a record but {found}; it cannot be read."),
    "record_too_deep": (
        "error",
        "Record {record} in {file} is nested more than {limit} levels deep and cannot be stored safely.",
    ),
    "record_broken_text": (
        "error",
        "Record {record} in {file} contains a broken character (half of an "
        "escaped pair) in {field}; it cannot be stored as it is.",
    ),
    "record_not_finite": (
        "error",
        "The field {field} of {record} in {file} holds {value}, which JSON does not "
        "allow (only finite numbers); it cannot be stored as it is.",
    ),
    "duplicate_key": (
        "warning",
        "Record {record} in {file} has the key(s) {keys} more than once; as in the "
        "old app, only the last value of each is kept.",
    ),
    "duplicate_key_nested": (
        "warning",
        "{count} objects inside records of {file} repeat a key; as in the old "
        "app, only the last value of each is kept.",
    ),
    "no_profiles": ("warning", "The file {file} holds no profiles."),
    "profile_no_name": ("error", "Profile {record} in {file} has no name, so it cannot be told apart from the others."),
    "profile_name_not_text": ("error", "The name of profile {record} in {file} is {found}, not text."),
    "profile_duplicate_name": (
        "error",
        'Two profiles in {file} are called "{name}" ({first} and {record}). Rename one of them, or skip this one.',
    ),
    "profile_duplicate_id": ("error", 'Two profiles in {file} have the same id "{id}" ({first} and {record}).'),
    "profile_id_not_text": ("error", "The id of profile {record} in {file} is {found}, not text."),
    "field_wrong_type": (
        "error",
        "The field {field} of {record} in {file} should be {expected} but is {found}; it cannot be read.",
    ),
    "field_converted": (
        "warning",
        "The field {field} of {record} in {file} is {found} instead of {expected}; it was read as {expected}.",
    ),
    "list_items_not_text": (
        "warning",
        "The list {field} of {record} in {file} holds {count} item(s) that are not text; they are kept as they are.",
    ),
    "word_list_nulls": (
        "warning",
        "The list {field} of {record} in {file} holds {count} empty item(s); they were left out.",
    ),
    "words_duplicates": ("warning", "{count} repeated {what} of {record} were dropped (each is kept once)."),
    "words_dirty": (
        "warning",
        "{count} {what} of {record} look unusual and may need cleaning later (for "
        'example "{example}" {reason}). They are kept exactly as they are.',
    ),
    "words_html": (
        "warning",
        "{count} {what} of {record} contain HTML markup left over from the old app "
        "({examples}). They are kept as they are; clean them in the app if needed.",
    ),
    "words_nbsp": (
        "info",
        "{count} {what} of {record} held a non-breaking space, normalised to a plain space ({examples}).",
    ),
    "words_odd": (
        "warning",
        "{count} {what} of {record} contain underscores or unusual characters ({examples}). "
        "They are kept as they are; clean them in the app if needed.",
    ),
    "dob_future": (
        "warning",
        "The date of birth of {record} in {file} is {value}, which is in the future. It "
        "is imported as written; correct it in the app.",
    ),
    "dob_not_date": (
        "warning",
        'The date of birth of {record} in {file} is "{value}", not a date like '
        "2015-01-31. It is imported as written; correct it in the app.",
    ),
    "mental_age_out_of_range": (
        "warning",
        "The mental age of {record} in {file} is {value}, outside 0 to 30 "
        "years. It is imported as written; correct it in the app.",
    ),
    "name_too_long": (
        "warning",
        "The name of {record} in {file} has {length} characters, more than the app's "
        "editor allows ({limit}). It is imported as written.",
    ),
    "card_unknown_status": (
        "warning",
        "{count} card(s) in {file} have a status this app does not offer ({statuses}); they are kept as they are.",
    ),
    "assign_to_unknown": ("error", 'The chosen profile "{name}" is not in {file}.'),
    "assign_to_ambiguous": (
        "error",
        'The chosen profile "{name}" could be any of {candidates} in {file}; choose one of them by its exact name.',
    ),
    "cards_need_profile": (
        "error",
        "{count} card(s) in {file} do not say which child they belong to. Choose the profile they should go to.",
    ),
    "card_no_type": (
        "warning",
        '{count} card(s) in {file} have no card type ({records}); they are kept with the type "unknown".',
    ),
    "card_unknown_type": (
        "info",
        "{count} card(s) in {file} have a card type this app does not know ({types}); they are kept as they are.",
    ),
    "no_id": (
        "info",
        "{count} record(s) in {file} have no id ({records}); a later import recognises them by their contents.",
    ),
    "duplicate_record_id": (
        "warning",
        'Records {first} and {record} in {file} have the same id "{id}"; both are kept.',
    ),
    "timestamps_naive": ("warning", "{count} time(s) in {file} have no time zone; they were read as {zone} time."),
    "timestamp_unreadable": (
        "warning",
        'The time "{value}" in field {field} of {record} in {file} could not '
        "be read. {reason} It is kept as it was written.",
    ),
    "chat_bad_role": ("error", "Message {record} in {file} has no readable role (user or assistant)."),
    "chat_unknown_role": (
        "warning",
        'Message {record} in {file} has the role "{role}", which this app does not know; it is kept as it is.',
    ),
    "chat_no_content": ("error", "Message {record} in {file} has no text (its content is {found})."),
    "chat_unknown_mentions": (
        "warning",
        '{count} message(s) in {file} mention a profile that is not in the profiles file (for example "{example}").',
    ),
    "chat_several_mentions": (
        "warning",
        "{count} message(s) in {file} mention more than one profile "
        "({records}); each goes with the first profile it mentions.",
    ),
    "chat_needs_profile": (
        "error",
        "{count} chat message(s) in {file} do not say which child they belong to "
        "({records}). Choose the profile they should go to.",
    ),
    "secrets_dropped": (
        "info",
        "{count} secret value(s) such as an API key or a password were found in {file} "
        "under {fields}. They were left out: they are not copied into the database, the "
        "audit log, backups, exports or this report.",
    ),
    "file_missing": ("info", "No {what} file was found; there are no {what} to migrate."),
    "side_file": ("info", "{file} is not migrated ({what})."),
}

SIDE_FILE_WHAT = {
    "anki_profiles": "the old app's Anki settings",
    "prompt_templates": "the old app's prompt templates",
    "backup": "an old backup copy made by the old app",
    "other": "a file this app does not know",
}


@dataclass(frozen=True)
class Problem:
    """Something found while reading: ``severity`` is ``error``, ``warning`` or ``info``.

    ``file`` is relative to the source root; ``record`` names the record (``#2 "Child B"``, 1-based) and
    ``field`` the key, where they apply.  ``message`` is a plain sentence built from ``MESSAGES[code]`` and
    ``params``; no problem ever holds a secret value.
    """

    severity: str
    file: str
    record: str | None
    field: str | None
    message: str
    code: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False)  # ``field`` is a field here

    def __str__(self) -> str:
        return f"{self.severity}: {self.message}"


class LegacySourceError(Exception):
    """The chosen folder holds no legacy data (no child_profiles.json): nothing can be read at all."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def kind_of(value: object) -> str:
    """How a value's type is named to a parent."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def shorten(text: str, width: int = LABEL_WIDTH) -> str:
    """Source text to quote in a problem: at most `width` characters, line breaks as spaces, the rest of what
    cannot be shown raw escaped (`contract.show_text`)."""
    short = text if len(text) <= width else text[: width - 1] + "…"
    return contract.show_text(short.replace("\n", " ").replace("\r", " "))


def record_label(index: int, name: object) -> str:
    if isinstance(name, str) and name.strip():
        return f'#{index + 1} "{shorten(name.strip())}"'
    if isinstance(name, int) and not isinstance(name, bool):
        return f'#{index + 1} "{name}"'
    return f"#{index + 1}"


def examples_text(labels: list[str]) -> str:
    shown = ", ".join(labels[:EXAMPLES])
    return shown + (f" and {len(labels) - EXAMPLES} more" if len(labels) > EXAMPLES else "")


def quoted_examples(words: list[str]) -> str:
    """The first EXAMPLES words, quoted and shortened: "a", "b" and 3 more."""
    return examples_text([f'"{shorten(w, 40)}"' for w in words])


def number_text(value: int | float) -> str:
    return json.dumps(value)


class Problems:
    """Collects problems; an error that names a record marks that record invalid."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(
        self,
        code: str,
        file: str,
        record: str | None = None,
        field_name: str | None = None,
        target: Any = None,
        **params: Any,
    ) -> Problem:
        severity, template = MESSAGES[code]
        # file names, keys and quoted values come from the source: never raw escape codes or broken characters
        show = contract.show_text
        file, record, field_name = show(file), record and show(record), field_name and show(field_name)
        params = {k: show(v) if isinstance(v, str) else v for k, v in params.items()}
        message = template.format(file=file, record=record or "", field=field_name or "", **params)
        problem = Problem(severity, file, record, field_name, message, code, dict(params))
        self.items.append(problem)
        if severity == "error" and target is not None:
            target.valid = False
        return problem
