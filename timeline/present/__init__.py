"""The reading model: what a reader is shown of an event, a source or a deck, on screen and in every file format."""
