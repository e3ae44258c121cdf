"""The migration engine's words in the window's language.

The engine (``desktop.legacy``) writes English sentences for the command line. Each problem carries a ``code`` and
its ``params``, so the wizard rebuilds the sentence from a translated template here; the English fragments inside
the params (``a number``, ``cards``, ``contains HTML markup`` …) are translated by lookup. Anything unknown is
shown as the engine wrote it — still a plain sentence.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from desktop.legacy.read import Problem
from desktop.ui.qtcompat import QT_TRANSLATE_NOOP

CONTEXT = "MigrationTexts"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


KIND_LABELS = {
    "profiles": QT_TRANSLATE_NOOP("MigrationTexts", "Children's profiles"),
    "zh": QT_TRANSLATE_NOOP("MigrationTexts", "Chinese words"),
    "en": QT_TRANSLATE_NOOP("MigrationTexts", "English words"),
    "grammar": QT_TRANSLATE_NOOP("MigrationTexts", "Grammar points"),
    "cards": QT_TRANSLATE_NOOP("MigrationTexts", "Cards"),
    "chat": QT_TRANSLATE_NOOP("MigrationTexts", "Chat messages"),
}

FILE_KINDS = {
    "profiles": QT_TRANSLATE_NOOP("MigrationTexts", "Children's profiles, words and grammar"),
    "cards": QT_TRANSLATE_NOOP("MigrationTexts", "Cards"),
    "chat": QT_TRANSLATE_NOOP("MigrationTexts", "Chat messages"),
    "anki_profiles": QT_TRANSLATE_NOOP("MigrationTexts", "Anki settings (not moved)"),
    "prompt_templates": QT_TRANSLATE_NOOP("MigrationTexts", "Prompt templates (not moved)"),
    "backup": QT_TRANSLATE_NOOP("MigrationTexts", "The old app's own backup copy (not moved)"),
    "other": QT_TRANSLATE_NOOP("MigrationTexts", "Unknown file (not moved)"),
}

SEVERITIES = {
    "error": QT_TRANSLATE_NOOP("MigrationTexts", "Error"),
    "warning": QT_TRANSLATE_NOOP("MigrationTexts", "Warning"),
    "info": QT_TRANSLATE_NOOP("MigrationTexts", "Note"),
}

#: The engine's progress stages. "Done" ends the reading; the migration then compares with the database and
#: makes the two backups, which report no progress of their own.
STAGES = {
    "Finding the files": QT_TRANSLATE_NOOP("MigrationTexts", "Finding the files"),
    "Checking profiles": QT_TRANSLATE_NOOP("MigrationTexts", "Checking the profiles"),
    "Checking cards": QT_TRANSLATE_NOOP("MigrationTexts", "Checking the cards"),
    "Checking chat messages": QT_TRANSLATE_NOOP("MigrationTexts", "Checking the chat messages"),
    "Matching chat messages to profiles": QT_TRANSLATE_NOOP("MigrationTexts", "Matching chat messages to children"),
    "Writing profiles": QT_TRANSLATE_NOOP("MigrationTexts", "Writing the profiles"),
    "Writing words": QT_TRANSLATE_NOOP("MigrationTexts", "Writing the words"),
    "Writing grammar": QT_TRANSLATE_NOOP("MigrationTexts", "Writing the grammar points"),
    "Writing cards": QT_TRANSLATE_NOOP("MigrationTexts", "Writing the cards"),
    "Writing chat": QT_TRANSLATE_NOOP("MigrationTexts", "Writing the chat messages"),
    "Verifying": QT_TRANSLATE_NOOP("MigrationTexts", "Checking every record against the old files"),
    "Comparing with the database": QT_TRANSLATE_NOOP("MigrationTexts", "Comparing with the database"),
    "Waiting for another migration to finish": QT_TRANSLATE_NOOP(
        "MigrationTexts", "Waiting for another migration into this database to finish"
    ),
}
READING = QT_TRANSLATE_NOOP("MigrationTexts", "Reading {file}")
AFTER_READING_CHECK = QT_TRANSLATE_NOOP("MigrationTexts", "Comparing with the database")
AFTER_READING_MIGRATE = QT_TRANSLATE_NOOP("MigrationTexts", "Comparing with the database and making the safety copies")


def stage_text(stage: str, migrating: bool = False) -> str:
    """The translated text of one progress stage."""
    if stage == "Done":
        return tr(AFTER_READING_MIGRATE if migrating else AFTER_READING_CHECK)
    if stage.startswith("Reading "):
        return tr(READING).format(file=stage[len("Reading ") :])
    template = STAGES.get(stage)
    return tr(template) if template else stage


#: One template per problem code; the placeholders are those of desktop.legacy.read.MESSAGES.
PROBLEMS = {
    "profile_id_clash": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        'Profile {record} in {file} would get the id "{id}", which another child already has; it '
        'is a different child, so it is added with the id "{new_id}".',
    ),
    "card_same_id_other_content": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "Same old id, different content: card {record} in {file} has the id of a card imported "
        "before, but not its content (or not its child), so it is imported as a new card.",
    ),
    "chat_same_id_other_content": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "Same old id, different content: chat message {record} in {file} has the id of a chat "
        "message imported before, but not its content (or not its child), so it is imported as a "
        "new chat message.",
    ),
    "assign_to_ambiguous": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        'The chosen profile "{name}" could be any of {candidates} in {file}; choose one of them by its exact name.',
    ),
    "file_unreadable": QT_TRANSLATE_NOOP("MigrationTexts", "The file {file} could not be opened ({reason})."),
    "file_empty": QT_TRANSLATE_NOOP(
        "MigrationTexts", "The file {file} is empty. The old app may have lost its contents while saving it."
    ),
    "file_utf16": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "The file {file} was saved as UTF-16 text; this app reads UTF-8. Save it again as UTF-8 and retry.",
    ),
    "file_not_utf8": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "The file {file} contains bytes that are not UTF-8 text at line {line}, column {column}. "
        "It may be damaged or saved in another encoding.",
    ),
    "json_truncated": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "The file {file} ends in the middle of a record (line {line}, column {column}): it was cut "
        "off, probably while the old app was saving it. Complete records before that point, which "
        "can still be read: {salvaged}.",
    ),
    "json_invalid": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "The file {file} is damaged at line {line}, column {column} ({detail}). Complete records "
        "before that point, which can still be read: {salvaged}.",
    ),
    "json_too_deep": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "The file {file} is nested too deeply to be read safely. Complete records before that "
        "point, which can still be read: {salvaged}.",
    ),
    "top_level_not_list": QT_TRANSLATE_NOOP(
        "MigrationTexts", "The file {file} should hold a list of records but holds {found}."
    ),
    "record_not_object": QT_TRANSLATE_NOOP(
        "MigrationTexts", "Record {record} in {file} is not a record but {found}; it cannot be read."
    ),
    "record_too_deep": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "Record {record} in {file} is nested more than {limit} levels deep and cannot be stored safely.",
    ),
    "record_broken_text": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "Record {record} in {file} contains a broken character (half of an escaped pair) in "
        "{field}; it cannot be stored as it is.",
    ),
    "record_not_finite": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "The field {field} of {record} in {file} holds {value}, which JSON does not allow (only "
        "finite numbers); it cannot be stored as it is.",
    ),
    "duplicate_key": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "Record {record} in {file} has the key(s) {keys} more than once; as in the old app, only "
        "the last value of each is kept.",
    ),
    "duplicate_key_nested": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "%n object(s) inside records of {file} [repeats|repeat] a key; as in the old app, only the "
        "last value of each is kept.",
    ),
    "no_profiles": QT_TRANSLATE_NOOP("MigrationTexts", "The file {file} holds no profiles."),
    "profile_no_name": QT_TRANSLATE_NOOP(
        "MigrationTexts", "Profile {record} in {file} has no name, so it cannot be told apart from the others."
    ),
    "profile_name_not_text": QT_TRANSLATE_NOOP(
        "MigrationTexts", "The name of profile {record} in {file} is {found}, not text."
    ),
    "profile_duplicate_name": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        'Two profiles in {file} are called "{name}" ({first} and {record}). Rename one of them, or skip this one.',
    ),
    "profile_duplicate_id": QT_TRANSLATE_NOOP(
        "MigrationTexts", 'Two profiles in {file} have the same id "{id}" ({first} and {record}).'
    ),
    "profile_id_not_text": QT_TRANSLATE_NOOP(
        "MigrationTexts", "The id of profile {record} in {file} is {found}, not text."
    ),
    "field_wrong_type": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "The field {field} of {record} in {file} should be {expected} but is {found}; it cannot be read.",
    ),
    "field_converted": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "The field {field} of {record} in {file} is {found} instead of {expected}; it was read as {expected}.",
    ),
    "list_items_not_text": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "The list {field} of {record} in {file} holds %n item(s) that [is|are] not text; [it is|they "
        "are] kept as [it is|they are].",
    ),
    "word_list_nulls": QT_TRANSLATE_NOOP(
        "MigrationTexts", "The list {field} of {record} in {file} holds %n empty item(s); [it was|they were] left out."
    ),
    "words_duplicates": QT_TRANSLATE_NOOP(
        "MigrationTexts", "{what} of {record}: %n [repetition was|repetitions were] dropped (each word is kept once)."
    ),
    "words_dirty": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "{what} of {record}: %n [looks|look] unusual and may need cleaning later (for example "
        '"{example}" {reason}). [It is|They are] kept exactly as [it is|they are].',
    ),
    "words_html": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "{what} of {record}: %n [contains|contain] HTML markup left over from the old app "
        "({examples}). [It is|They are] kept as [it is|they are]; clean [it|them] in the app if "
        "needed.",
    ),
    "words_nbsp": QT_TRANSLATE_NOOP(
        "MigrationTexts", "{what} of {record}: %n held a non-breaking space, normalised to a plain space ({examples})."
    ),
    "words_odd": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "{what} of {record}: %n [contains|contain] underscores or unusual characters ({examples}). "
        "[It is|They are] kept as [it is|they are]; clean [it|them] in the app if needed.",
    ),
    "dob_future": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "The date of birth of {record} in {file} is {value}, which is in the future. It is "
        "imported as written; correct it in the app.",
    ),
    "dob_not_date": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        'The date of birth of {record} in {file} is "{value}", not a date like 2015-01-31. It is '
        "imported as written; correct it in the app.",
    ),
    "mental_age_out_of_range": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "The mental age of {record} in {file} is {value}, outside 0 to 30 years. It is imported "
        "as written; correct it in the app.",
    ),
    "name_too_long": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "The name of {record} in {file} has {length} characters, more than the app's editor "
        "allows ({limit}). It is imported as written.",
    ),
    "assign_to_unknown": QT_TRANSLATE_NOOP("MigrationTexts", 'The chosen profile "{name}" is not in {file}.'),
    "cards_need_profile": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "%n card(s) in {file} [does|do] not say which child [it belongs|they belong] to. Choose "
        "the child [it goes|they go] to.",
    ),
    "card_no_type": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        '%n card(s) in {file} [has|have] no card type ({records}); [it is|they are] kept with the type "unknown".',
    ),
    "card_unknown_type": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "%n card(s) in {file} [has|have] a card type this app does not know ({types}); [it is|they "
        "are] kept as [it is|they are].",
    ),
    "card_unknown_status": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "%n card(s) in {file} [has|have] a status this app does not offer ({statuses}); [it is|they "
        "are] kept as [it is|they are].",
    ),
    "no_id": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "%n record(s) in {file} [has|have] no id ({records}); a later import recognises [it|them] "
        "by [its|their] contents.",
    ),
    "duplicate_record_id": QT_TRANSLATE_NOOP(
        "MigrationTexts", 'Records {first} and {record} in {file} have the same id "{id}"; both are kept.'
    ),
    "timestamps_naive": QT_TRANSLATE_NOOP(
        "MigrationTexts", "%n time(s) in {file} [has|have] no time zone; [it was|they were] read as {zone} time."
    ),
    "timestamp_unreadable": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        'The time "{value}" in field {field} of {record} in {file} could not be read. {reason} '
        "It is kept as it was written.",
    ),
    "chat_bad_role": QT_TRANSLATE_NOOP(
        "MigrationTexts", "Message {record} in {file} has no readable role (user or assistant)."
    ),
    "chat_unknown_role": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        'Message {record} in {file} has the role "{role}", which this app does not know; it is kept as it is.',
    ),
    "chat_no_content": QT_TRANSLATE_NOOP(
        "MigrationTexts", "Message {record} in {file} has no text (its content is {found})."
    ),
    "chat_unknown_mentions": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        '%n message(s) in {file} [mentions|mention] a child who is not in the profiles file (for example "{example}").',
    ),
    "chat_several_mentions": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "%n message(s) in {file} [mentions|mention] more than one child ({records}); each goes "
        "with the first child it mentions.",
    ),
    "chat_needs_profile": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "%n chat message(s) in {file} [does|do] not say which child [it belongs|they belong] to "
        "({records}). Choose the child [it goes|they go] to.",
    ),
    "secrets_dropped": QT_TRANSLATE_NOOP(
        "MigrationTexts",
        "%n secret value(s) such as an API key or a password [was|were] found in {file} under "
        "{fields}. [It was|They were] left out: [it is|they are] not copied into the database, the "
        "audit log, backups, exports or this report.",
    ),
    "file_missing": QT_TRANSLATE_NOOP("MigrationTexts", "No {what} file was found; there are no {what} to migrate."),
    "side_file": QT_TRANSLATE_NOOP("MigrationTexts", "{file} is not migrated ({what})."),
}

#: English fragments the engine puts into a problem's params.
FRAGMENTS = {
    text: text
    for text in (
        QT_TRANSLATE_NOOP("MigrationTexts", "empty (null)"),
        QT_TRANSLATE_NOOP("MigrationTexts", "true/false"),
        QT_TRANSLATE_NOOP("MigrationTexts", "a number"),
        QT_TRANSLATE_NOOP("MigrationTexts", "text"),
        QT_TRANSLATE_NOOP("MigrationTexts", "a list"),
        QT_TRANSLATE_NOOP("MigrationTexts", "an object"),
        QT_TRANSLATE_NOOP("MigrationTexts", "a list holding numbers"),
        QT_TRANSLATE_NOOP("MigrationTexts", "text or a list of words"),
        QT_TRANSLATE_NOOP("MigrationTexts", "a list of text"),
        QT_TRANSLATE_NOOP("MigrationTexts", "a list of words"),
        QT_TRANSLATE_NOOP("MigrationTexts", "a list of profile names"),
        QT_TRANSLATE_NOOP("MigrationTexts", "cards"),
        QT_TRANSLATE_NOOP("MigrationTexts", "chat messages"),
        QT_TRANSLATE_NOOP("MigrationTexts", "Chinese words"),
        QT_TRANSLATE_NOOP("MigrationTexts", "English words"),
        QT_TRANSLATE_NOOP("MigrationTexts", "grammar points"),
        QT_TRANSLATE_NOOP("MigrationTexts", "the old app's Anki settings"),
        QT_TRANSLATE_NOOP("MigrationTexts", "the old app's prompt templates"),
        QT_TRANSLATE_NOOP("MigrationTexts", "an old backup copy made by the old app"),
        QT_TRANSLATE_NOOP("MigrationTexts", "a file this app does not know"),
        QT_TRANSLATE_NOOP("MigrationTexts", "does not look like a grammar-point address"),
        QT_TRANSLATE_NOOP("MigrationTexts", "contains HTML markup"),
        QT_TRANSLATE_NOOP("MigrationTexts", "contains a broken character (�)"),
        QT_TRANSLATE_NOOP("MigrationTexts", "contains a tab or line break"),
        QT_TRANSLATE_NOOP("MigrationTexts", "contains an invisible control character"),
        QT_TRANSLATE_NOOP("MigrationTexts", "contains an invisible or unusual character"),
        QT_TRANSLATE_NOOP("MigrationTexts", "contains an unusual space"),
        QT_TRANSLATE_NOOP("MigrationTexts", "contains a list separator, so it may be several words"),
        QT_TRANSLATE_NOOP("MigrationTexts", "looks like a label rather than a word (it contains _)"),
        QT_TRANSLATE_NOOP("MigrationTexts", "is unusually long"),
        QT_TRANSLATE_NOOP("MigrationTexts", "It is not written as text."),
        QT_TRANSLATE_NOOP("MigrationTexts", "The time is not written as text."),
        QT_TRANSLATE_NOOP("MigrationTexts", "It is not a date and time in a form this app knows."),
        QT_TRANSLATE_NOOP("MigrationTexts", "It is not a real date and time."),
    )
}
LIST_HOLDING = QT_TRANSLATE_NOOP("MigrationTexts", "a list holding {what}")
AND_MORE = QT_TRANSLATE_NOOP("MigrationTexts", "{shown} and {n} more")
_AND_MORE = re.compile(r"^(?P<shown>.*) and (?P<n>\d+) more$", re.S)


def fragment(value: object) -> object:
    """A param value in the window's language (numbers and unknown text unchanged)."""
    if not isinstance(value, str):
        return value
    if value in FRAGMENTS:
        return tr(value)
    if value.startswith("a list holding "):
        return tr(LIST_HOLDING).format(what=fragment(value[len("a list holding ") :]))
    match = _AND_MORE.match(value)
    if match:
        return tr(AND_MORE).format(shown=match.group("shown"), n=match.group("n"))
    return value


def problem_text(problem: Problem) -> str:
    """The problem's sentence in the window's language: files by their name (not their folder), fields by what they
    hold, counts in real plural forms."""
    template = PROBLEMS.get(problem.code)
    if template is None:
        return problem.message
    counted = "%n" in template  # the count goes into Qt's plural form, not into the sentence's fields
    count = problem.params.get("count") if counted else None
    params = {key: fragment(value) for key, value in problem.params.items() if not (counted and key == "count")}
    text = tr(template) if count is None else QCoreApplication.translate(CONTEXT, template, None, int(count))
    if "what" in params and count is not None:
        params["what"] = capitalized(params["what"])
    try:
        return text.format(
            file=file_name(problem.file), record=problem.record or "", field=field_label(problem.field), **params
        )
    except (KeyError, IndexError, ValueError):  # a translation with a wrong placeholder: the engine's English
        return problem.message


def capitalized(text: object) -> object:
    """A fragment at the start of a sentence ("English words of …")."""
    return text[:1].upper() + text[1:] if isinstance(text, str) else text


#: The old app's files by what they hold (the File column; the path is in the tooltip).
FILE_NAMES = {
    "child_profiles.json": QT_TRANSLATE_NOOP("MigrationTexts", "Children's profiles"),
    "approved_cards.json": QT_TRANSLATE_NOOP("MigrationTexts", "Cards"),
    "chat_history.json": QT_TRANSLATE_NOOP("MigrationTexts", "Chat history"),
    "anki_profiles.json": QT_TRANSLATE_NOOP("MigrationTexts", "Anki settings"),
    "prompt_templates.json": QT_TRANSLATE_NOOP("MigrationTexts", "Prompt templates"),
}

#: The old files' fields by what they hold (the Field column and the sentences; the key is in the tooltip).
FIELD_NAMES = {
    "id": QT_TRANSLATE_NOOP("MigrationTexts", "id"),
    "name": QT_TRANSLATE_NOOP("MigrationTexts", "name"),
    "dob": QT_TRANSLATE_NOOP("MigrationTexts", "date of birth"),
    "gender": QT_TRANSLATE_NOOP("MigrationTexts", "gender"),
    "address": QT_TRANSLATE_NOOP("MigrationTexts", "address"),
    "school": QT_TRANSLATE_NOOP("MigrationTexts", "school"),
    "neighborhood": QT_TRANSLATE_NOOP("MigrationTexts", "neighbourhood"),
    "interests": QT_TRANSLATE_NOOP("MigrationTexts", "interests"),
    "character_roster": QT_TRANSLATE_NOOP("MigrationTexts", "favourite characters"),
    "verbal_fluency": QT_TRANSLATE_NOOP("MigrationTexts", "verbal fluency"),
    "passive_language_level": QT_TRANSLATE_NOOP("MigrationTexts", "understanding level"),
    "mental_age": QT_TRANSLATE_NOOP("MigrationTexts", "mental age"),
    "raw_input": QT_TRANSLATE_NOOP("MigrationTexts", "parent's notes"),
    "extracted_data": QT_TRANSLATE_NOOP("MigrationTexts", "extracted data"),
    "mastered_words": QT_TRANSLATE_NOOP("MigrationTexts", "Chinese words"),
    "mastered_english_words": QT_TRANSLATE_NOOP("MigrationTexts", "English words"),
    "mastered_grammar": QT_TRANSLATE_NOOP("MigrationTexts", "grammar points"),
    "card_type": QT_TRANSLATE_NOOP("MigrationTexts", "card type"),
    "content": QT_TRANSLATE_NOOP("MigrationTexts", "content"),
    "timestamp": QT_TRANSLATE_NOOP("MigrationTexts", "time"),
    "role": QT_TRANSLATE_NOOP("MigrationTexts", "sender"),
    "mentions": QT_TRANSLATE_NOOP("MigrationTexts", "children mentioned"),
}


def file_name(path: str | None) -> str:
    """A source file as a sentence names it: its own name, without the folders (``approved_cards.json``)."""
    return str(path or "").replace("\\", "/").rsplit("/", 1)[-1]


def file_label(path: str | None) -> str:
    """A source file by what it holds ("Cards"); its own name for a file the old app did not write."""
    name = file_name(path)
    return tr(FILE_NAMES[name]) if name in FILE_NAMES else name


def field_label(key: str | None) -> str:
    """A field of the old files by what it holds ("English words" for ``mastered_english_words``)."""
    if not key:
        return ""
    return tr(FIELD_NAMES[key]) if key in FIELD_NAMES else key


def kind_label(kind: str) -> str:
    return tr(KIND_LABELS.get(kind, kind))


def severity_label(severity: str) -> str:
    return tr(SEVERITIES.get(severity, severity))


def file_kind_label(kind: str) -> str:
    return tr(FILE_KINDS.get(kind, FILE_KINDS["other"]))
