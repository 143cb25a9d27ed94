"""The view's state: the link registry and its field kinds, the filters, and chart clicks decoded."""
