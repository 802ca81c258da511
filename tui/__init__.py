"""The face of Career Quiz: the Textual app, the command line and the report templates.

This package's `__init__` imports nothing heavy: the headless commands in `tui.cli` must start without Textual.
"""
