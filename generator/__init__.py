"""Timeline poster and slide generator: YAML events in, poster, deck and handouts out."""

__version__ = "0.1.0"
