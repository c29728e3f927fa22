"""Intake: reading, validating and matching input files, imports, version history, boundary import."""
