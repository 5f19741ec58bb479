"""Tools for developing Byline, not part of the product: benchmarks
(``python -m tui.dev.bench``), the large test corpus (``python -m
tui.dev.scale``) and the README's screenshots (``python -m tui.dev.screenshots``)."""
