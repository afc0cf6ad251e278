"""Project tools run as modules (``python -m scripts.parity``)."""
