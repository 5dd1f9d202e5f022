"""bplint: a consistency linter for published Chinese government budget disclosures.

The library API (see bplint.api): `load_config`, `lint_file`, `run`.  They are imported when first
used, so that `bplint --version` loads nothing but the command line.
"""

__version__ = "0.1.0"

__all__ = ["Config", "__version__", "lint_file", "load_config", "run"]


def __getattr__(name: str):
    if name in ("lint_file", "load_config", "run"):
        from bplint import api

        return getattr(api, name)
    if name == "Config":
        from bplint.config import Config

        return Config
    raise AttributeError(f"module 'bplint' has no attribute {name!r}")


def __dir__() -> list[str]:
    # `help(bplint)` and tab completion list what `dir` gives: the lazy names too, so that
    # pydoc imports and shows their signatures (the import costs only when asked).
    return sorted(set(globals()) | set(__all__))
