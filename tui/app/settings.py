"""What the app remembers between sessions, never in a corpus nor in the
index cache: preferences (the theme) in the user's config folder, and the
search history in the data folder beside the reading marks, since it is the
user's data rather than a setting."""

from __future__ import annotations

import json
import os


def settings_path() -> str:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "byline", "settings.json")


def history_path() -> str:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "byline", "history.json")


def load_history(limit: int) -> list[str]:
    """The last ``limit`` searches, oldest first; [] when there are none or the file is damaged."""
    saved = _read(history_path()).get("searches")
    if not isinstance(saved, list):
        saved = load().get("history")  # where earlier releases kept it
    return [q for q in saved if isinstance(q, str)][-limit:] if isinstance(saved, list) else []


def save_history(searches: list[str]) -> str | None:
    """Keep ``searches``; the reason if they could not be kept."""
    return _write(history_path(), {"searches": searches})


def load() -> dict:
    """The saved settings; {} when there are none or the file is damaged."""
    return _read(settings_path())


def _read(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(**changes) -> str | None:
    """Merge ``changes`` into the saved settings; the reason if they could not be saved."""
    return _write(settings_path(), {**load(), **changes})


def _write(path: str, data: dict) -> str | None:
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)  # whole or not at all
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
