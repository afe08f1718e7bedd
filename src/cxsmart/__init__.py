"""cxsmart: a linter for customer-experience goals."""

__version__ = "0.1.0"
