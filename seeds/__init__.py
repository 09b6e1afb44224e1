"""Bundled source articles (package data)."""
