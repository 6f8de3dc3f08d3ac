"""Pieces of pages, and their one rule: each draws one thing a page shows.

A component takes what it draws (frames, titles, the language) as arguments, reads anything
more through `monitor.ui.state`, and calls services only through `monitor.ui.actions`; it never
catches an error itself. Pages put components together; components do not import pages.
"""
