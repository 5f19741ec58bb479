"""The command line, run as a user would: exit codes, JSON shapes, errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SEEDS

pytestmark = pytest.mark.slow  # (the command line, run as a process: left out of the quick tier)


def byline(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_list_json_from_any_directory(tmp_path):
    r = byline("list", "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert len(rows) >= 14
    assert set(rows[0]) == {"id", "title", "path", "source", "date", "dateline", "author", "url", "record", "chars",
                            "read", "starred", "note"}
    assert any(row["title"].startswith("Beijing recruits") for row in rows)


def test_show_json_by_id_and_fuzzy_title():
    rows = json.loads(byline("list", "--json").stdout)
    target = next(r for r in rows if r["title"].startswith("SenseTime, Alibaba"))
    by_id = json.loads(byline("show", target["id"], "--json").stdout)
    by_title = json.loads(byline("show", "sensetime alibaba lab", "--json").stdout)
    assert by_id == by_title
    assert by_id["text"] == "\n\n".join(by_id["paragraphs"])
    assert by_id["removed_lines"] >= 40
    for key in ("id", "title", "path", "source", "date", "author", "text", "paragraphs", "removed_lines"):
        assert key in by_id


def test_show_raw_keeps_furniture():
    r = byline("show", "sensetime alibaba lab", "--raw")
    assert "Travel Types" in r.stdout


def test_unknown_article_and_missing_path_exit_2_without_traceback(tmp_path):
    r = byline("show", "zzzz-not-there")
    assert r.returncode == 2 and "no article matches" in r.stderr and "Traceback" not in r.stderr
    r = byline("list", str(tmp_path / "missing"))
    assert r.returncode == 2 and "no such file" in r.stderr and "Traceback" not in r.stderr


def test_no_readable_article_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    r = byline("list", str(tmp_path))
    assert r.returncode == 2
    assert "empty.txt: empty file" in r.stderr
    assert "no readable article" in r.stderr


def test_export_streams_json_lines(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00binary")
    r = byline("export", str(SEEDS), str(tmp_path))
    assert r.returncode == 0
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(lines) >= 14
    assert all(obj["text"] == "\n\n".join(obj["paragraphs"]) for obj in lines)
    assert "bad.txt: binary file" in r.stderr


def test_version_and_help():
    assert byline("--version").stdout.startswith("byline ")
    h = byline("--help").stdout
    for cmd in ("list", "show", "export"):
        assert cmd in h


def test_plain_byline_piped_prints_the_list():
    r = byline()
    assert r.returncode == 0
    assert "Beijing recruits" in r.stdout


def test_escape_sequences_never_reach_stdout(tmp_path):
    (tmp_path / "evil.txt").write_text("Evil \x1b[2J headline here\n\nBody \x1b]0;pwned\x07 text with \x07 bell. Done.\n")
    for args in (("list",), ("show", "evil"), ("show", "evil", "--raw"), ("export",)):
        r = byline(*args, str(tmp_path))
        assert r.returncode == 0, (args, r.stderr)
        assert "\x1b" not in r.stdout and "\x07" not in r.stdout, args


def _corpus_of(root, n):
    root.mkdir()
    for i in range(n):
        (root / f"a{i:03d}.txt").write_text(f"Story {i} here\n\nCarrie Lam met Tony Blair in Hong Kong, story {i}. It ends.\n")
    return root


def test_indexing_progress_on_a_terminal_and_quiet_when_piped(tmp_path):
    """On a terminal, a bar while files are scanned for line-end hyphens
    (a first pass), another while they are read, then a line of its own for
    name finding and indexing (a full bar must not sit there looking stuck);
    piped, stderr says nothing of it and holds no escape codes."""
    import os
    import pty

    corpus = _corpus_of(tmp_path / "c", 250)
    piped = byline("search", "carrie lam", str(corpus), "--no-cache")
    assert piped.returncode == 0 and "Carrie Lam" in piped.stdout
    assert "reading files" not in piped.stderr and "\x1b" not in piped.stderr

    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "search", "carrie lam", str(corpus), "--no-cache"],
        stdout=subprocess.PIPE, stderr=slave, env=env,
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    out = proc.stdout.read()
    assert proc.wait(timeout=120) == 0 and b"Carrie Lam" in out
    os.close(master)
    steps = [shown.find(b"scanning files for hyphens"), shown.find(b"reading files"),
             shown.find(b"finding names and indexing")]
    assert 0 <= steps[0] < steps[1] < steps[2], shown[-400:]


def _two_files(root):
    """A corpus with a file name that is not UTF-8 (Latin-1 "café.txt")."""
    import os

    root.mkdir()
    with open(os.path.join(os.fsencode(root), b"caf\xe9.txt"), "wb") as fh:
        fh.write(b"Harbour strike ends\n\nWorkers in Valparaiso voted to end the strike on Tuesday.\n")
    (root / "ok.txt").write_text("Talks resume\n\nRosa Pinto met union leaders in Valparaiso.\n")
    return root


def test_file_names_that_are_not_utf8_survive_the_cache_and_json(tmp_path):
    corpus = _two_files(tmp_path / "c")
    cache = str(tmp_path / "cache")
    for _ in range(2):  # cold, then warm from the cache
        r = subprocess.run([sys.executable, "-m", "tui", "search", "valparaiso", "--json", "--cache-dir", cache,
                            str(corpus)], capture_output=True, timeout=120)
        assert r.returncode == 0, r.stderr
        r.stdout.decode("utf-8")  # strictly UTF-8: the odd byte is escaped
        paths = sorted(h["path"] for h in json.loads(r.stdout)["hits"])
        assert paths == [str(corpus / "caf\udce9.txt"), str(corpus / "ok.txt")]
    for args in (["list"], ["export"], ["entities", "--json"], ["list", "--json"]):
        r = subprocess.run([sys.executable, "-m", "tui", *args, "--cache-dir", cache, str(corpus)],
                           capture_output=True, timeout=120)
        assert r.returncode == 0, (args, r.stderr)
        assert b"Traceback" not in r.stderr


def test_double_dash_ends_options(tmp_path):
    corpus = _two_files(tmp_path / "c")
    r = byline("search", "--no-cache", "--", "--json", str(corpus))
    assert (r.returncode, r.stdout) == (1, "no match for '--json'\n"), r.stderr  # searched for, as text
    r = byline("search", "--json", "--no-cache", "--", "Valparaiso", str(corpus))
    assert len(json.loads(r.stdout)["hits"]) == 2


def test_output_errors_are_one_line(tmp_path):
    import os

    corpus = _two_files(tmp_path / "c")
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            for args in (["list"], ["export"], ["search", "valparaiso", "--json"]):
                r = subprocess.run([sys.executable, "-m", "tui", *args, "--no-cache", str(corpus)], stdout=full,
                                   stderr=subprocess.PIPE, text=True, timeout=120)
                assert r.returncode == 1
                assert r.stderr.strip().splitlines()[-1] == "byline: cannot write the output: No space left on device"
                assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "tui", "list", "--no-cache", str(corpus)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, timeout=120,
                       preexec_fn=lambda: os.close(1))  # started with standard output closed
    assert r.returncode == 1 and r.stderr.strip() == "byline: standard output is closed"


def test_file_names_never_drive_the_terminal(tmp_path):
    """A file name is not cleaned text: its escape sequences and bells are
    shown as symbols wherever it is printed (skip notes, headers, titles)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a\x1b[31mred\x07.txt").write_text("Body text of the story about Paris and its mayor.\n")
    (corpus / "e\x1b]0;pwned\x07.txt").write_text("")
    (corpus / "nameless \x9b2J.md").write_text("Short.\n")
    outs = []
    # ("show mayor": by title words; "show a" picked the other article
    # whenever its random-looking id began with an "a")
    for args in (["list"], ["show", "mayor"], ["search", "paris"], ["entities"]):
        r = subprocess.run([sys.executable, "-m", "tui", *args, "--no-cache", str(corpus)], capture_output=True,
                           timeout=120)
        outs.append(r.stdout + r.stderr)
    joined = b"".join(outs).decode("utf-8", "replace")
    assert not any(c in joined for c in "\x1b\x07\x9b")
    assert "e\u241b]0;pwned\u2407.txt: empty file" in joined  # named, visibly
    assert "a\u241b[31mred\u2407" in joined  # the title a nameless text takes from its file name


def test_unknown_commands_and_missing_arguments_say_so():
    r = byline("lsit")
    assert r.returncode == 2
    assert r.stderr.strip() == ("byline: unknown command 'lsit': did you mean `byline list`? "
                                "(commands: list, show, search, entities, export, index)")
    r = byline("search")
    assert r.returncode == 2 and r.stderr.strip().endswith("the following arguments are required: QUERY")


def test_ambiguous_show_names_the_candidates(tmp_path):
    for folder, title in (("business", "Shares rise in Tokyo"), ("sport", "Leeds win the cup")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"{title}\n\nThe story of the day, told in full here.\n")
    # ("report", not "001" as in BBC's folders: an id, a hash, could begin with "001")
    r = byline("show", "report", "--no-cache", str(tmp_path))
    assert r.returncode == 2
    assert "'report' matches 2 articles; give one of their ids:" in r.stderr
    assert "business/report.txt  Shares rise in Tokyo" in r.stderr and "sport/report.txt  Leeds win the cup" in r.stderr


def test_fuzzy_titles_match_words_in_any_order_and_piped_output_is_whole():
    r = byline("show", "beijing recruits sensetime")  # the README's example: words of the title, not a piece
    assert r.returncode == 0, r.stderr
    lines = r.stdout.split("\n")
    assert lines[0].startswith("Beijing recruits Hong Kong artificial intelligence start-up SenseTime")
    assert lines[1] == "2018-09-20 23:42"  # the date as people read it
    assert not any(line != line.rstrip() for line in lines)  # piped: no padding
    body = r.stdout.split("\n\n")[1:]
    assert body and all("\n" not in p.strip() for p in body)  # one paragraph a line, not wrapped
    listed = byline("list").stdout
    assert "Beijing recruits Hong Kong artificial intelligence start-up SenseTime to lead tech drive" in listed
    assert "…" not in listed
    one = byline("search", "Cuiheng").stdout.strip().splitlines()[-1]
    assert one.startswith("1 hit in 1 article ·")  # singular and plural right


def test_list_sorts_and_filters(tmp_path):
    rows = json.loads(byline("list", "--json", "--sort", "date").stdout)
    dates = [r["date"] for r in rows if r["date"]]
    assert len(dates) >= 2 and dates == sorted(dates, reverse=True)
    assert all(r["date"] for r in rows[: len(dates)])  # undated after the dated
    titles = [r["title"] for r in json.loads(byline("list", "--json", "--sort", "title").stdout)]
    assert titles == sorted(titles, key=str.casefold)
    since = json.loads(byline("list", "--json", "--since", "2018-06", "--until", "2018-12").stdout)
    assert [r["date"][:7] for r in since] == ["2018-09"]
    assert [r["source"] for r in json.loads(byline("list", "--json", "--source", "china daily").stdout)] == ["China Daily"]
    r = byline("list", "--since", "yesterday")
    assert r.returncode == 2 and "not a date" in r.stderr
    text = byline("list", "--source", "china daily").stdout
    assert text.rstrip().endswith("1 of 15 articles, 0 skipped")


def test_list_unread_and_starred_follow_the_app(seed_articles):
    from tui.core.marks import Marks

    marks = Marks()
    marks.attach(seed_articles)
    marks.toggle_star(2)
    marks.set_note(2, "check")
    marks.set_read(2)
    marks.set_read(4)
    marks.close()
    starred = json.loads(byline("list", "--json", "--starred").stdout)
    assert [r["title"] for r in starred] == [seed_articles[2].title]
    assert starred[0]["note"] == "check" and starred[0]["read"] is True
    unread = json.loads(byline("list", "--json", "--unread").stdout)
    assert len(unread) == len(seed_articles) - 2
    assert "★ " + seed_articles[2].title in byline("list", "--starred").stdout


def test_search_context_characters():
    r = json.loads(byline("search", "SenseTime", "--json", "--context", "12", "--limit", "3").stdout)
    for hit in r["hits"]:
        ctx = hit["context"]
        assert 0 < len(ctx["before"]) + len(ctx["after"]) <= 24 + 2
    assert "context" not in json.loads(byline("search", "SenseTime", "--json", "--limit", "1").stdout)["hits"][0]
    def first_context(*args):
        out = byline("search", "SenseTime", "--limit", "1", *args).stdout
        return next(line for line in out.splitlines() if line.startswith("  "))

    wide, narrow = first_context("--context", "200"), first_context("--context", "5")
    assert "SenseTime" in wide and "SenseTime" in narrow
    assert len(wide) > 150 and len(narrow) < 30  # piped: whole lines, never cut to the terminal's width
    assert byline("search", "SenseTime", "--context", "-3").returncode == 2


def _readme_examples():
    import re

    from conftest import ROOT

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("Examples:", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    out = []
    for line in block.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line.startswith("byline "):
            continue
        command = re.split(r"\s[|>]\s", line)[0]  # what is piped on or written to a file is the shell's
        out.append(command)
    return out


def test_the_readmes_examples_run_anywhere():
    """Each example of the README's command section, on the seeds (a user's
    ~/news stands for a folder: the seeds here), exits 0 with output."""
    import shlex

    examples = _readme_examples()
    assert len(examples) >= 10
    for command in examples:
        args = [str(SEEDS) if a == "~/news" else a for a in shlex.split(command)[1:]]
        r = byline(*args)
        assert r.returncode == 0 and r.stdout.strip(), (command, r.stderr[-300:])
        assert "Traceback" not in r.stderr


def test_the_app_draws_and_lists_in_a_real_terminal(tmp_path):
    """`byline` in a pseudo-terminal, as a user starts it: Textual's real
    driver, a terminal that answers none of the app's queries.  It must
    draw its screen and list the seeds without waiting on the terminal."""
    import os

    from tui.dev.bench_frame import time_once

    env = dict(os.environ, TERM="xterm-256color", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    command = [sys.executable, "-m", "tui", str(SEEDS), "--cache-dir", str(tmp_path / "cache")]
    times = time_once(command, (100, 30), "Byline", timeout=60, env=env)
    assert times["listed_s"] is not None, "the sidebar never said how many articles it lists"
    assert times["first_frame_s"] <= times["listed_s"]


def test_quitting_while_worker_processes_read_ends_at_once(tmp_path):
    """q pressed while worker processes are reading a large corpus: the
    command ends within seconds, leaving no traceback, warning or process
    behind (worker processes died with the loading thread halfway through
    a result, and Python's exit then waited for the rest of it forever)."""
    import os
    import pty
    import random
    import time

    from tui.dev.bench_frame import plain, read_chunk

    rnd = random.Random(7)
    words = ("the minister said on monday that talks with the union would go on through the week "
             "while prices rose and shares fell in london trading").split()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(1500):  # enough for worker processes and a few seconds' reading
        body = "\n\n".join(" ".join(rnd.choice(words) for _ in range(120)).capitalize() + "." for _ in range(12))
        (corpus / f"{n:04}.txt").write_text(f"Story {n} of the week\n\n{body}\n", encoding="utf-8")
    env = dict(os.environ, TERM="xterm-256color", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(sys.executable, [sys.executable, "-m", "tui", str(corpus), "--cache-dir", str(tmp_path / "c")], env)
    out = b""

    def read(seconds: float) -> None:
        nonlocal out
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            chunk = read_chunk(fd, 0.05)
            if chunk == b"":
                return
            out += chunk or b""

    try:
        deadline = time.monotonic() + 30
        while b"loading" not in out and time.monotonic() < deadline:
            read(0.1)
        assert b"loading" in out, "the app never said it was loading"
        read(1.0)  # worker processes at work
        os.write(fd, b"q")
        ended = None
        deadline = time.monotonic() + 10
        while ended is None and time.monotonic() < deadline:
            read(0.2)
            done, status = os.waitpid(pid, os.WNOHANG)
            ended = status if done else None
        assert ended is not None, "q did not end the command within 10 s"
        read(0.5)
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
    after = plain(out.rsplit(b"\x1b[?1049l", 1)[-1])  # what is left on the terminal once the app has gone
    assert "Traceback" not in after and "Warning" not in after and "Error" not in after, after
    assert os.waitstatus_to_exitcode(ended) == 0


def test_the_pools_teardown_error_is_not_printed_and_others_are():
    """Python 3.11's process pool, its workers gone at quit, raises
    InvalidStateError in its own thread: that one is not passed on to be
    printed on the terminal; an error in any other thread still is."""
    import threading
    from concurrent.futures import InvalidStateError

    from tui.app.app import quiet_pool_teardown

    class _ExecutorManagerThread(threading.Thread):  # (the pool's thread class, by name)
        pass

    def fail(exc):
        raise exc

    passed_on = []
    saved = threading.excepthook
    try:
        threading.excepthook = lambda args: passed_on.append(args.exc_type)  # (what would print them)
        quiet_pool_teardown()
        for thread in (_ExecutorManagerThread(target=fail, args=(InvalidStateError("CANCELLED"),)),
                       threading.Thread(target=fail, args=(InvalidStateError("elsewhere"),)),
                       threading.Thread(target=fail, args=(ValueError("other"),))):
            thread.start()
            thread.join()
    finally:
        threading.excepthook = saved
    assert passed_on == [InvalidStateError, ValueError]


def test_index_looks_at_every_file_and_says_what_it_read(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"a{i}.txt").write_text(f"Story {i} here\n\nCarrie Lam met Tony Blair in Hong Kong, story {i}. It ends.\n")
    cache = str(tmp_path / "cache")

    def index():
        r = byline("index", str(corpus), "--cache-dir", cache, "--json")
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    first = index()
    assert (first["articles"], first["files"], first["files_from_index"]) == (3, 3, 0)
    assert first["names"] >= 2 and first["index_bytes"] > 0 and first["index"].startswith(cache)
    assert first["names_found"]
    second = index()
    assert second["files_from_index"] == 3 and not second["names_found"]
    (corpus / "a1.txt").write_text("Story one again\n\nNow Angela Merkel came to Paris. It ends.\n")
    again = index()
    assert (again["articles"], again["files_from_index"]) == (3, 2)
    r = byline("search", "merkel", str(corpus), "--cache-dir", cache, "--json")
    assert [h["match"] for h in json.loads(r.stdout)["hits"]] == ["Merkel"]
    text = byline("index", str(corpus), "--cache-dir", cache)
    assert text.stdout.startswith("3 articles from 3 files (all unchanged)")
    r = byline("index", str(corpus), "--no-cache")
    assert r.returncode == 2 and "--no-cache" in r.stderr


def test_piped_output_is_plain_and_skips_the_terminal_renderer(tmp_path):
    """Piped, `search` and `list` write plain lines without importing rich
    (its import took a one-shot search longer than the search); FORCE_COLOR
    and TTY_COMPATIBLE still decide as rich would."""
    import os

    corpus = _corpus_of(tmp_path / "c", 3)
    probe = ("import sys; from tui.cli import main; code = main(sys.argv[1:]); "
             "print('rich loaded' if 'rich' in sys.modules else 'rich not loaded', file=sys.stderr); sys.exit(code)")

    def run(*args, **env):
        return subprocess.run([sys.executable, "-c", probe, *args, str(corpus), "--no-cache"], capture_output=True,
                              text=True, timeout=120, env={**os.environ, **env})

    found = run("search", "carrie lam")
    assert found.returncode == 0 and "rich not loaded" in found.stderr
    lines = found.stdout.splitlines()
    assert lines[0].endswith("  Story 0 here") and " " not in lines[0].split("  ")[0]  # id, two spaces, title
    assert lines[1] == "  Carrie Lam met Tony Blair in Hong Kong, story 0. It ends."
    assert lines[-1].startswith("3 hits in 3 articles · ") and "\x1b" not in found.stdout
    missing = run("search", "zebedee")
    assert (missing.returncode, missing.stdout) == (1, "no match for 'zebedee'\n")
    assert "rich not loaded" in run("list").stderr
    coloured = run("search", "carrie lam", FORCE_COLOR="1")
    assert "\x1b[" in coloured.stdout and "rich loaded" in coloured.stderr
    assert "\x1b" not in run("search", "carrie lam", FORCE_COLOR="1", TTY_COMPATIBLE="0").stdout


def test_a_read_only_command_ends_without_teardown_and_loses_no_output(tmp_path):
    """`byline search`, `list`, `show` and `entities` end the process once
    their output is flushed (skipping the interpreter's teardown): a pipe
    still gets every line, the exit code is the command's, and a reader
    that stops early ends it quietly."""
    corpus = _corpus_of(tmp_path / "c", 400)
    cmd = [sys.executable, "-m", "tui"]
    cache = ["--cache-dir", str(tmp_path / "cache")]
    # (Indexed first: a command that indexes in worker processes ends as Python does.)
    assert subprocess.run([*cmd, "index", str(corpus), *cache], capture_output=True, timeout=120).returncode == 0
    every = subprocess.run([*cmd, "search", "carrie lam", str(corpus), *cache, "--all"], capture_output=True,
                           text=True, timeout=120)
    assert every.returncode == 0, every.stderr
    assert len(every.stdout) > 32_000  # (four times what is buffered for a pipe: the last part is flushed)
    assert every.stdout.splitlines()[-1].startswith("400 hits in 400 articles · ")
    listed = subprocess.run([*cmd, "list", str(corpus), *cache, "--json"], capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 400
    missing = subprocess.run([*cmd, "search", "zebedee", str(corpus), *cache], capture_output=True, text=True,
                             timeout=120)
    assert (missing.returncode, missing.stdout) == (1, "no match for 'zebedee'\n")
    head = subprocess.Popen([*cmd, "search", "carrie lam", str(corpus), *cache, "--all"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert head.stdout is not None and head.stdout.readline()
    head.stdout.close()
    assert head.wait(timeout=120) == 0 and b"Traceback" not in head.stderr.read()


_TOKENS = ["Carrie Lam", "huawei", "", "a=b", "/some/path", "--json", "--all", "--refresh", "--no-cache", "--cache-dir",
           "--cache-dir=/c", "--cache-dir=", "--limit", "--limit=3", "3", "0", "-1", "x1", "--context", "--context=9",
           "--js", "--lim=2", "--", "-", "-x", "--help", "--entities"]


def _argparse_reading(argv: list[str]):
    """What argparse makes of ``byline search ARGV``: its namespace, or None
    where it refuses (it prints its usage and exits)."""
    import contextlib
    import io

    from tui.cli_args import _parse, build_parser

    parser = build_parser({}, "search")._subparsers._group_actions[0].choices["search"]
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            return vars(_parse(parser, argv))
    except SystemExit:
        return None


def test_a_plain_search_is_read_without_argparse_as_argparse_reads_it():
    """The quick reading of `byline search`'s arguments gives argparse's
    namespace for whatever it takes, and leaves everything else (abbreviated
    options, "--", values opening with "-", --limit with --all, no query,
    --help) to argparse."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tui.search_cli import quick_search_args

    taken = []

    @settings(max_examples=600, deadline=None, derandomize=True)
    @given(st.lists(st.sampled_from(_TOKENS), max_size=7))
    def agree(argv):
        quick = quick_search_args(argv)
        if quick is not None:
            assert vars(quick) == _argparse_reading(argv), argv
            taken.append(argv)

    agree()
    assert len(taken) > 50  # (the quick reading is exercised, not only its refusals)
    for argv in (["Carrie Lam", "/p", "--json", "--limit", "3", "--cache-dir", "/c"], ["q", "--cache-dir=/c", "p", "--all"]):
        assert vars(quick_search_args(argv)) == _argparse_reading(argv)
    for argv in (["q", "--js"], ["q", "--limit", "3", "--all"], ["--json"], ["q", "--", "-x"], ["q", "--limit", "-1"],
                 ["q", "--limit", "x1"], ["q", "--help"], ["q", "--cache-dir"]):
        assert quick_search_args(argv) is None, argv


def test_bench_index_times_every_phase_of_a_cold_index(tmp_path):
    """`python -m tui.dev.bench index` wraps the library's own steps; when
    one moves (a function imported elsewhere), its phase must not silently
    vanish from the report or the benchmark stop with a traceback."""
    r = subprocess.run([sys.executable, "-m", "tui.dev.bench", "index", str(SEEDS), "--cache-dir", str(tmp_path / "c")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-500:]
    report = json.loads(r.stdout)
    assert report["articles"] >= 14
    assert {"reading", "finding names", "search index", "storing"} <= set(report["phases"])
