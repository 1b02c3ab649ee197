"""Analyst Desk: an offline desktop assistant for finance staff."""

__version__ = "0.1.0"
APP_NAME = "Analyst Desk"
