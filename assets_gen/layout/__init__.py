"""Geometry, colour, text and SVG: the drawing primitives every renderer shares."""
