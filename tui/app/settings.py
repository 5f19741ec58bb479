"""What the app remembers between sessions (the theme), in the user's
config folder: never in a corpus, never in the index cache."""

from __future__ import annotations

import json
import os


def settings_path() -> str:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "byline", "settings.json")


def load() -> dict:
    """The saved settings; {} when there are none or the file is damaged."""
    try:
        with open(settings_path(), encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(**changes) -> str | None:
    """Merge ``changes`` into the saved settings; the reason if they could not be saved."""
    path = settings_path()
    data = {**load(), **changes}
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)  # whole or not at all
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
