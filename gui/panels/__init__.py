"""Panels of the NPS-ID window."""
