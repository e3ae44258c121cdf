"""Mastery Ledger: a desktop app that keeps autistic children's learning records safe."""

__version__ = "0.1.0"
APP_NAME = "Mastery Ledger"
