"""ai45widgets — the boundary between the page and ai45core (see widgets/README.md)."""

__version__ = "0.1.0"
