"""Turn structured, sourced YAML briefs into a static explainer website."""

__version__ = "0.1.0"
