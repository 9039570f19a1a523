"""The data pack: built from the raw publisher files, loaded by every notebook."""
