"""Widgets whose parts are mounted when first needed, not for the first frame."""

from __future__ import annotations

from typing import cast

from textual.app import ComposeResult
from textual.widget import Widget


class PartsOnFirstUse:
    """A hidden widget (the find bar, the entity panel) whose inputs and
    lists are made when it is first opened: styled and laid out at start,
    they cost the first frame a few milliseconds each, for parts many
    sessions never show.  ``_parts`` makes them; ``_build`` mounts them
    once; ``_built`` says whether it has."""

    _built = False

    def compose(self) -> ComposeResult:
        yield from ()

    def _parts(self) -> list[Widget]:
        raise NotImplementedError

    def _build(self) -> None:
        if not self._built:
            self._built = True
            cast(Widget, self).mount_all(self._parts())  # (a mixin of widgets)
            self._on_built()

    def _on_built(self) -> None:
        """What was said to the widget before it had its parts, shown now."""
