"""The ingest's progress bar: on a terminal while articles are read, gone when the summary prints."""

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

from extract.ingest import ingest
from extract.store import EventStore
from tests.conftest import REPO, SAMPLES

BAR = "articles/s"  # the bar's rate; nothing else ingest prints says it


def test_the_bar_counts_articles_and_is_erased_at_the_end(geoparser, tmp_path, capsys):
    with EventStore.open(tmp_path / "e.sqlite") as store:
        summary = ingest([SAMPLES], store, geoparser, progress=True)
    err = capsys.readouterr().err
    assert summary.added == 5
    assert "0 articles" in err and BAR in err
    last = err.rstrip("\r").rsplit("\r", 1)[-1]
    assert last.strip() == ""  # the last thing written blanks the bar's line


def test_no_bar_unless_asked(geoparser, tmp_path, capsys):
    with EventStore.open(tmp_path / "e.sqlite") as store:
        ingest([SAMPLES], store, geoparser)
    assert capsys.readouterr().err == ""


def test_diplomap_ingest_shows_the_bar_on_a_terminal_and_not_in_a_pipe(gazetteer, tmp_path):
    command = [sys.executable, "-m", "dashboard.cli", "ingest", str(SAMPLES), "--db"]
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # a new pty is 0 columns wide
    with subprocess.Popen([*command, str(tmp_path / "tty.sqlite")], stdout=subprocess.PIPE, stderr=follower,
                          cwd=REPO) as proc:
        os.close(follower)
        terminal = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # Linux: EIO once the child has closed the terminal
                break
            if not chunk:
                break
            terminal += chunk
        out = proc.stdout.read().decode()
    os.close(leader)
    assert proc.returncode == 0 and "5 articles added" in out
    assert BAR in terminal.decode(errors="replace")
    piped = subprocess.run([*command, str(tmp_path / "pipe.sqlite")], capture_output=True, text=True, cwd=REPO)
    assert piped.returncode == 0 and "5 articles added" in piped.stdout
    assert BAR not in piped.stderr
