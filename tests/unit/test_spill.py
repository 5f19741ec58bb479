"""A big corpus's name candidates wait on disk for name finding
(tui.core.spill): they come back as they went, in order, whatever the disk does."""

from __future__ import annotations

import errno
import os

import pytest

from tui.core import spill
from tui.core.entities import Candidate, PackedSurfaces, pack_candidates, surfaces_of
from tui.core.spill import CandidateSpill


def surfaces(text: str, spans: list[tuple[int, int]], votes=(0, 0, 0), flags=0) -> PackedSurfaces:
    packed = pack_candidates([Candidate(s, e, text[s:e], flags, list(votes)) for s, e in spans])
    return PackedSurfaces(surfaces_of(text, packed), packed)


def unpacked(c) -> list | None:
    return None if c is None else [tuple(x) for x in c]


ITEMS = [
    surfaces("Carrie Lam met Tang Xiaoou in Shenzhen.", [(0, 10), (15, 26), (30, 38)], votes=(3, 0, 1)),
    None,  # (left for the index to give back)
    surfaces("Zoë Ball and Wałęsa", [(0, 8), (13, 19)], flags=1),
    [Candidate(0, 5, "Huawe", 0, [0, 2, 0])],  # (scanned in this process: held as it is)
    surfaces("", []),
    surfaces("bytes kept \udce9 by surrogateescape: \udce9Name", [(35, 40)]),
]


def test_candidates_come_back_as_they_went(tmp_path):
    kept = CandidateSpill(str(tmp_path))
    kept.extend(ITEMS)
    assert len(kept) == len(ITEMS)
    assert [unpacked(c) for c in kept] == [unpacked(c) for c in ITEMS]
    assert [unpacked(kept[i]) for i in range(len(ITEMS))] == [unpacked(c) for c in ITEMS]
    assert unpacked(kept[-1]) == unpacked(ITEMS[-1])
    assert kept.missing() == [1]
    # Only what is not packed with its words is held in memory.
    assert sorted(kept._held) == [1, 3]
    assert os.listdir(tmp_path) == []  # (an unnamed file: nothing is left behind)
    kept.close()


def test_items_set_later_are_read_in_their_place(tmp_path):
    kept = CandidateSpill(str(tmp_path))
    kept.extend(ITEMS)
    kept[1] = ITEMS[0]
    kept[0] = None  # (name finding lets what it read go: on disk, nothing to free)
    assert kept.missing() == []
    got = [unpacked(c) for c in kept]
    assert got[1] == unpacked(ITEMS[0]) and got[0] == unpacked(ITEMS[0]) and got[2:] == [unpacked(c) for c in ITEMS[2:]]


def test_records_across_read_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(spill, "_BLOCK", 7)  # smaller than one record's head and body
    long = "Alexander Hamilton " * 40
    many = [surfaces(long, [(k * 19, k * 19 + 18) for k in range(40)]) for _ in range(5)] + ITEMS
    kept = CandidateSpill(str(tmp_path))
    kept.extend(many)
    assert [unpacked(c) for c in kept] == [unpacked(c) for c in many]


def test_a_full_disk_keeps_the_rest_in_memory(tmp_path, monkeypatch):
    writes = []
    real = os.pwrite

    def pwrite(fd, data, at):
        if len(writes) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        writes.append(at)
        return real(fd, data, at)

    monkeypatch.setattr(spill.os, "pwrite", pwrite)
    kept = CandidateSpill(str(tmp_path))
    kept.extend(ITEMS)
    assert len(writes) == 2
    assert [unpacked(c) for c in kept] == [unpacked(c) for c in ITEMS]
    assert sorted(kept._held) == [1, 3, 4, 5]


@pytest.mark.parametrize("folder", [None, "missing"])
def test_no_folder_to_write_in_holds_everything(tmp_path, folder):
    kept = CandidateSpill(None if folder is None else str(tmp_path / folder))
    kept.extend(ITEMS)
    assert sorted(kept._held) == list(range(len(ITEMS)))
    assert [unpacked(c) for c in kept] == [unpacked(c) for c in ITEMS]


def test_a_truncated_file_is_an_error_not_wrong_names(tmp_path):
    kept = CandidateSpill(str(tmp_path))
    kept.extend(ITEMS)
    os.ftruncate(kept._file.fileno(), 20)
    with pytest.raises(OSError, match="ended early"):
        list(kept)


def test_a_record_cut_short_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(spill, "_BLOCK", 16)
    kept = CandidateSpill(str(tmp_path))
    kept.extend(ITEMS[:1])
    os.ftruncate(kept._file.fileno(), 30)  # (its head whole, its body not)
    with pytest.raises(OSError, match="ended early"):
        list(kept)
    with pytest.raises(OSError, match="ended early"):
        kept[0]
