"""One module per screening section, named after its code, each exposing ``PANEL``."""
