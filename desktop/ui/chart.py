"""A small picture of a child's progress: mastered words over time, one growing line per language, drawn with
QPainter (no charting dependency)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QLinearGradient, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.import_dates import ImportStep, WordsSeries
from desktop.store.tables import WordsPoint
from desktop.ui import formatting
from desktop.ui.qtcompat import QT_TRANSLATE_NOOP

#: The label of a migration's step: its day and how many words it brought (a real plural form).
STEP_LABEL = QT_TRANSLATE_NOOP("WordsChart", "Imported from the old app on {date}: %n word(s)")

SERIES = (("zh", QColor("#e4572e")), ("en", QColor("#2e86de")))


TICKS = 4

#: Where the i-th point is drawn, across the plot.
XAt = Callable[[int], float]


def nice_ceiling(value: int) -> int:
    """The top of the axis: four equal whole-number steps of a round size (1, 2, 2.5, 5 × 10^n) reaching
    ``value``, so every grid line has a round label."""
    needed = max(1, value) / TICKS
    magnitude = 1
    while magnitude * 10 <= needed:
        magnitude *= 10
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step >= needed and float(step).is_integer():
            return int(step * TICKS)
    return int(10 * magnitude * TICKS)


class WordsChart(QWidget):
    """Cumulative mastered words per month for Chinese and English. ``set_points`` gives it data (a list of
    points, or a :class:`~desktop.import_dates.WordsSeries` whose imports are drawn as labelled steps: the old
    app's words have no dates of their own, so they arrive all at once); ``set_texts`` the translated legend,
    axis and empty-state texts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[WordsPoint] = []
        self.imports: list[ImportStep] = []
        self.texts = {"zh": "Chinese", "en": "English", "empty": "No words yet.", "title": "Words mastered"}
        self.setMinimumHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(420, 230)

    def set_points(self, points: list[WordsPoint] | WordsSeries) -> None:
        if isinstance(points, WordsSeries):
            self.points, self.imports = list(points.points), list(points.imports)
        else:
            self.points, self.imports = list(points), []
        self.update()

    def step_labels(self) -> list[str]:
        """The labels of the import steps shown, in the window's language."""
        return [
            QCoreApplication.translate("WordsChart", STEP_LABEL, "", step.total).format(
                date=formatting.local_time(step.stamp)[:10]
            )
            for step in self._steps()
        ]

    def _steps(self) -> list[ImportStep]:
        months = {p.month for p in self.points}
        return [step for step in self.imports if step.month in months and step.total]

    def _step_indexes(self) -> dict[int, ImportStep]:
        where = {p.month: i for i, p in enumerate(self.points)}
        return {where[step.month]: step for step in self._steps()}

    def set_texts(self, **texts: str) -> None:
        self.texts.update(texts)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        metrics = QFontMetrics(small)
        header_height = self._draw_header(painter, rect, small)
        if not self.points or max(max(p.zh, p.en) for p in self.points) == 0:
            painter.setPen(QColor("#888888"))
            painter.drawText(
                rect.adjusted(12, header_height + 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.texts["empty"],
            )
            return
        ceiling = nice_ceiling(max(max(p.zh, p.en) for p in self.points))
        label_width = metrics.horizontalAdvance(f"{ceiling:,}") + 8
        plot = rect.adjusted(12 + label_width, header_height + 22, -16, -(metrics.height() + 12))
        x_at = self._x_positions(plot)
        self._draw_axes(painter, rect, plot, metrics, ceiling, label_width, x_at)
        steps = self._step_indexes()
        self._draw_steps(painter, plot, metrics, steps, x_at)
        for key, color in SERIES:
            values = [getattr(p, key) for p in self.points]
            if any(values):
                self._draw_series(painter, plot, color, values, ceiling, steps, x_at)

    def _draw_header(self, painter: QPainter, rect: QRectF, small: QFont) -> int:
        """The frame, the title and the legend (beside the title when both fit, else on a line of its own below
        it: narrow windows); returns their height."""
        painter.setPen(QPen(QColor("#dddddd")))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(rect, 8, 8)
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor("#333333"))
        title_metrics = QFontMetrics(title_font)
        height = title_metrics.height()
        metrics = QFontMetrics(small)
        title = title_metrics.elidedText(self.texts["title"], Qt.TextElideMode.ElideRight, int(rect.width()) - 24)
        beside = title_metrics.horizontalAdvance(title) + 24 + self._legend_width(metrics) <= rect.width() - 24
        painter.drawText(rect.adjusted(12, 8, -12, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, title)
        painter.setFont(small)
        self._draw_legend(painter, rect, metrics, rect.top() + 8 + (0 if beside else height + 2))
        return height if beside else height + metrics.height() + 2

    def _x_positions(self, plot: QRectF) -> XAt:
        """Where the i-th month is drawn: spread over the plot's width (one month: in the middle)."""
        count = len(self.points)

        def x_at(i: int) -> float:
            return plot.left() + (plot.width() * i / (count - 1) if count > 1 else plot.width() / 2)

        return x_at

    def _draw_axes(
        self,
        painter: QPainter,
        rect: QRectF,
        plot: QRectF,
        metrics: QFontMetrics,
        ceiling: int,
        label_width: int,
        x_at: XAt,
    ) -> None:
        """The grid with the counts on the left, and the first, middle and last month underneath."""
        for i in range(TICKS + 1):
            value = ceiling * i / TICKS
            y = plot.bottom() - plot.height() * i / TICKS
            painter.setPen(QPen(QColor("#eeeeee"), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#888888"))
            painter.drawText(
                QRectF(rect.left() + 4, y - metrics.height() / 2, label_width, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{int(value):,}",
            )
        count = len(self.points)
        for i in sorted({0, count // 2, count - 1}):
            text = self.points[i].month
            w = metrics.horizontalAdvance(text)
            x = min(max(x_at(i) - w / 2, plot.left() - 4), plot.right() - w + 4)
            painter.drawText(QPointF(x, plot.bottom() + metrics.ascent() + 6), text)

    def _draw_series(
        self,
        painter: QPainter,
        plot: QRectF,
        color: QColor,
        values: list[int],
        ceiling: int,
        steps: dict[int, ImportStep],
        x_at: XAt,
    ) -> None:
        """One language's line, the area under it shaded, and a dot on its last value."""
        count = len(values)
        line = QPainterPath()
        for i, v in enumerate(values):
            point = QPointF(x_at(i), plot.bottom() - plot.height() * v / ceiling)
            if i == 0:
                line.moveTo(point)
            else:
                if i in steps:  # an import: the words arrived at once, a step rather than a slope
                    line.lineTo(QPointF(point.x(), line.currentPosition().y()))
                line.lineTo(point)
        if count == 1:
            line.lineTo(QPointF(plot.right(), line.currentPosition().y()))
            line.moveTo(QPointF(plot.left(), line.currentPosition().y()))
        area = QPainterPath(line)
        area.lineTo(QPointF(line.currentPosition().x(), plot.bottom()))
        area.lineTo(QPointF(x_at(0) if count > 1 else plot.left(), plot.bottom()))
        area.closeSubpath()
        fill = QLinearGradient(0, plot.top(), 0, plot.bottom())
        top_color = QColor(color)
        top_color.setAlpha(70)
        bottom_color = QColor(color)
        bottom_color.setAlpha(10)
        fill.setColorAt(0, top_color)
        fill.setColorAt(1, bottom_color)
        painter.fillPath(area, fill)
        painter.setPen(QPen(color, 2.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(line)
        last = QPointF(x_at(count - 1), plot.bottom() - plot.height() * values[-1] / ceiling)
        painter.setBrush(color)
        painter.drawEllipse(last, 3.5, 3.5)

    def _draw_steps(
        self, painter: QPainter, plot: QRectF, metrics: QFontMetrics, steps: dict[int, ImportStep], x_at: XAt
    ) -> None:
        """A dashed line at each import, labelled with its day and word count (inside the plot, near the top)."""
        labels = dict(zip(steps, self.step_labels(), strict=True))
        for n, (i, _step) in enumerate(sorted(steps.items())):
            x = x_at(i)
            painter.setPen(QPen(QColor("#9a9a9a"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            text = metrics.elidedText(labels[i], Qt.TextElideMode.ElideRight, int(plot.width() * 0.9))
            width = metrics.horizontalAdvance(text)
            left = x - width - 6 if x - width - 6 >= plot.left() else min(x + 6, plot.right() - width)
            painter.setPen(QColor("#555555"))
            painter.drawText(QPointF(left, plot.top() + metrics.ascent() + 2 + n * metrics.height()), text)

    def _legend_texts(self) -> list[tuple[str, QColor]]:
        latest = self.points[-1] if self.points else None
        return [(f"{self.texts[key]} {getattr(latest, key) if latest else 0:,}", color) for key, color in SERIES]

    def _legend_width(self, metrics: QFontMetrics) -> int:
        return sum(metrics.horizontalAdvance(text) + 28 for text, _color in self._legend_texts())

    def _draw_legend(self, painter: QPainter, rect: QRectF, metrics: QFontMetrics, top: float) -> None:
        x = rect.right() - 12
        for text, color in reversed(self._legend_texts()):
            width = metrics.horizontalAdvance(text)
            x -= width
            painter.setPen(QColor("#444444"))
            painter.drawText(QPointF(x, top + metrics.ascent()), text)
            x -= 14
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(x, top + metrics.ascent() / 2 - 4, 10, 8), 2, 2)
            x -= 14
