"""Demands Monitor: ten human-rights demands for the occupied territories, against evidence."""

__version__ = "0.1.0"
