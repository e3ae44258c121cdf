"""Page 3: the dry run — what the files hold, what is wrong with them, and the questions the engine needs answered
(which child gets the cards, which time zone the old times are in, whether to skip what cannot be read)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpacerItem,
    QTreeView,
    QVBoxLayout,
)

from desktop.legacy import contract, importer
from desktop.legacy.importer import MigrationResult
from desktop.ui.qtcompat import QT_TRANSLATE_NOOP
from desktop.ui.widgets import FilterBox
from desktop.ui.wizard.common import (
    HINT_STYLE,
    Page,
    StatusBox,
    format_count,
    hint_label,
    save_to_chosen_file,
    text_label,
)
from desktop.ui.wizard.problems import (
    COLUMNS,
    ProblemsFilter,
    ProblemsModel,
    WrappingDelegate,
    export_csv,
)
from desktop.ui.wizard.texts import kind_label, stage_text
from desktop.ui.workers import Worker

#: Errors that a choice of profile answers (not "skip": skipping would leave the cards behind).
NEED_PROFILE = frozenset({"cards_need_profile", "chat_needs_profile"})
COUNT_KINDS = ("profiles", "zh", "en", "grammar", "cards", "chat")

#: (zone, what it is) offered in the time-zone box; the computer's own zone is added first.
COMMON_ZONES = (
    ("Asia/Shanghai", QT_TRANSLATE_NOOP("CheckPage", "China (Beijing time)")),
    ("Asia/Hong_Kong", QT_TRANSLATE_NOOP("CheckPage", "Hong Kong")),
    ("Asia/Taipei", QT_TRANSLATE_NOOP("CheckPage", "Taiwan")),
    ("Asia/Singapore", QT_TRANSLATE_NOOP("CheckPage", "Singapore, Malaysia")),
    ("Asia/Tokyo", QT_TRANSLATE_NOOP("CheckPage", "Japan")),
    ("Asia/Seoul", QT_TRANSLATE_NOOP("CheckPage", "Korea")),
    ("Asia/Kolkata", QT_TRANSLATE_NOOP("CheckPage", "India")),
    ("Europe/London", QT_TRANSLATE_NOOP("CheckPage", "United Kingdom, Ireland")),
    ("Europe/Berlin", QT_TRANSLATE_NOOP("CheckPage", "Central Europe")),
    ("America/New_York", QT_TRANSLATE_NOOP("CheckPage", "US and Canada, Eastern")),
    ("America/Chicago", QT_TRANSLATE_NOOP("CheckPage", "US and Canada, Central")),
    ("America/Denver", QT_TRANSLATE_NOOP("CheckPage", "US and Canada, Mountain")),
    ("America/Los_Angeles", QT_TRANSLATE_NOOP("CheckPage", "US and Canada, Pacific")),
    ("Australia/Sydney", QT_TRANSLATE_NOOP("CheckPage", "Australia, Eastern")),
    ("UTC", QT_TRANSLATE_NOOP("CheckPage", "Universal time")),
    ("+08:00", QT_TRANSLATE_NOOP("CheckPage", "UTC+8, no daylight saving")),
)
ZONE_SEPARATOR = " — "


def default_zone() -> str:
    return contract.timezone_label(contract.local_timezone())


class CheckPage(Page):
    """Runs the dry run in a worker (again whenever an answer changes) and shows counts, problems and questions.
    Complete when the dry run would migrate: no blocking errors (or "skip" ticked) and a child chosen if needed."""

    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.checked_source: Path | None = None
        self.running = False
        self.generation = 0
        self.job: Worker | None = None
        self.needs_choice = False
        self.choices: list[tuple[str, str]] = []
        self.zone_error = False
        self.failure = ""
        self.stage = QLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(14)
        self.status = StatusBox()
        self._build_counts()
        self._build_questions()
        self._lay_out(self._build_problems())
        self._fill_zones(default_zone())
        self.retranslate()

    def _build_counts(self) -> None:
        """How many of each kind of record the files hold (three to a row), and notes on what is counted."""
        self.counts_box = QGroupBox()
        counts = QGridLayout(self.counts_box)
        counts.setHorizontalSpacing(18)
        self.count_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for i, kind in enumerate(COUNT_KINDS):
            name, value = QLabel(), QLabel()
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            counts.addWidget(name, i // 3, (i % 3) * 2)
            counts.addWidget(value, i // 3, (i % 3) * 2 + 1)
            self.count_labels[kind] = (name, value)
        for column in range(6):
            counts.setColumnStretch(column, 1 if column % 2 == 0 else 0)
        self.extra_counts = text_label()
        counts.addWidget(self.extra_counts, 2, 0, 1, 6)

    def _build_questions(self) -> None:
        """Which child gets the cards (only when the files do not say), the time zone, whether to skip."""
        self.questions = QGroupBox()
        grid = QGridLayout(self.questions)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(2)
        self.profile_label = QLabel()
        self.profile_combo = QComboBox()
        self.profile_label.setBuddy(self.profile_combo)
        self.profile_combo.currentIndexChanged.connect(self._profile_changed)
        self.profile_help = hint_label()
        self.zone_label = QLabel()
        self.zone_combo = QComboBox()
        self.zone_combo.setEditable(True)
        self.zone_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_combo.setMinimumContentsLength(28)
        self.zone_label.setBuddy(self.zone_combo)
        self.zone_combo.activated.connect(lambda _index: self._zone_changed())
        zone_edit = self.zone_combo.lineEdit()
        assert zone_edit is not None  # an editable combo box always has its line edit
        zone_edit.editingFinished.connect(self._zone_changed)
        self.zone_help = hint_label()
        self.skip_check = QCheckBox()
        self.skip_check.toggled.connect(self._skip_changed)
        grid.addWidget(self.profile_label, 0, 0)
        grid.addWidget(self.profile_combo, 0, 1)
        grid.addWidget(self.profile_help, 1, 1)
        grid.addItem(QSpacerItem(0, 8), 2, 1)
        grid.addWidget(self.zone_label, 3, 0)
        grid.addWidget(self.zone_combo, 3, 1)
        grid.addWidget(self.zone_help, 4, 1)
        grid.addWidget(self.skip_check, 5, 0, 1, 2)
        self.profile_row = (self.profile_label, self.profile_combo, self.profile_help)

    def _build_problems(self) -> QHBoxLayout:
        """The problems found, in a table that can be filtered by text and kind and exported; returns the row of
        tools above the table."""
        self.problems_label = QLabel()
        self.model = ProblemsModel(self, self)
        self.proxy = ProblemsFilter(self)
        self.proxy.setSourceModel(self.model)
        # What was found leads, whole and wrapped; a line for several problems of one kind opens to each.
        self.table = QTreeView()
        self.table.setTabKeyNavigation(False)  # arrows move inside; Tab moves on to the next control
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setUniformRowHeights(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegate(WrappingDelegate(self.table))
        self.problems_label.setBuddy(self.table)
        self.filter_box = FilterBox()
        self.filter_box.changed.connect(self.proxy.setFilterFixedString)
        self.severity_combo = QComboBox()
        self.severity_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_severity(self.severity_combo.currentData() or "")
        )
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_problems)
        tools = QHBoxLayout()
        tools.addWidget(self.problems_label)
        tools.addStretch(1)
        tools.addWidget(self.filter_box, 2)
        tools.addWidget(self.severity_combo)
        tools.addWidget(self.export_button)
        return tools

    def _lay_out(self, tools: QHBoxLayout) -> None:
        running = QHBoxLayout()
        running.addWidget(self.stage)
        running.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(running)
        layout.addWidget(self.status)
        layout.addWidget(self.counts_box)
        layout.addWidget(self.questions)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        for first, second in (
            (self.profile_combo, self.zone_combo),
            (self.zone_combo, self.skip_check),
            (self.skip_check, self.filter_box),
            (self.filter_box, self.severity_combo),
            (self.severity_combo, self.export_button),
            (self.export_button, self.table),
        ):
            self.setTabOrder(first, second)

    # -- texts

    def retranslate(self) -> None:
        self.setTitle(self.tr("Checking the old files"))
        self.setSubTitle(self.tr("Nothing is written yet. The files are read and compared with the database."))
        self.counts_box.setTitle(self.tr("Found in the old files"))
        for kind, (name, _value) in self.count_labels.items():
            name.setText(kind_label(kind))
        self.questions.setTitle(self.tr("A few questions"))
        self.profile_label.setText(self.tr("&Cards and unattributed chat belong to:"))
        self.profile_help.setText(
            self.tr(
                "The old app did not record whose cards these are, nor who some chat "
                "messages were about. Choose the child they all go to."
            )
        )
        self.zone_label.setText(self.tr("&Time zone of the old times:"))
        self.problems_label.setText(self.tr("&Problems:"))
        self.filter_box.setPlaceholderText(self.tr("Filter…"))
        self.filter_box.setAccessibleName(self.filter_box.placeholderText().rstrip("…"))
        current = self.severity_combo.currentData()
        self.severity_combo.blockSignals(True)
        self.severity_combo.clear()
        for text, value in (
            (self.tr("All kinds"), ""),
            (self.tr("Errors"), "error"),
            (self.tr("Warnings"), "warning"),
            (self.tr("Notes"), "info"),
        ):
            self.severity_combo.addItem(text, value)
        self.severity_combo.setCurrentIndex(max(0, self.severity_combo.findData(current or "")))
        self.severity_combo.blockSignals(False)
        self.export_button.setText(self.tr("E&xport…"))
        self._fill_zones(self.zone_value() or default_zone())
        self._fill_profiles()
        self.model.retranslate()
        self.show_result()

    # -- the time-zone box

    def _fill_zones(self, selected: str) -> None:
        self.zone_combo.blockSignals(True)
        self.zone_combo.clear()
        local = default_zone()
        this_computer = self.tr("this computer")
        self.zone_combo.addItem(f"{local}{ZONE_SEPARATOR}{this_computer}", local)
        for zone, what in COMMON_ZONES:
            if zone != local:
                self.zone_combo.addItem(f"{zone}{ZONE_SEPARATOR}{self.tr(what)}", zone)
        index = self.zone_combo.findData(selected)
        if index >= 0:
            self.zone_combo.setCurrentIndex(index)
        else:
            self.zone_combo.setEditText(selected)
        self.zone_combo.blockSignals(False)

    def zone_value(self) -> str | None:
        """The zone typed or chosen, or None if it is not one."""
        text = self.zone_combo.currentText().strip()
        index = self.zone_combo.findText(text)
        value = self.zone_combo.itemData(index) if index >= 0 else text.split(ZONE_SEPARATOR)[0].strip()
        try:
            contract.parse_timezone(value)
        except ValueError:
            return None
        return value

    def _zone_changed(self) -> None:
        value = self.zone_value()
        self.zone_error = value is None
        if value is not None and value != self.wiz.choices.assume_tz:
            self.wiz.choices.assume_tz = value
            self.run_check()
        else:
            self.show_result()
            self.refresh_buttons()

    # -- the profile box

    def _fill_profiles(self) -> None:
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        self.profile_combo.addItem(self.tr("Choose a child…"), None)
        for pid, name in self.choices:
            self.profile_combo.addItem(name, pid)
        self.profile_combo.setCurrentIndex(max(0, self.profile_combo.findData(self.wiz.choices.assign_to)))
        self.profile_combo.blockSignals(False)

    def _profile_changed(self, _index: int) -> None:
        chosen = self.profile_combo.currentData()
        if chosen != self.wiz.choices.assign_to:
            self.wiz.choices.assign_to = chosen
            self.run_check()

    def _skip_changed(self, checked: bool) -> None:
        if checked != self.wiz.choices.skip_invalid:
            self.wiz.choices.skip_invalid = checked
            self.run_check()

    # -- the dry run

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if self.checked_source != self.wiz.source:
            self.checked_source = self.wiz.source
            self.needs_choice = False
            self.choices = []
            self.wiz.choices.assign_to = None
            self.wiz.choices.skip_invalid = False
            self.skip_check.blockSignals(True)
            self.skip_check.setChecked(False)
            self.skip_check.blockSignals(False)
            self._fill_profiles()
            self.model.set_problems([])
        self.run_check()  # always fresh: the database may have changed since the last look

    def run_check(self) -> None:
        """Start (or restart) the dry run with the current answers."""
        if self.job is not None:
            self.job.cancel()
        self.generation += 1
        generation = self.generation
        self.running = True
        self.failure = ""
        self.wiz.dry = None
        self.job = self.wiz.jobs.start(
            self.wiz.migration_job(dry_run=True),
            "dry run",
            lambda result: self._done(generation, result),
            lambda message: self._failed(generation, message),
            on_progress=lambda done, total, text: self._progress(generation, done, total, text),
        )
        self.stage.setText(self.tr("Reading the files…"))
        self.progress.setRange(0, 0)
        self.show_result()
        self.refresh_buttons()

    def _progress(self, generation: int, done: int, total: int, text: str) -> None:
        if generation != self.generation:
            return
        self.stage.setText(stage_text(text))
        if total and text != "Done":
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)

    def _done(self, generation: int, result: object) -> None:
        if generation != self.generation or not isinstance(result, MigrationResult):
            return
        self.running = False
        self.job = None
        if result.status == "cancelled":
            return
        self.wiz.dry = result
        read = result.read
        if read is not None:
            choices = importer.profile_choices(read)
            if choices != self.choices:
                self.choices = choices
                self._fill_profiles()
            if self.wiz.choices.assign_to is None and len(choices) > 1:
                self.needs_choice |= any(p.code in NEED_PROFILE for p in read.problems)
            self.model.set_problems(read.problems)
            self.size_columns()
            if self.proxy.rowCount():
                self.table.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self.model.set_problems([])
        self.show_result()
        self.refresh_buttons()

    def size_columns(self) -> None:
        """The message takes the room left; the other columns fit the first problems' texts, up to a limit.
        Measured here from the texts (a few dozen calls) rather than with resizeColumnToContents (thousands of
        model calls)."""
        metrics = self.table.fontMetrics()
        rows = range(min(len(self.model.problems), 40))
        padding = 16
        limits = {1: 110, 2: 170, 3: 170, 4: 140}
        for column, limit in limits.items():
            name = COLUMNS[column]
            widest = max([metrics.horizontalAdvance(self.model.text(r, name)) for r in rows] or [0])
            header_width = metrics.horizontalAdvance(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            self.table.setColumnWidth(column, min(limit, max(widest, header_width + 16) + padding))

    def _failed(self, generation: int, message: str) -> None:
        if generation != self.generation:
            return
        self.running = False
        self.job = None
        self.failure = message
        self.show_result()
        self.refresh_buttons()

    # -- what the dry run found

    def other_errors(self) -> int:
        read = self.wiz.dry.read if self.wiz.dry is not None else None
        if read is None:
            return 0
        return sum(1 for p in read.problems if p.severity == "error" and p.code not in NEED_PROFILE)

    def waiting_for_choice(self) -> bool:
        return self.needs_choice and self.wiz.choices.assign_to is None

    def show_result(self) -> None:
        dry = self.wiz.dry
        read = dry.read if dry is not None else None
        self.stage.setVisible(self.running)
        self.progress.setVisible(self.running)
        self.counts_box.setVisible(read is not None)
        for kind, (_name, value) in self.count_labels.items():
            value.setText(format_count(read.counts.get(kind, 0)) if read is not None else "")
        if read is not None:
            notes = []
            if read.counts.get("duplicates_dropped"):
                notes.append(
                    self.tr("%Ln repeated word(s) [is|are] counted once.", "", read.counts["duplicates_dropped"])
                )
            if read.secrets_dropped:
                notes.append(
                    self.tr(
                        "%n secret value(s) such as an API key [was|were] found; [it is|they are] "
                        "dropped and never copied.",
                        "",
                        read.secrets_dropped,
                    )
                )
            self.extra_counts.setText(" ".join(notes))
            self.extra_counts.setVisible(bool(notes))
        for widget in self.profile_row:
            widget.setVisible(self.needs_choice)
        errors = self.other_errors()
        self.skip_check.setVisible(errors > 0 or self.wiz.choices.skip_invalid)
        self.skip_check.setText(
            self.tr("&Skip what cannot be read (%n problem(s) marked Error) and move everything else", "", errors)
        )
        self.zone_help.setStyleSheet("color:#a31515;" if self.zone_error else HINT_STYLE)
        if self.zone_error:
            self.zone_help.setText(
                self.tr(
                    "This is not a time zone this app knows. Choose one from the list, or "
                    "type an offset such as +08:00."
                )
            )
        else:
            self.zone_help.setText(
                self.tr(
                    "Some times in the old files say no time zone. They are read in this "
                    "one (normally this computer's). Type a name or an offset such as "
                    "+08:00."
                )
            )
        self.problems_label.setVisible(read is not None)
        self.export_button.setEnabled(bool(self.model.problems))
        self._show_status(dry, errors)

    def _show_status(self, dry: MigrationResult | None, errors: int) -> None:
        if self.failure:
            self.status.show_status("error", self.failure)
        elif self.running or dry is None:
            self.status.clear_status()
        elif dry.read is None:
            self.status.show_status(
                "error", self.tr("The files could not be read: {reason}").format(reason=dry.message)
            )
        elif self.waiting_for_choice():
            self.status.show_status(
                "warning",
                self.tr(
                    "Please choose, under “A few questions”, which child the cards belong to. Next stays disabled "
                    "until then."
                ),
            )
        elif self.zone_error:
            self.status.show_status("error", self.tr("Please choose a time zone from the list."))
        elif dry.status == "blocked":
            self.status.show_status(
                "error",
                self.tr(
                    "%n problem(s) marked Error must be fixed in the old files before the records can be moved — or "
                    "tick “Skip what cannot be read” to move everything else. Next stays disabled until then. Nothing "
                    "has been written.",
                    "",
                    errors,
                ),
            )
        else:
            text = self.ready_text(dry)
            kind = "warning" if dry.skipped else "ok"
            self.status.show_status(kind, text)

    def ready_text(self, dry: MigrationResult) -> str:
        new, already = dry.total_new, sum(dry.already.values())
        if already and not new:
            text = self.tr("Already imported — 0 new records. Everything in these files is already in the database.")
        elif already:
            text = self.tr(
                "Already imported before — %Ln new record(s) will be added; the {already} already in "
                "the database are left as they are.",
                "",
                new,
            ).format(already=format_count(already))
        else:
            text = self.tr("Everything can be moved: %Ln record(s).", "", new)
        if dry.skipped:
            text += " " + self.tr(
                "%Ln record(s) that cannot be read will be skipped; [it stays|they stay] in the old files.",
                "",
                len(dry.skipped),
            )
        return text

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        dry = self.wiz.dry
        return (
            not self.running
            and dry is not None
            and dry.status == "dry-run"
            and not self.waiting_for_choice()
            and not self.zone_error
        )

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """A zone typed but not yet confirmed (Next clicked straight from the box) is checked first."""
        if self.zone_value() != self.wiz.choices.assume_tz:
            self._zone_changed()
            return False
        return self.isComplete()

    def cleanupPage(self) -> None:  # noqa: N802 - Qt override
        """Going back to the folder: stop a dry run still running (its result would be stale)."""
        if self.job is not None:
            self.job.cancel()
        self.generation += 1
        self.running = False
        self.job = None

    # -- export

    def export_problems(self) -> None:
        saved = save_to_chosen_file(
            self,
            self.tr("Export the problems"),
            str(Path.home() / self.tr("migration-problems.csv")),
            self.tr("CSV files (*.csv)"),
            lambda path: export_csv(path, self.model, self.proxy.visible_source_rows()),
            self.tr("The file could not be written: {reason}"),
        )
        if saved is not None:
            path, n = saved
            self.status.show_status("info", self.tr("%n problem(s) saved to {path}.", "", n).format(path=path))
