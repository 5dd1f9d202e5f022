"""bplint: a consistency linter for published Chinese government budget disclosures."""

__version__ = "0.1.0"
