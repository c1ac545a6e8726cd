"""`timeline watch`: rebuild the previews when the data, its icons or the theme change, and serve them.

The preview page lives on 127.0.0.1 only. It shows the poster (click to zoom), the deck's
slides and the handout's pages as PNG previews of the PDF (`generator.render.png`), asks
`/status` a few times a second and swaps the pictures when a build finishes. A broken edit
shows the located error above the last good preview.

Only what changed is drawn again: every page's scene is compared with the one drawn before,
and an unchanged page keeps its picture. Pictures are written, through the atomic writer, to
a private temporary folder (deleted on exit) under names that hold a hash of their scene, so
the page never sees a half-written file and the user's folders are never touched.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.errors import DataError, RenderError, TimelineError

HOST = "127.0.0.1"
ICON_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
SECTIONS = ("poster", "slides", "handout")


@dataclass
class Preview:
    """What the page shows: the pictures of the last good build and the last build's error."""

    generation: int = 0
    building: bool = False
    error: str = ""
    seconds: float = 0.0
    drawn: int = 0
    files: dict = field(default_factory=lambda: {name: [] for name in SECTIONS})
    sizes: dict = field(default_factory=dict)

    def status(self) -> dict:
        return {"generation": self.generation, "building": self.building, "error": self.error,
                "seconds": round(self.seconds, 3), "drawn": self.drawn, "files": self.files,
                "sizes": self.sizes}


class Previewer:
    """Builds the previews of one data file in one language into a private folder."""

    def __init__(self, data: Path, options, lang: str | None = None, dpi: int = 60):
        self.data = Path(data)
        self.options = options
        self.lang = lang
        self.dpi = dpi
        self.folder = Path(tempfile.mkdtemp(prefix="timeline-watch-"))
        self.preview = Preview()
        self.lock = threading.Lock()
        self.pool = None
        self._shown_before: dict = {}

    def close(self) -> None:
        """Stop the workers and delete the pictures."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def watched(self) -> list[Path]:
        """The folders to watch: the data file's (icons sit there) and the theme file's."""
        folders = [self.data.resolve().parent]
        theme = self.options.theme
        if theme and Path(theme).is_file():
            folders.append(Path(theme).resolve().parent)
        return list(dict.fromkeys(folders))

    def matters(self, path: str) -> bool:
        """A change to this file can change the previews: the data, the theme, or an icon or YAML file."""
        changed = Path(path).resolve()
        if changed == self.data.resolve():
            return True
        theme = self.options.theme
        if theme and Path(theme).is_file() and changed == Path(theme).resolve():
            return True
        return changed.suffix.lower() in ICON_SUFFIXES + (".yaml", ".yml") and self.folder not in changed.parents

    def start_workers(self, jobs: int) -> None:
        """Lay out and draw on `jobs` processes, forked now: call it before any thread starts."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        import generator.build  # noqa: F401  (imported before the fork, so the workers start warm)
        import generator.render.png  # noqa: F401
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            self.pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
            list(self.pool.map(_warm, range(jobs)))

    def build(self, assets_changed: bool = False) -> None:
        """Load, lay out and draw what changed; on an error keep the last good pictures."""
        start = time.perf_counter()
        with self.lock:
            self.preview.building = True
            known = set() if assets_changed else {n for names in self.preview.files.values() for n in names}
        tasks = [(section, self.data, self.options, self.lang, self.dpi, self.folder, known, assets_changed)
                 for section in SECTIONS]
        results = None
        if self.pool is not None:
            try:
                results = list(self.pool.map(_section, *zip(*tasks)))
            except BrokenProcessPool:          # a worker died (killed, out of memory): go on here
                self.pool = None
        if results is None:
            results = [_section(*task) for task in tasks]
        errors = [result for result in results if isinstance(result, str)]
        with self.lock:
            if not errors:
                self.preview.files = {section: names for section, (names, _, _) in zip(SECTIONS, results)}
                self.preview.sizes = {k: v for _, sizes, _ in results for k, v in sizes.items()}
                self._forget_unused(self.preview.files)
            self.preview.error = errors[0] if errors else ""
            self.preview.drawn = 0 if errors else sum(drawn for _, _, drawn in results)
            self.preview.seconds = time.perf_counter() - start
            self.preview.generation += 1
            self.preview.building = False

    def _forget_unused(self, files: dict) -> None:
        """Delete pictures no longer shown (the page may still show the previous set for a moment)."""
        keep = {name for names in files.values() for name in names}
        keep |= {name for names in self._shown_before.values() for name in names}
        for path in self.folder.glob("*.png"):
            if path.name not in keep:
                path.unlink(missing_ok=True)
        self._shown_before = files

    def status(self) -> dict:
        with self.lock:
            return self.preview.status()

    def picture(self, name: str) -> Path | None:
        """A picture the page may ask for: only names of the current or the previous build."""
        with self.lock:
            allowed = {n for files in (self.preview.files, self._shown_before)
                       for names in files.values() for n in names}
        path = self.folder / name
        return path if name in allowed and path.is_file() else None


def _warm(_: int) -> int:
    return 0


def _section(section: str, data: Path, options, lang: str | None, dpi: int, folder: Path, known: set[str],
             assets_changed: bool) -> tuple[list[str], dict, int] | str:
    """Lay out one output and draw its pages that are not among `known` pictures; or the error's message.

    Runs in a worker process (or here when there is one core): reads the data itself, so only
    names go back and forth.
    """
    from generator import build, icons
    if assets_changed:                       # an icon or theme file changed: read them again
        icons.clear_caches()
    try:
        timeline = build.open_data(data, options)
        lang = lang or timeline.languages[0]
        if lang not in timeline.languages:
            raise TimelineError(f'--lang {lang}: the data has {", ".join(timeline.languages)}')
        settings = build.resolve(options, timeline)
        doc = _layout(section, timeline, lang, settings)
        names, sizes, drawn = [], {}, 0
        for number, page in enumerate(doc.pages, 1):
            key = hashlib.sha256(repr((page, doc.fonts, dpi)).encode()).hexdigest()[:20]
            name = f"{section}-{number:03d}-{key}.png"
            if name not in known or not (folder / name).is_file():
                _draw(page, doc, folder / name, dpi)
                drawn += 1
            names.append(name)
            bleed = 2 * (page.bleed + page.slug)
            sizes[name] = [round(page.width + bleed), round(page.height + bleed)]
        return names, sizes, drawn
    except TimelineError as exc:
        return _message(exc)
    except Exception as exc:  # noqa: BLE001  (a bug must not stop the watch; the page says what broke)
        return f"internal error while building the {section}: {type(exc).__name__}: {exc}"


def _layout(section: str, timeline, lang: str, settings):
    if section == "poster":
        from generator.layout.poster import layout_poster
        return layout_poster(timeline, lang, settings.style, settings.poster)
    if section == "slides":
        from generator.layout.deck import layout_deck
        return layout_deck(timeline, lang, settings.style, settings.deck)
    from generator.layout.handout import layout_handout
    return layout_handout(timeline, lang, settings.style, settings.paper)


def _draw(page, doc, target: Path, dpi: int) -> None:
    """Draw one page into the previews' private folder: written whole, then renamed, so the page never
    shows half a picture. Not through the user files' writer: nobody else writes here, and the workers
    drawing side by side would wait for its folder lock (and say so) for every picture."""
    from generator.render.png import render_page
    image = render_page(page, doc.fonts, dpi)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            image.save(file, "PNG", dpi=(dpi, dpi), compress_level=3)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise RenderError(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _message(exc: TimelineError) -> str:
    if isinstance(exc, DataError):
        return "\n".join(str(p) for p in exc.problems) or str(exc)
    return str(exc)


def serve(previewer: Previewer, port: int) -> ThreadingHTTPServer:
    """Start the preview server on 127.0.0.1:port in a background thread."""
    class Handler(_Handler):
        source = previewer

    try:
        server = ThreadingHTTPServer((HOST, port), Handler)
    except OSError as exc:
        raise TimelineError(f"cannot listen on {HOST}:{port} ({exc.strerror}); choose another --port") from None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
    return server


def watch(previewer: Previewer, stop: threading.Event, on_build=None) -> None:
    """Build once, then again after every change that matters, until `stop` is set."""
    import watchfiles

    previewer.build()
    if on_build:
        on_build(previewer.status())
    for changes in watchfiles.watch(*previewer.watched(), stop_event=stop, debounce=60, step=20,
                                    raise_interrupt=True, rust_timeout=200, yield_on_timeout=False):
        paths = [path for _, path in changes if previewer.matters(path)]
        if not paths:
            continue
        data = str(previewer.data.resolve())
        previewer.build(assets_changed=any(str(Path(p).resolve()) != data for p in paths))
        if on_build:
            on_build(previewer.status())


class _Handler(BaseHTTPRequestHandler):
    """GET / (the page), /status (JSON) and /files/NAME (a picture)."""

    source: Previewer

    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._send(200, "text/html; charset=utf-8", PAGE.replace("{{title}}", html.escape(self.source.data.name))
                       .encode())
        elif path == "/status":
            self._send(200, "application/json", json.dumps(self.source.status()).encode())
        elif path.startswith("/files/"):
            picture = self.source.picture(path[len("/files/"):])
            if picture is None:
                self._send(404, "text/plain", b"no such picture")
            else:
                self._send(200, "image/png", picture.read_bytes(), cache=True)
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, code: int, kind: str, body: bytes, cache: bool = False) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600, immutable" if cache else "no-store")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the http.server signature)
        return


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{title}} · timeline watch</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 0; background: #EEF0F3; color: #1B1F24; }
header { position: sticky; top: 0; z-index: 2; background: #16324F; color: #fff; padding: 8px 16px;
         display: flex; gap: 16px; align-items: baseline; }
header h1 { font-size: 17px; margin: 0; }
#state { opacity: .85; }
#error { display: none; white-space: pre-wrap; background: #FDECEA; color: #8A1C10; border-left: 6px solid #D55E00;
         margin: 12px 16px; padding: 10px 14px; font: 14px/1.45 ui-monospace, monospace; }
#error.shown { display: block; }
section { margin: 12px 16px 24px; }
h2 { font-size: 15px; margin: 0 0 8px; }
#poster img { width: 100%; cursor: zoom-in; background: #fff; box-shadow: 0 1px 4px #0003; }
#poster.zoomed { overflow: auto; max-height: 85vh; }
#poster.zoomed img { width: auto; max-width: none; cursor: zoom-out; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 12px; }
.grid img { width: 100%; background: #fff; box-shadow: 0 1px 4px #0003; }
</style></head>
<body>
<header><h1>{{title}}</h1><span id="state">waiting for the first build…</span></header>
<div id="error" role="alert"></div>
<section><h2>Poster</h2><div id="poster"></div></section>
<section><h2>Slides</h2><div id="slides" class="grid"></div></section>
<section><h2>Handout</h2><div id="handout" class="grid"></div></section>
<script>
let shown = -1;
function fill(id, names) {
  const box = document.getElementById(id);
  const old = Array.from(box.querySelectorAll("img"));
  names.forEach((name, i) => {
    let img = old[i];
    if (!img) { img = document.createElement("img"); box.appendChild(img);
                if (id === "poster") img.onclick = () => box.classList.toggle("zoomed"); }
    const src = "/files/" + name;
    if (img.getAttribute("src") !== src) { img.setAttribute("src", src); img.alt = id + " " + (i + 1); }
  });
  old.slice(names.length).forEach(img => img.remove());
}
async function poll() {
  try {
    const state = await (await fetch("/status", {cache: "no-store"})).json();
    if (state.generation !== shown && !state.building) {
      shown = state.generation;
      for (const id of ["poster", "slides", "handout"]) fill(id, state.files[id]);
      const error = document.getElementById("error");
      error.textContent = state.error;
      error.classList.toggle("shown", !!state.error);
      document.getElementById("state").textContent = state.error
        ? "build " + shown + " failed; showing the last good preview"
        : "build " + shown + " done in " + state.seconds.toFixed(2) + " s (" + state.drawn + " pictures drawn)";
      document.body.dataset.generation = shown;
    } else if (state.building) {
      document.getElementById("state").textContent = "building…";
    }
  } catch (e) {
    document.getElementById("state").textContent = "the watch has stopped";
  }
  setTimeout(poll, 250);
}
poll();
</script>
</body></html>
"""
