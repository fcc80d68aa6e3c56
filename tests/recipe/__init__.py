"""A new asset kind written by the recipe in docs/ARCHITECTURE.md ("The Kind contract"):
a renderer (`badge_render.py`) and a kind (`badge_kind.py`); test_kind_recipe.py adds the
registry line."""
