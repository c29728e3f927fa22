"""Foundations used everywhere: formatting, problems, atomic files, configuration, the data contract."""
