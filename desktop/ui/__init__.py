"""The window (Qt only). Importing this package first guards against the binding's reference-count bug
(:mod:`desktop.ui.qtcompat`)."""

from desktop.ui import qtcompat

qtcompat.protect()
