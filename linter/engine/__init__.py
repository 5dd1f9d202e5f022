"""Stage 5, rules: the expression language and the engine that runs YAML rules over a Document."""
