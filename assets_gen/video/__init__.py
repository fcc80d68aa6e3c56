"""Short videos (intro, how-to guides) in the three feed aspects.

moviepy is the timeline, audio and writing framework; frames are composed by our own
numpy code from layers rendered once with the project's renderers and text engine
(docs/ARCHITECTURE.md, "Video": moviepy's per-frame `CompositeVideoClip` masks run far
below encoder speed).
"""
