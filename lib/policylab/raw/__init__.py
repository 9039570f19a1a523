"""Readers for the raw publisher files: one module per file, each checking its structure."""
