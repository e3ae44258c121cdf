"""A small picture of a child's progress: mastered words over time, one growing line per language, drawn with
QPainter (no charting dependency)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QLinearGradient, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.queries import WordsPoint

SERIES = (("zh", QColor("#e4572e")), ("en", QColor("#2e86de")))


TICKS = 4


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
    """Cumulative mastered words per month for Chinese and English. ``set_points`` gives it data;
    ``set_texts`` the translated legend, axis and empty-state texts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[WordsPoint] = []
        self.texts = {"zh": "Chinese", "en": "English", "empty": "No words yet.", "title": "Words mastered"}
        self.setMinimumHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(420, 230)

    def set_points(self, points: list[WordsPoint]) -> None:
        self.points = list(points)
        self.update()

    def set_texts(self, **texts: str) -> None:
        self.texts.update(texts)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(QPen(QColor("#dddddd")))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(rect, 8, 8)
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor("#333333"))
        title_metrics = QFontMetrics(title_font)
        title_height = title_metrics.height()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        metrics = QFontMetrics(small)
        # The legend sits beside the title when both fit, else on a line of its own below it (narrow windows).
        title = title_metrics.elidedText(self.texts["title"], Qt.TextElideMode.ElideRight, int(rect.width()) - 24)
        beside = title_metrics.horizontalAdvance(title) + 24 + self._legend_width(metrics) <= rect.width() - 24
        painter.drawText(rect.adjusted(12, 8, -12, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, title)
        painter.setFont(small)
        legend_top = rect.top() + 8 + (0 if beside else title_height + 2)
        self._draw_legend(painter, rect, metrics, legend_top)
        if not beside:
            title_height += metrics.height() + 2
        if not self.points or max(max(p.zh, p.en) for p in self.points) == 0:
            painter.setPen(QColor("#888888"))
            painter.drawText(rect.adjusted(12, title_height + 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.texts["empty"])
            return
        top = max(max(p.zh, p.en) for p in self.points)
        ceiling = nice_ceiling(top)
        label_width = metrics.horizontalAdvance(f"{ceiling:,}") + 8
        plot = rect.adjusted(12 + label_width, title_height + 22, -16, -(metrics.height() + 12))
        # grid and y labels
        for i in range(TICKS + 1):
            value = ceiling * i / TICKS
            y = plot.bottom() - plot.height() * i / TICKS
            painter.setPen(QPen(QColor("#eeeeee"), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#888888"))
            painter.drawText(QRectF(rect.left() + 4, y - metrics.height() / 2, label_width, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{int(value):,}")
        # x labels: first, middle, last month
        count = len(self.points)

        def x_at(i: int) -> float:
            return plot.left() + (plot.width() * i / (count - 1) if count > 1 else plot.width() / 2)

        shown = sorted({0, count // 2, count - 1})
        for i in shown:
            text = self.points[i].month
            w = metrics.horizontalAdvance(text)
            x = min(max(x_at(i) - w / 2, plot.left() - 4), plot.right() - w + 4)
            painter.drawText(QPointF(x, plot.bottom() + metrics.ascent() + 6), text)
        for key, color in SERIES:
            values = [getattr(p, key) for p in self.points]
            if not any(values):
                continue
            line = QPainterPath()
            for i, v in enumerate(values):
                point = QPointF(x_at(i), plot.bottom() - plot.height() * v / ceiling)
                if i == 0:
                    line.moveTo(point)
                else:
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
