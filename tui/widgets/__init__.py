"""The chat screen's widgets, one job each: transcript, options bar, input, live ranking, progress line."""
