"""Build a large test corpus from the BBC set: N copies with names varied per copy.

    python -m tui.dev.scale OUT [--source ../shared/corpora/bbc] [--copies 45] [--jsonl]

Copy 0 is the BBC text as it is; in copy k, about a third of the capitalised
words have a letter changed (deterministically), so each copy brings new
names and the vocabulary grows as in a real archive.  45 copies make about
100,000 articles (225 MB); 450 about a million (2.2 GB).  ``--jsonl`` writes them as one JSON Lines
export instead (OUT/export.jsonl: title, text and url a line; 400 copies
make about 2 GB).  The output is for benchmarks: never commit it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from pathlib import Path

_CAP = re.compile(r"\b([A-Z][a-z]{3,})\b")


def vary(text: str, k: int) -> str:
    if k == 0:
        return text

    def sub(m: re.Match[str]) -> str:
        w = m.group(1)
        h = zlib.crc32(f"{w}/{k}".encode())
        if h % 3:
            return w
        i = 1 + h % (len(w) - 1)
        return w[:i] + chr(ord("a") + (h >> 8) % 26) + w[i + 1 :]

    return _CAP.sub(sub, text)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.dev.scale")
    ap.add_argument("out")
    ap.add_argument("--source", default=str(Path(__file__).resolve().parents[3] / "shared" / "corpora" / "bbc"))
    ap.add_argument("--copies", type=int, default=45)
    ap.add_argument("--jsonl", action="store_true", help="one JSON Lines export, not a folder of files")
    args = ap.parse_args(argv)
    src = Path(args.source)
    files = sorted(p for p in src.rglob("*.txt") if p.parent != src)
    if not files:
        print(f"no articles under {src}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    texts = []
    for f in files:
        raw = f.read_bytes()
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(raw.decode("cp1252", errors="replace"))
    n = size = 0
    export = open(out / "export.jsonl", "wb") if args.jsonl else None
    try:
        for k in range(args.copies):
            for f, text in zip(files, texts):
                rel = f.relative_to(src)
                if export is not None:
                    title, _, body = vary(text, k).strip().partition("\n")
                    record = {"title": title, "text": body.strip(), "url": f"https://news.example/{k}/{rel.as_posix()}"}
                    data = json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
                    export.write(data)
                else:
                    dest = out / f"copy{k:02d}" / rel
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    data = vary(text, k).encode("utf-8")
                    dest.write_bytes(data)
                n += 1
                size += len(data)
    finally:
        if export is not None:
            export.close()
    print(f"{n} articles, {size / 1e6:.0f} MB in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
