"""Bundled sample reports and their expected verdicts (package data)."""
