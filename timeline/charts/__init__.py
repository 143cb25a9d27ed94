"""The figures: the timeline (lanes, labels, legend, density) and the positions charts."""
