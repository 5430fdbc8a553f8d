"""Dialogs of the NPS-ID window."""
