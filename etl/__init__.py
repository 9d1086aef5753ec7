"""newsetl: news articles in, validated event, actor, quote and statistics tables out."""

__version__ = "0.1.0"
