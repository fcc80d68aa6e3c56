"""assets-gen: a campaign's brand kit in, every social-media asset out."""

__version__ = "0.1.0"
