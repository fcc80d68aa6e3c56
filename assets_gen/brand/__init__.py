"""The brand kit: model, loader, and the data files that sit beside it."""

from assets_gen.brand.loader import display_path, load_kit
from assets_gen.brand.model import Kit

__all__ = ["Kit", "display_path", "load_kit"]
