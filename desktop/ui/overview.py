"""The Overview tab: every field of the child's profile in a form (checked on save, each problem shown next to its
field), interests and favourite characters as tags, the parent's private notes, counts of each kind of record and
a chart of words mastered over time."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import import_dates, services
from desktop.errors import ConflictError, LedgerError, NotFoundError, ValidationError
from desktop.store import tables as queries
from desktop.ui import dialogs, formatting, messages
from desktop.ui.chart import WordsChart
from desktop.ui.tags import TagEditor
from desktop.ui.widgets import FieldRow, MessageBar, Retranslating, StatTile
from desktop.ui.workers import JobRunner

log = logging.getLogger(__name__)

TEXT_FIELDS = (
    "name",
    "dob",
    "school",
    "address",
    "neighborhood",
    "verbal_fluency",
    "passive_language_level",
    "mental_age",
)
GENDERS = ("", "male", "female")


class OverviewPage(Retranslating, QWidget):
    """The selected child's profile. Signals: ``saved(profile_id)`` after a save (the list shows the new name)."""

    saved = Signal(str)

    def __init__(self, jobs: JobRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self._stats_for: str | None = None
        self._stats_stale = False
        self.profile: dict | None = None
        self._pending: tuple[str | None] | None = None
        self._loading = False
        self._narrow: bool | None = None
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = QLabel()
        self.subheading.setStyleSheet("color:#666666")
        self.message_bar = MessageBar()
        self._build_inputs()
        self._build_form()
        self._build_notes()
        self._build_advanced()
        self._build_stats()
        self._lay_out(self._build_buttons())
        self._connect_inputs()
        self._arrange(narrow=False)
        self.retranslate()
        self._set_enabled(False)

    # ---------------------------------------------------------------------------------------------- building
    def _build_inputs(self) -> None:
        """An editor for each field (``inputs``), each in a row that shows its error (``rows``)."""
        self.text_inputs: dict[str, QLineEdit] = {f: QLineEdit() for f in TEXT_FIELDS}
        self.text_inputs["dob"].setMinimumWidth(120)
        self.text_inputs["dob"].setMaximumWidth(160)
        self.text_inputs["mental_age"].setMaximumWidth(160)
        self.age_label = QLabel()
        self.age_label.setStyleSheet("color:#666666")
        self.gender = QComboBox()
        for code in GENDERS:
            self.gender.addItem("", code)
        self.interests = TagEditor()
        self.characters = TagEditor()
        self.notes = QPlainTextEdit()
        self.notes.setMinimumHeight(80)
        self.extracted = QPlainTextEdit()
        self.extracted.setMaximumHeight(90)
        for editor in (self.notes, self.extracted):
            editor.setTabChangesFocus(True)  # Tab moves on, as in every other field (no keyboard trap)
        self.inputs: dict[str, QWidget] = {
            **self.text_inputs,
            "gender": self.gender,
            "interests": self.interests,
            "character_roster": self.characters,
            "raw_input": self.notes,
            "extracted_data": self.extracted,
        }
        self.rows = {name: FieldRow(widget) for name, widget in self.inputs.items()}
        dob_line = QWidget()
        dob_layout = QHBoxLayout(dob_line)
        dob_layout.setContentsMargins(0, 0, 0, 0)
        dob_layout.addWidget(self.text_inputs["dob"])
        dob_layout.addWidget(self.age_label, 1)
        self.rows["dob"] = FieldRow(dob_line)
        self.rows["dob"].editor = self.text_inputs["dob"]

    def _build_form(self) -> None:
        """The profile's fields in two columns (one under the other on a narrow screen)."""
        self.labels: dict[str, QLabel] = {}
        self.form_box = QGroupBox()
        form_columns = self.form_columns = QHBoxLayout(self.form_box)
        for names in (
            ("name", "dob", "gender", "school", "address", "neighborhood"),
            ("verbal_fluency", "passive_language_level", "mental_age", "interests", "character_roster"),
        ):
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name in names:
                label = QLabel()
                self.labels[name] = label
                form.addRow(label, self.rows[name])
            form_columns.addLayout(form, 1)
            if len(names) == 6:
                form_columns.addSpacing(16)

    def _build_notes(self) -> None:
        self.notes_box = QGroupBox()
        notes_layout = QVBoxLayout(self.notes_box)
        self.notes_hint = QLabel()
        self.notes_hint.setWordWrap(True)
        self.notes_hint.setStyleSheet("color:#8a5a00")
        notes_layout.addWidget(self.notes_hint)
        notes_layout.addWidget(self.rows["raw_input"])

    def _build_advanced(self) -> None:
        """ "More details", folded: the extracted data, the id, the times, what was kept from the old app."""
        self.advanced = QGroupBox()
        self.advanced.setCheckable(True)
        self.advanced.setChecked(False)
        advanced_layout = QFormLayout(self.advanced)
        self.labels["extracted_data"] = QLabel()
        advanced_layout.addRow(self.labels["extracted_data"], self.rows["extracted_data"])
        self.id_label, self.id_value = QLabel(), QLabel()
        self.times_label, self.times_value = QLabel(), QLabel()
        self.extra_label, self.extra_value = QLabel(), QLabel()
        for value in (self.id_value, self.times_value, self.extra_value):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
        advanced_layout.addRow(self.id_label, self.id_value)
        advanced_layout.addRow(self.times_label, self.times_value)
        advanced_layout.addRow(self.extra_label, self.extra_value)
        self.advanced.toggled.connect(self._show_advanced)
        self._show_advanced(False)

    def _build_stats(self) -> None:
        """A tile with the count of each kind of record, and the chart of words over time."""
        self.tiles = {
            key: StatTile(color)
            for key, color in (
                ("zh", "#e4572e"),
                ("en", "#2e86de"),
                ("grammar", "#8e44ad"),
                ("cards", "#27ae60"),
                ("chat", "#7f8c8d"),
            )
        }
        self.tiles_grid = QGridLayout()
        self.chart = WordsChart()

    def _build_buttons(self) -> QHBoxLayout:
        """Save, Undo changes and the "Unsaved changes" note; Ctrl+S saves."""
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton()
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        self.dirty_label = QLabel()
        self.dirty_label.setStyleSheet("color:#8a5a00")
        buttons.addWidget(self.dirty_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)
        return buttons

    def _lay_out(self, buttons: QHBoxLayout) -> None:
        """A picture first (counts, the chart, the parent's notes), then the profile form in two columns; all of it
        scrolls, the buttons stay at the bottom."""
        picture = self.picture = QHBoxLayout()
        picture.addWidget(self.chart, 3)
        picture.addWidget(self.notes_box, 2)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        for widget in (self.heading, self.subheading, self.message_bar):
            content_layout.addWidget(widget)
        content_layout.addLayout(self.tiles_grid)
        content_layout.addLayout(picture)
        content_layout.addWidget(self.form_box)
        content_layout.addWidget(self.advanced)
        content_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, and the view follows the focus
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)

    def _connect_inputs(self) -> None:
        for name in TEXT_FIELDS:
            self.text_inputs[name].textEdited.connect(self._edited)
        self.text_inputs["dob"].textEdited.connect(self._update_age)
        self.gender.currentIndexChanged.connect(self._edited)
        for tags in (self.interests, self.characters):
            tags.changed.connect(self._edited)
            tags.input.textEdited.connect(self._edited)
        self.notes.textChanged.connect(self._edited)
        self.extracted.textChanged.connect(self._edited)

    # ---------------------------------------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self._retranslate_fields()
        self._retranslate_boxes()
        self._retranslate_stats()
        self._update_age()
        self._update_heading()
        self._update_dirty()

    def _retranslate_fields(self) -> None:
        """Each field's label (also its input's accessible name), placeholders and tips."""
        labels = {
            "name": self.tr("Name"),
            "dob": self.tr("Date of birth"),
            "gender": self.tr("Gender"),
            "school": self.tr("School"),
            "address": self.tr("Address"),
            "neighborhood": self.tr("Neighbourhood"),
            "verbal_fluency": self.tr("Verbal fluency"),
            "passive_language_level": self.tr("Understands (level)"),
            "mental_age": self.tr("Mental age (years)"),
            "interests": self.tr("Interests"),
            "character_roster": self.tr("Favourite characters"),
            "extracted_data": self.tr("Extracted data (JSON)"),
        }
        for name, label in self.labels.items():
            label.setText(labels[name])
            # The label names its input for screen readers and keyboard users (the buddy is the input itself,
            # not the row around it, which is what the form layout would pick).
            focus = self._focus_widget(name)
            label.setBuddy(focus)
            focus.setAccessibleName(labels[name])
        self.gender.setItemText(0, self.tr("—"))
        self.gender.setItemText(1, self.tr("Male"))
        self.gender.setItemText(2, self.tr("Female"))
        self.text_inputs["mental_age"].setPlaceholderText(self.tr("e.g. 6.5"))
        self.text_inputs["dob"].setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.text_inputs["dob"].setToolTip(
            self.tr("Year, month and day, e.g. 2015-01-31 (2015/1/31 and 2015年1月31日 work too)")
        )
        self.interests.set_placeholder(self.tr("Add an interest…"), self.tr("Click to remove"))
        self.characters.set_placeholder(self.tr("Add a character…"), self.tr("Click to remove"))

    def _retranslate_boxes(self) -> None:
        """The group boxes around the fields and the buttons."""
        self.notes_box.setTitle(self.tr("Parent's notes — private"))
        self.notes.setAccessibleName(self.notes_box.title())
        self.form_box.setTitle(self.tr("Profile"))
        self.notes_hint.setText(
            self.tr(
                "Private: what the parent wrote when the profile was made (phone numbers, family). It stays on this "
                "computer and is not put on cards or sent anywhere."
            )
        )
        self.advanced.setTitle(self.tr("More details"))
        self.id_label.setText(self.tr("Profile id"))
        self.times_label.setText(self.tr("Created / changed"))
        self.extra_label.setText(self.tr("Kept from the old app"))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the profile (Ctrl+S)"))
        self.revert_button.setText(self.tr("Undo changes"))

    def _retranslate_stats(self) -> None:
        captions = {
            "zh": self.tr("Chinese words"),
            "en": self.tr("English words"),
            "grammar": self.tr("Grammar points"),
            "cards": self.tr("Cards"),
            "chat": self.tr("Chat messages"),
        }
        for key, tile in self.tiles.items():
            tile.caption.setText(captions[key])
        self.chart.set_texts(
            title=self.tr("Words mastered over time"),
            zh=self.tr("Chinese"),
            en=self.tr("English"),
            empty=self.tr("No words yet. Words you add will show here as a line that grows."),
        )

    def _focus_widget(self, name: str) -> QWidget:
        """The widget of field ``name`` that takes the keyboard focus (a tag editor's input box)."""
        editor = self.inputs[name]
        return editor.input if isinstance(editor, TagEditor) else editor

    # ---------------------------------------------------------------------------------------------- loading
    def set_profile(self, profile_id: str | None) -> None:
        self._pending = (profile_id,)
        if self.isVisible():
            self.ensure_loaded()

    def records_changed(self) -> None:
        """Words or other records were added or deleted: the counts and the chart are read again (now if shown,
        else when shown); the form, possibly with unsaved changes, is left alone."""
        self._stats_stale = True
        if self.isVisible():
            self._refresh_stale_stats()

    def _refresh_stale_stats(self) -> None:
        if self._stats_stale and self._pending is None:
            self._stats_stale = False
            self.refresh_stats()

    #: Below this width (a small screen) the page is one column: tiles in rows of three, the notes under the chart,
    #: the profile's two columns one under the other.
    NARROW_WIDTH = 760

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange(self.width() < self.NARROW_WIDTH)

    def _arrange(self, narrow: bool) -> None:
        if narrow == self._narrow:
            return
        self._narrow = narrow
        columns = 3 if narrow else len(self.tiles)
        for i, tile in enumerate(self.tiles.values()):
            self.tiles_grid.removeWidget(tile)
            self.tiles_grid.addWidget(tile, i // columns, i % columns)
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        self.picture.setDirection(direction)
        self.form_columns.setDirection(direction)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.ensure_loaded()
        self._refresh_stale_stats()

    def ensure_loaded(self) -> None:
        if self._pending is None:
            return
        (profile_id,) = self._pending
        self._pending = None
        self.load(profile_id)

    def load(self, profile_id: str | None) -> None:
        self.message_bar.clear()
        self._stats_stale = False
        self.profile = None
        if profile_id is not None:
            try:
                self.profile = services.get_profile(profile_id)
            except NotFoundError:
                self.profile = None
        self._fill()
        self.refresh_stats()

    def refresh_stats(self) -> None:
        """Counts and the chart: read in the background (the chart groups every word of the child, ~0.1–0.2 s for
        100,000 words); a result for a child no longer shown is dropped."""
        profile_id = self.profile["id"] if self.profile is not None else None
        self._stats_for = profile_id
        if profile_id is None:
            self._show_stats(None, (dict.fromkeys(self.tiles, 0), []))
            return

        def read() -> tuple[dict, import_dates.WordsSeries]:
            return queries.profile_counts(profile_id), import_dates.words_over_time(profile_id)

        if self.jobs is None:
            self._show_stats(profile_id, read())
        else:
            self.jobs.read(lambda _worker: read(), lambda result: self._show_stats(profile_id, result), name="overview")

    def _show_stats(self, profile_id: str | None, result: tuple[dict, import_dates.WordsSeries | list]) -> None:
        if profile_id != self._stats_for:
            return
        counts, points = result
        for key, tile in self.tiles.items():
            tile.number.setText(f"{counts.get(key, 0):,}")
        self.chart.set_points(points)

    def _fill(self) -> None:
        self._loading = True
        p = self.profile or {}
        for name in TEXT_FIELDS:
            value = p.get(name)
            if name == "mental_age" and value is not None:
                value = f"{value:g}"
            self.text_inputs[name].setText("" if value is None else str(value))
        gender = p.get("gender") or ""
        position = self.gender.findData(gender)
        if position < 0:
            self.gender.addItem(gender, gender)
            position = self.gender.count() - 1
        self.gender.setCurrentIndex(position)
        self.interests.set_tags(formatting.json_list(p.get("interests")))
        self.characters.set_tags(formatting.json_list(p.get("character_roster")))
        self.notes.setPlainText(p.get("raw_input") or "")
        extracted = p.get("extracted_data")
        self.extracted.setPlainText(formatting.pretty_json(extracted))
        self.id_value.setText(p.get("id") or "")
        self.times_value.setText(
            " / ".join(formatting.local_time(p.get(k)) for k in ("created_at", "updated_at") if p.get(k))
        )
        self.extra_value.setText(formatting.pretty_json(p.get("extra")) or "—")
        for row in self.rows.values():
            row.show_error("")
        self._loading = False
        self._set_enabled(self.profile is not None)
        self._update_age()
        self._update_heading()
        self._update_dirty()

    def _set_enabled(self, enabled: bool) -> None:
        for row in self.rows.values():
            row.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        self.revert_button.setEnabled(enabled)

    def _show_advanced(self, shown: bool) -> None:
        for widget in self.advanced.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            widget.setVisible(shown)

    def _update_heading(self) -> None:
        if self.profile is None:
            self.heading.setText(self.tr("No child selected"))
            self.subheading.setText("")
            return
        self.heading.setText(self.profile["name"])
        age = formatting.age_text(self.profile.get("dob"))
        self.subheading.setText(self.tr("Age {age}").format(age=age) if age else self.tr("Age not known"))

    def _update_age(self, *_args) -> None:
        age = formatting.age_text(formatting.iso_date(self.text_inputs["dob"].text()))
        self.age_label.setText(self.tr("({age})").format(age=age) if age else "")

    # ---------------------------------------------------------------------------------------------- editing
    def values(self) -> dict[str, object]:
        """The form's values, shaped like the service expects them."""
        out: dict[str, object] = {name: self.text_inputs[name].text() for name in TEXT_FIELDS}
        out["mental_age"] = self.text_inputs["mental_age"].text().strip() or None
        out["dob"] = formatting.iso_date(self.text_inputs["dob"].text()) or None
        out["gender"] = self.gender.currentData() or None
        out["interests"] = self.interests.tags()
        out["character_roster"] = self.characters.tags()
        out["raw_input"] = self.notes.toPlainText()
        out["extracted_data"] = self.extracted.toPlainText().strip() or None
        return out

    def changes(self) -> dict:
        """Only the fields that differ from what was loaded."""
        if self.profile is None:
            return {}
        out = {}
        for name, value in self.values().items():
            stored = self.profile.get(name)
            if name in ("interests", "character_roster"):
                if value != formatting.json_list(stored):
                    out[name] = value
            elif name == "extracted_data":
                if (value or None) != (formatting.pretty_json(stored) or None):
                    out[name] = value
            elif name == "mental_age":
                if (value or None) != (None if stored is None else f"{stored:g}"):
                    out[name] = value
            elif (value or None) != (stored or None):
                out[name] = value
        return out

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def _edited(self, *_args) -> None:
        if not self._loading:
            self._update_dirty()

    def _update_dirty(self) -> None:
        self.dirty_label.setText(self.tr("Unsaved changes") if self.profile is not None and self.is_dirty() else "")

    def save(self) -> bool:
        """Save the changed fields; a refused value is shown next to its field. Returns True if saved."""
        if self.profile is None:
            return False
        changes = self.changes()
        self.message_bar.clear()  # what an earlier action said ("Saved.") is not true of this one
        for row in self.rows.values():
            row.show_error("")
        if not changes:
            return True
        try:
            self.profile = services.update_profile(self.profile["id"], self.profile["version"], **changes)
        except ValidationError as exc:
            field_row = self.rows.get(exc.field)
            text = messages.describe(exc) or str(exc)
            if field_row is None:
                self.message_bar.show_message(text, "error")
            else:
                field_row.show_error(text)
                field_row.editor.setFocus()
            return False
        except ConflictError as exc:
            self.message_bar.show_message(messages.describe(exc) or str(exc), "error")
            if dialogs.ask(
                self,
                self.tr("Changed elsewhere"),
                self.tr(
                    "This profile was changed elsewhere since you opened it. Load the current version? "
                    "Your changes here will be lost."
                ),
                yes=self.tr("Load current version"),
                no=self.tr("Keep editing"),
            ):
                self.load(self.profile["id"])
            return False
        except LedgerError as exc:
            self.message_bar.show_message(messages.describe(exc) or str(exc), "error")
            return False
        except Exception as exc:
            message = messages.known_storage_problem(exc)
            if message is None:
                raise
            self.message_bar.show_message(message, "error")
            return False
        self._fill()
        self.message_bar.show_message(self.tr("Saved."), "info")
        self.saved.emit(self.profile["id"])
        return True

    def revert(self) -> None:
        self.message_bar.clear()
        self._fill()

    def confirm_leave(self) -> bool:
        """Before another child is shown: offer to save unsaved changes. False if they could not be saved."""
        if self.profile is None or not self.is_dirty():
            return True
        if dialogs.ask(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to {name}'s profile?").format(name=self.profile["name"]),
            yes=self.tr("Save"),
            no=self.tr("Discard"),
        ):
            return self.save()
        self._fill()
        return True
