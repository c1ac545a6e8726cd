"""The one writer: never onto an input, never onto a non-regular file, atomic, cleaned up, locked."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pptx import Presentation

from generator import output
from generator.cli import main
from generator.errors import RenderError

ROOT = Path(__file__).resolve().parent.parent
DATA = """\
title: Small
events:
  - {id: a, date: 2001, title: Alpha, icon: logo.png}
  - {id: b, date: 2005-03, title: Beta}
"""


@pytest.fixture
def small(tmp_path):
    """A two-event data file with a picture icon beside it."""
    from PIL import Image
    Image.new("RGB", (40, 30), "red").save(tmp_path / "logo.png")
    path = tmp_path / "d.yaml"
    path.write_text(DATA, encoding="utf-8")
    return path


def _one_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert "Traceback" not in result.output
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.mark.parametrize("command", [["poster", "--size", "A4"], ["deck"], ["handout"]])
def test_output_onto_the_data_file_is_refused(runner, small, command):
    before = small.read_bytes()
    result = runner.invoke(main, [command[0], str(small), "-o", str(small), *command[1:]])
    assert result.exit_code == 1
    assert "data file" in _one_line(result)
    assert small.read_bytes() == before


def test_output_onto_an_icon_theme_font_or_template_is_refused(runner, small, tmp_path):
    icon = tmp_path / "logo.png"
    before = icon.read_bytes()
    result = runner.invoke(main, ["deck", str(small), "-o", str(icon)])
    assert result.exit_code == 1 and "icon" in _one_line(result)
    assert icon.read_bytes() == before

    font = tmp_path / "f.ttf"
    shutil.copy("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", font)
    result = runner.invoke(main, ["poster", str(small), "--size", "A4", "--font", str(font), "-o", str(font)])
    assert result.exit_code == 1 and "font" in _one_line(result)

    theme = tmp_path / "t.yaml"
    shutil.copy(ROOT / "templates" / "default.yaml", theme)
    result = runner.invoke(main, ["handout", str(small), "--theme", str(theme), "-o", str(theme)])
    assert result.exit_code == 1 and "theme" in _one_line(result)
    assert theme.read_bytes() == (ROOT / "templates" / "default.yaml").read_bytes()

    template = tmp_path / "t.pptx"
    Presentation().save(template)
    before = template.read_bytes()
    result = runner.invoke(main, ["deck", str(small), "--template", str(template), "-o", str(template)])
    assert result.exit_code == 1 and "template" in _one_line(result)
    assert template.read_bytes() == before


def test_a_hard_link_or_symlink_to_the_data_file_is_refused_too(runner, small, tmp_path):
    os.link(small, tmp_path / "hard.pdf")
    (tmp_path / "soft.pdf").symlink_to(small)
    before = small.read_bytes()
    for name in ("hard.pdf", "soft.pdf"):
        result = runner.invoke(main, ["handout", str(small), "-o", str(tmp_path / name)])
        assert result.exit_code == 1 and "data file" in _one_line(result)
    assert small.read_bytes() == before


def test_the_writer_itself_refuses_inputs_given_to_protecting(tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("x")
    with output.protecting([("data file", data)]):
        with pytest.raises(RenderError, match="data file"):
            output.write_bytes(data, b"oops")
    assert data.read_text() == "x"


def test_a_symlink_is_written_through_and_stays_a_link(runner, small, tmp_path):
    real = tmp_path / "real" / "deck.pptx"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "link.pptx"
    link.symlink_to(real)
    result = runner.invoke(main, ["deck", str(small), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert len(Presentation(str(real)).slides) > 0


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_non_regular_targets_are_refused_with_one_line(runner, small, tmp_path, kind):
    target = tmp_path / "target.pdf"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        if os.geteuid() != 0:
            pytest.skip("creating a device node needs root")
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
    mode = os.lstat(target).st_mode
    for command in (["poster", "--size", "A4"], ["handout"]):
        result = runner.invoke(main, [command[0], str(small), "-o", str(target), *command[1:]])
        assert result.exit_code == 1
        line = _one_line(result)
        assert "folder" in line if kind == "folder" else "not a regular file" in line
    assert os.lstat(target).st_mode == mode


def test_a_failed_write_keeps_the_earlier_file_whole(small, tmp_path):
    """A disk that fills up mid-write (a file-size limit) leaves the earlier deck as it was."""
    out = tmp_path / "out" / "deck.pptx"
    out.parent.mkdir()
    out.write_bytes(b"the earlier deck" * 10)
    before = out.read_bytes()
    script = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        from generator.cli import main
        sys.argv = ["timeline", "deck", {str(small)!r}, "-o", {str(out)!r}]
        main()
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "deck.pptx: cannot write" in done.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["deck.pptx"]


def test_a_kept_target_keeps_its_permissions(tmp_path):
    target = tmp_path / "x.json"
    target.write_text("{}")
    target.chmod(0o640)
    output.write_text(target, '{"a": 1}')
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text() == '{"a": 1}'


def test_the_temporary_file_goes_on_sigterm(tmp_path):
    """SIGTERM in the middle of a write: the target is untouched and no temporary file remains."""
    target = tmp_path / "x.pdf"
    target.write_bytes(b"earlier")
    script = textwrap.dedent(f"""
        import os, signal
        from generator import output
        output.install_signal_handlers()
        with output.atomic_path({str(target)!r}) as temp:
            temp.write_bytes(b"half")
            os.kill(os.getpid(), signal.SIGTERM)
            import time; time.sleep(5)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert target.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.pdf"]


def test_stale_temporary_files_of_killed_runs_are_removed(runner, small, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    stale = [out / ".deck.pptx.k3j_x9a2.part", out / ".poster.pdf.abcdefgh.part.png"]
    for path in stale:
        path.write_bytes(b"half")
    mine = out / ".notes.part"        # not of the writer's naming: left alone
    mine.write_bytes(b"mine")
    result = runner.invoke(main, ["deck", str(small), "-o", str(out / "deck.pptx")])
    assert result.exit_code == 0, result.output
    assert not any(p.exists() for p in stale)
    assert mine.exists()


def test_a_second_build_into_the_same_folder_waits(small, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)      # another build holds the folder
    try:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "handout", str(small),
                                 "-o", str(out / "h.pdf")], stderr=subprocess.PIPE, text=True)
        line = proc.stderr.readline()
        assert "another timeline command is writing into this folder; waiting" in line
        time.sleep(0.5)
        assert proc.poll() is None and not (out / "h.pdf").exists()
    finally:
        os.close(fd)
    assert proc.wait(timeout=120) == 0
    assert (out / "h.pdf").stat().st_size > 1000


def test_the_lock_is_reentrant_within_one_process(tmp_path):
    with output.folder_lock(tmp_path):
        with output.folder_lock(tmp_path):
            output.write_text(tmp_path / "a.txt", "a")
    assert (tmp_path / "a.txt").read_text() == "a"


def test_write_errors_are_one_line(runner, small, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(main, ["handout", str(small), "-o", str(blocker / "sub" / "h.pdf")])
    assert result.exit_code == 1
    assert "cannot" in _one_line(result) or "is a file" in _one_line(result)


def test_new_goes_through_the_writer(runner, tmp_path):
    fifo = tmp_path / "starter.yaml"
    os.mkfifo(fifo)
    result = runner.invoke(main, ["new", str(fifo), "--force"])
    assert result.exit_code == 1 and "not a regular file" in _one_line(result)


@pytest.mark.parametrize("delay", [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.6, 1.5])
def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(small, tmp_path, delay):
    """SIGINT during start-up, loading or writing: exit 130 (or killed by SIGINT before Python runs)."""
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", str(small), "--out", str(tmp_path / "o"),
                             "--size", "A4"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=120)
    if "Traceback" in err:   # only Python's own start-up (before any of our code runs) may show one
        assert "/click/" not in err, err
        ours = re.findall(r'File "([^"]*/generator/[^"]*)", line \d+, in (\S+)', err)
        # Under load the signal can land while the interpreter is still executing the entry
        # module's own header (the package __init__ or __main__ before `run()` is called):
        # nothing of ours has run yet, so no handler of ours can exist.
        assert all(name == "<module>" and path.endswith(("generator/__init__.py", "generator/__main__.py"))
                   for path, name in ours), err
    else:
        assert proc.returncode in (130, -signal.SIGINT, 0), err
    leftovers = [p.name for p in (tmp_path / "o").glob(".*")] if (tmp_path / "o").exists() else []
    assert leftovers == []


@pytest.mark.parametrize("stop,code", [(KeyboardInterrupt(), 130), ("terminated", 128 + signal.SIGTERM)])
def test_ctrl_c_turned_into_another_error_by_a_library_still_exits_as_an_interrupt(runner, small, tmp_path,
                                                                                   monkeypatch, stop, code):
    """A library that catches everything (ReportLab's PDF writer has a bare `except:`) turns a Ctrl-C or a
    SIGTERM into an error of its own: that is still an interrupt (130, 143), not an internal error (70)."""
    from generator import build, output
    signal_raised = stop if stop != "terminated" else output.Terminated(signal.SIGTERM)

    def resolve(*_args, **_kwargs):
        try:
            raise signal_raised
        except BaseException:     # as ReportLab's PDFObjectReference.format does
            raise KeyError("the library's own error")

    monkeypatch.setattr(build, "resolve", resolve)
    result = runner.invoke(main, ["poster", str(small), "-o", str(tmp_path / "p.pdf")])
    assert result.exit_code == code, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert not (tmp_path / "p.pdf").exists()
