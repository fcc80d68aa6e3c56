"""The print set: posters, roll-up, street banner, stage backdrop, certificates, booklet.

Each product is laid out in design units on a `Page` (page.py) as SVG shapes, outlined
text and placed photos, then drawn by cairo into a PDF with print boxes, bleed and crop
marks (pdf.py). One module per product family.
"""
