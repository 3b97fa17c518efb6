"""Workbench: a translation and localization workbench for en, zh and ru news."""

__version__ = "0.1.0"
