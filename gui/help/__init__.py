"""The manual inside the app: workflow pages in each language, F1 opens the page for the part in focus."""
