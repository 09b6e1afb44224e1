"""Bundled rule sets (package data)."""
