"""The Textual app.  Holds no text logic: everything comes from ``tui.core``."""
