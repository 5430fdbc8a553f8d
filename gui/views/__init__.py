"""Views of the NPS-ID window."""
