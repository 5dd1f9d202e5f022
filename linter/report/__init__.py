"""Stage 6, report: findings to text, JSON (and later HTML and SARIF)."""
