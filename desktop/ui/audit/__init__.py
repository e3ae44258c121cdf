"""The audit log window (Tools ▸ Audit log…) and "As it was on…": ``names`` (the log's words), ``model`` (the table,
a page at a time), ``details`` (one change field by field), ``viewer`` (the window), ``as_of`` and ``export``."""
