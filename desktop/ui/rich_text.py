"""Showing card and chat content safely: HTML or Markdown with inline ``data:`` images.

QTextBrowser shows ``data:`` URIs poorly, so every inline image is decoded here into a QImage and the reference is
replaced by a private ``ml-image:N`` name that :class:`ContentBrowser` serves from memory. Nothing else is ever
loaded: no files, no network (a card's HTML must not read the disk). An image that does not decode shows a small
"image could not be shown" tile instead of a broken icon.
"""

from __future__ import annotations

import base64
import binascii
import html
import re

from PySide6.QtCore import QCoreApplication, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

SCHEME = "ml-image"
MAX_IMAGE_SIDE = 420
_DATA_URI = re.compile(r"data:(?P<mime>image/[\w.+-]+)?(?P<params>(?:;[\w=.-]+)*?);base64,(?P<data>[A-Za-z0-9+/=\s]+)")


def translate(text: str) -> str:
    return QCoreApplication.translate("Content", text)


def decode_data_uri(uri: str) -> QImage | None:
    """The image in a ``data:image/...;base64,...`` URI, or ``None`` if it is not a readable image."""
    match = _DATA_URI.match(uri.strip())
    if not match:
        return None
    try:
        raw = base64.b64decode(re.sub(r"\s+", "", match.group("data")), validate=False)
    except (binascii.Error, ValueError):
        return None
    image = QImage()
    if not raw or not image.loadFromData(raw):
        return None
    if max(image.width(), image.height()) > MAX_IMAGE_SIDE:
        image = image.scaled(
            MAX_IMAGE_SIDE,
            MAX_IMAGE_SIDE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image


def placeholder_image(text: str) -> QImage:
    image = QImage(180, 64, QImage.Format.Format_ARGB32)
    image.fill(QColor("#f1f1f1"))
    painter = QPainter(image)
    painter.setPen(QPen(QColor("#b5b5b5"), 1, Qt.PenStyle.DashLine))
    painter.drawRect(0, 0, 179, 63)
    painter.setPen(QColor("#777777"))
    font = QFont()
    font.setPointSize(8)
    painter.setFont(font)
    painter.drawText(QRectF(4, 4, 172, 56), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    painter.end()
    return image


class ImageStore:
    """Inline images taken out of a text, by their ``ml-image:N`` names."""

    def __init__(self) -> None:
        self.images: dict[str, QImage] = {}

    def add(self, uri: str) -> str:
        name = f"{SCHEME}:{len(self.images)}"
        image = decode_data_uri(uri)
        if image is None:
            image = placeholder_image(QCoreApplication.translate("Content", "This picture could not be shown."))
        self.images[name] = image
        return name

    def extract(self, text: str) -> str:
        """``text`` with every data URI replaced by a name served from this store."""
        return _DATA_URI.sub(lambda m: self.add(m.group(0)), text)


class ContentBrowser(QTextBrowser):
    """A read-only rich-text view that serves inline images from memory and loads nothing else."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.store = ImageStore()

    def show_html(self, text: str) -> None:
        self.store = ImageStore()
        self.setHtml(self.store.extract(text))
        self._add_resources()

    def show_markdown(self, text: str) -> None:
        self.store = ImageStore()
        self.document().setMarkdown(self.store.extract(text), QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
        self._add_resources()

    def _add_resources(self) -> None:
        # Setting new content clears the document's resources, so the decoded images are added after it (before
        # the first layout asks for them); loadResource below serves them too.
        document = self.document()
        for name, image in self.store.images.items():
            document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)

    def loadResource(self, kind: int, url: QUrl | str) -> QImage | None:  # noqa: N802 - Qt override
        if kind == QTextDocument.ResourceType.ImageResource.value or kind == QTextDocument.ResourceType.ImageResource:
            image = self.store.images.get(url.toString() if isinstance(url, QUrl) else url)
            if image is not None:
                return image
        return None


def card_html(card: dict, content: dict) -> str:
    """The preview of one card: front, back (or cloze text), tags; the card's own HTML is kept (images inline)."""
    front = content.get("front") or ""
    back = content.get("back") or ""
    cloze = content.get("text_field") or content.get("cloze_text") or ""
    image = content.get("image_data") or ""
    parts = ["<html><body style='font-size:11pt'>"]

    def section(title: str, body: str) -> None:
        parts.append(
            f"<p style='color:#6b6b6b; font-size:9pt; margin-bottom:2px'>{html.escape(title)}</p>"
            f"<div style='margin-bottom:10px'>{body}</div>"
        )

    if front:
        section(QCoreApplication.translate("Content", "Front"), front)
    if cloze:
        shown = re.sub(r"\[\[c\d+::(.*?)(?:::[^\]]*)?\]\]", r"<b style='color:#1f6fb2'>[\1]</b>", html.escape(cloze))
        section(QCoreApplication.translate("Content", "Cloze text"), shown)
    if back:
        section(QCoreApplication.translate("Content", "Back"), back)
    if image and image not in back:
        section(QCoreApplication.translate("Content", "Picture"), f'<img src="{html.escape(image, quote=True)}">')
    tags = content.get("tags")
    if isinstance(tags, str):
        tags = [t for t in tags.split(",") if t.strip()]
    if tags:
        section(QCoreApplication.translate("Content", "Tags"), html.escape(", ".join(str(t) for t in tags)))
    if not (front or back or cloze):
        empty = QCoreApplication.translate("Content", "This card has no text.")
        parts.append(f"<p><i>{html.escape(empty)}</i></p>")
    parts.append("</body></html>")
    return "".join(parts)
