"""What a build would do, found before any file is written: `timeline check` lays out every output.

`predict(timeline, root, settings, langs)` returns located problems: errors for what would make a
build fail (characters no installed font has, text that cannot fit a slide, a poster too dense for
the sheet) and warnings for what a build would shorten or get wrong (events whose summaries are
dropped on the poster, implausible dates). Colours against the theme are checked by `colors.color_problems`.
"""

from __future__ import annotations

import os
import pickle
import re
import signal
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable

from generator.errors import Problem, TimelineError, Where
from generator import forks
from generator.forks import available_cores

if TYPE_CHECKING:       # imported by `check` before it forks: the data's modules are imported after the fork
    from generator.model import Event, LocalText, Timeline
    from generator.yamlnodes import Located

LONG_SPAN_YEARS = 3000
LATEST_PLAUSIBLE_YEAR = 2200


class Locator:
    """Finds where a field of the data was written, from the located tree."""

    def __init__(self, root: Located | None, timeline: Timeline):
        self.root = root
        self.file = Where(timeline.path)
        self.items: dict[Where, tuple[str, Located]] = {}
        if root is not None and isinstance(root.value, dict):
            for key in ("events", "eras", "categories"):
                node = root.value.get(key)
                if node is not None and isinstance(node.value, list):
                    for i, item in enumerate(node.value):
                        self.items[item.where] = (f"{key}[{i}]", item)

    def top(self, key: str, lang: str = "") -> tuple[Where, str]:
        node = self.root.value.get(key) if self.root is not None and isinstance(self.root.value, dict) else None
        return self._field(node, key, lang, self.file)

    def item(self, where: Where, key: str = "", lang: str = "") -> tuple[Where, str]:
        path, node = self.items.get(where, ("", None))
        if node is None:
            return where, key
        if not key:
            return node.where, path
        field = node.value.get(key) if isinstance(node.value, dict) else None
        return self._field(field, f"{path}.{key}", lang, node.where)

    @staticmethod
    def _field(node: Located | None, path: str, lang: str, fallback: Where) -> tuple[Where, str]:
        if node is None:
            return fallback, path
        if lang and isinstance(node.value, dict) and lang in node.value:
            return node.value[lang].where, f"{path}.{lang}"
        return node.where, path


@dataclass(frozen=True)
class _Asked:
    """Where a problem is, as the question a `Locator` was asked (its method and arguments)."""

    question: tuple


class _Asking(Locator):
    """The layouts' process's `Locator` (see `Ahead`): it answers every question with the question itself, and
    the process that read the data answers them for the problems found (`_Answers`). So the tree's positions
    are never sent, and are looked up only for the few problems a file has."""

    def __init__(self):
        self.root, self.file, self.items = None, None, {}

    def top(self, key: str, lang: str = "") -> tuple[_Asked, str]:
        return _Asked(("top", key, lang)), ""

    def item(self, where: Where, key: str = "", lang: str = "") -> tuple[_Asked, str]:
        return _Asked(("item", where, key, lang)), ""


class _Answers:
    """Answers the questions `_Asking` was asked, with a `Locator` of the tree (made only if there are any)."""

    def __init__(self, root: Located | None, timeline: Timeline):
        self.root, self.timeline, self.where = root, timeline, None

    def located(self, problems: list[Problem]) -> list[Problem]:
        return [self._located(p) if isinstance(p.where, _Asked) else p for p in problems]

    def _located(self, problem: Problem) -> Problem:
        if self.where is None:
            self.where = Locator(self.root, self.timeline)
        method, *args = problem.where.question
        at, path = getattr(self.where, method)(*args)
        return replace(problem, where=at, path=path)


def predict(timeline: Timeline, root: Located | Locator | None, settings, langs: tuple[str, ...],
            layout: bool = True) -> list[Problem]:
    """Every located problem a build of every output in every language would meet."""
    return _predict(timeline, root, settings, langs, layout)[0]


def _predict(timeline: Timeline, root: Located | Locator | None, settings, langs: tuple[str, ...],
             layout: bool = True, extra: Callable[[], object] | None = None) -> tuple[list[Problem], object]:
    """`predict`'s problems, and what `extra()` returns: run as one more task beside the layouts."""
    where = root if isinstance(root, Locator) else Locator(root, timeline)
    gaps, rest, extra_result = _problems(timeline, where, settings, langs, layout, extra)
    return gaps + rest, extra_result


def _problems(timeline: Timeline, where: Locator, settings, langs: tuple[str, ...], layout: bool,
              extra: Callable[[], object] | None) -> tuple[list[Problem], list[Problem], object]:
    """The characters no font has (each once: see `font_gaps`), the other problems, and what `extra()` returns."""
    gaps, missing = font_gaps(timeline, where, settings.style, langs)
    rest = implausible_dates(timeline, where)
    if not layout:
        return gaps, rest, extra() if extra is not None else None
    layouts, extra_result = _all_layouts(_without(timeline, missing), where, settings, langs, extra)
    return gaps, rest + layouts, extra_result


OUTPUTS = ("poster", "deck", "handout")      # the slowest first, so two cores finish together


def _all_layouts(timeline: Timeline, where: "Locator", settings, langs: tuple[str, ...],
                 extra: Callable[[], object] | None = None) -> tuple[list[Problem], object]:
    """Every output in every language laid out, on every core this process may use (forked processes share
    the parsed fonts); the problems come back in the order a serial run finds them. `extra()`, if given, is
    one more task, taken last."""
    tasks = [(lang, name) for name in OUTPUTS for lang in langs]     # every poster first, the handouts last
    work = [lambda lang=lang, name=name: _layout(timeline, where, settings, lang, name) for lang, name in tasks]
    if extra is not None:
        work.append(extra)
    jobs = min(_cores(), len(tasks))
    if jobs <= 1 or not hasattr(os, "fork"):
        results = [task() for task in work]
    else:
        _import_layouts()       # once, before the fork
        results = _forked(work, jobs)
    order = {(lang, name): i for i, (lang, name) in enumerate((lang, name) for lang in langs
                                                               for name in ("poster", "deck", "handout"))}
    found = [p for _task, found in sorted(zip(tasks, results), key=lambda r: order[r[0]]) for p in found]
    return found, results[len(tasks)] if extra is not None else None


def _forked(tasks: list[Callable[[], object]], jobs: int) -> list:
    """`task()` for every task, here and in `jobs - 1` processes forked from this one, in task order.

    The tasks wait in a pipe, two bytes each, in the order given; each process takes the next by reading
    two bytes (an atomic read of a pipe), so one that finishes early takes more. A forked process sends
    its results back pickled and exits without cleanup; an exception (a bug) is carried back and raised here.
    """
    queue = forks.task_queue(list(range(len(tasks))))
    children: list[tuple[int, int]] = []        # (pid, read end of its results pipe)
    try:
        forks.fork(jobs - 1, lambda: (_take(tasks, queue), None), queue, children)
        try:
            results = _take(tasks, queue)
        except BaseException:
            forks.drain(queue)
            raise
        while children:
            found, error = forks.collect(*children[0], _stopped)
            children.pop(0)
            if error is not None:
                raise error
            results.update(found)
    except BaseException:
        forks.stop(children, signal.SIGTERM)     # their results are no longer wanted
        raise
    finally:
        os.close(queue)
    return [results[i] for i in range(len(tasks))]


def _take(tasks: list[Callable[[], object]], queue: int) -> dict[int, object]:
    """Run tasks taken from the queue until it is empty."""
    results = {}
    while (index := forks.next_task(queue)) is not None:
        results[index] = tasks[index]()
    return results


def _stopped(how: str) -> TimelineError:
    return TimelineError(f"a layout process stopped unexpectedly ({how})")


def _cores() -> int:
    return available_cores()


class Ahead:
    """`predict` in a process forked before the data is read, so its start overlaps the reading.

    While this process reads and loads the data, the forked one runs `warm()` (imports the layouts, opens
    the theme's fonts, for `settings_for` to find ready). `predict` sends it the timeline and the languages
    (pickled); it lays them out (forking again for another core) and sends back the problems, located by
    the questions they asked (`_Asking`, answered here), and what `extra(timeline)` returned (one more task
    beside the layouts), or the exception that stopped it, raised here. `close` stops it when its answer is not wanted (broken data, Ctrl-C).
    """

    def __init__(self, warm: Callable[[], object], settings_for: Callable[[Timeline], object],
                 extra: Callable[[Timeline], object]):
        data_in, self._data = os.pipe()
        _widen(self._data)
        self._children: list[tuple[int, int]] = []
        try:
            forks.fork(1, lambda: self._work(data_in, warm, settings_for, extra), None, self._children)
        except BaseException:
            self.close()
            raise
        finally:
            os.close(data_in)

    def _work(self, data_in: int, warm, settings_for, extra) -> tuple:
        """In the forked process: warm up, wait for the data, lay it out."""
        os.close(self._data)
        try:
            warm()
        except Exception:
            pass        # done again by settings_for, where the same error is raised as it would be without warming
        with os.fdopen(data_in, "rb", closefd=False) as handle:
            try:
                timeline, langs = pickle.load(handle)
            except EOFError:
                return None, None       # no data to lay out (it was broken)
            try:
                settings = settings_for(timeline)
                return _problems(timeline, _Asking(), settings, langs, True, lambda: extra(timeline)), None
            except Exception as exc:
                return None, exc

    def predict(self, timeline: Timeline, root: Located | None, langs: tuple[str, ...]) -> tuple[list[Problem], object]:
        """The problems of every output in every language, and what extra(timeline) returned."""
        try:
            with os.fdopen(self._data, "wb") as handle:
                self._data = None
                pickle.dump((timeline, langs), handle, protocol=pickle.HIGHEST_PROTOCOL)
        except BrokenPipeError:
            pass        # it stopped: collected below as such
        result, error = forks.collect(*self._children.pop(), _stopped)
        if error is not None:
            raise error
        gaps, rest, extra_result = result
        where = _Answers(root, timeline)
        return _dedupe(where.located(gaps)) + where.located(rest), extra_result

    def close(self) -> None:
        """Stop the forked process if it is still running (its answer is no longer wanted)."""
        if self._data is not None:
            os.close(self._data)
            self._data = None
        forks.stop(self._children, signal.SIGTERM)
        self._children.clear()


def _widen(pipe: int) -> None:
    """Room in the pipe for the whole timeline (Linux: up to 1 MiB), so sending it never waits for the reader."""
    try:
        import fcntl
        fcntl.fcntl(pipe, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


def ahead(warm: Callable[[], object], settings_for: Callable[[Timeline], object],
          extra: Callable[[Timeline], object]) -> Ahead | None:
    """An `Ahead` when this process may use more than one core and fork, else None."""
    if _cores() <= 1 or not hasattr(os, "fork"):
        return None
    return Ahead(warm, settings_for, extra)


def _import_layouts():
    from generator.layout import deck, handout, poster  # the layouts measure with the font files: imported late
    return {"poster": lambda tl, lang, s: poster.layout_poster(tl, lang, s.style, s.poster, draw=False),
            "deck": lambda tl, lang, s: deck.layout_deck(tl, lang, s.style, s.deck, draw=False),   # decisions only
            "handout": lambda tl, lang, s: handout.layout_handout(tl, lang, s.style, s.paper, draw=False)}


def _without(timeline: Timeline, chars: set[str]) -> Timeline:
    """The timeline with characters no font has replaced by '?', so the rest can still be laid out."""
    chars = {c for c in chars if len(c) == 1}
    if not chars:
        return timeline
    from generator.model import LocalText
    table = str.maketrans({c: "?" for c in chars})

    def clean(text: LocalText | None) -> LocalText | None:
        if text is None:
            return None
        return LocalText(tuple((lang, value.translate(table)) for lang, value in text.values), text.default)

    events = tuple(replace(e, title=clean(e.title), summary=clean(e.summary), display_date=clean(e.display_date),
                           group=clean(e.group)) for e in timeline.events)
    eras = tuple(replace(era, label=clean(era.label)) for era in timeline.eras)
    categories = tuple(replace(c, label=clean(c.label)) for c in timeline.categories)
    return replace(timeline, title=clean(timeline.title), subtitle=clean(timeline.subtitle), events=events,
                   eras=eras, categories=categories)


def font_gaps(timeline: Timeline, where: Locator, style, langs: tuple[str, ...]) -> tuple[list[Problem], set[str]]:
    """Characters no installed font has, at the text that holds them (each character once per field), and
    the set of them (characters, or emoji clusters)."""
    missing: dict[tuple[str, str], list[str]] = {}
    from generator.coverage import undrawable       # the font files: not needed before the data is read
    known: dict[str, dict[str, bool]] = {lang: {} for lang in langs}     # per language: unit -> drawable

    def gap(text: str, lang: str) -> list[str]:
        key = (text, lang)
        if key not in missing:
            missing[key] = undrawable(text, style.fonts.chain("body", lang), known[lang])
        return missing[key]

    problems: list[Problem] = []

    def check(text: LocalText | None, located) -> None:
        if text is None:
            return
        for lang in langs:
            chars = gap(text.get(lang), lang)
            if chars:
                at, path = located(lang)
                shown = ", ".join(f"'{c}' ({' '.join(f'U+{ord(x):04X}' for x in c)})" for c in chars[:5])
                problems.append(Problem(at, path, f"no installed font has {shown}: every output in {lang} "
                                                  "would fail; install a font that has it, or remove it"))

    check(timeline.title, lambda lang: where.top("title", lang))
    check(timeline.subtitle, lambda lang: where.top("subtitle", lang))
    for event in timeline.events:
        for key in ("title", "summary", "display_date", "group"):
            check(getattr(event, key), lambda lang, key=key, e=event: where.item(e.where, key, lang))
    for era in timeline.eras:
        check(era.label, lambda lang, era=era: where.item(era.where, "label", lang))
    for category in timeline.categories:
        check(category.label, lambda lang, c=category: where.item(c.where, "label", lang))
    return _dedupe(problems), {unit for units in missing.values() for unit in units}


def implausible_dates(timeline: Timeline, where: Locator) -> list[Problem]:
    """Warnings for spans longer than 3,000 years (without a display_date) and years past 2200."""
    problems = []
    for event in timeline.events:
        if event.end is not None and not event.open_end and event.display_date is None:
            years = event.end.end_decimal() - event.date.as_decimal()
            if years > LONG_SPAN_YEARS and event.date.year > -100_000:  # deep time (geology, cosmology) is long
                at, path = where.item(event.where, "end")
                problems.append(Problem(at, path, f"the event lasts {years:,.0f} years ({event.date} to {event.end}): "
                                                  "a typo? if it is meant, give it a display_date", warning=True))
        for key in ("date", "end"):
            date = getattr(event, key)
            if date is not None and date.year > LATEST_PLAUSIBLE_YEAR and not (key == "end" and event.open_end):
                at, path = where.item(event.where, key)
                problems.append(Problem(at, path, f"the year {date.year} is after {LATEST_PLAUSIBLE_YEAR}: a typo?",
                                        warning=True))
    return problems


def layouts(timeline: Timeline, where: Locator, settings, lang: str) -> list[Problem]:
    """Lay out the poster, the deck and the handout in one language, as the builds would."""
    return [p for name in ("poster", "deck", "handout") for p in _layout(timeline, where, settings, lang, name)]


def _layout(timeline: Timeline, where: Locator, settings, lang: str, name: str) -> list[Problem]:
    """One output laid out in one language, as its build would: what would fail or be shortened."""
    try:
        doc = _import_layouts()[name](timeline, lang, settings)
    except TimelineError as exc:        # LayoutError, FontError and any other error of ours
        at, path = _blame(str(exc), timeline, where, lang)
        return [Problem(at, path, f"the {name} ({lang}) would fail: {exc}")]
    return _shortenings(doc, name, timeline, where, lang)


def _shortenings(doc, name: str, timeline: Timeline, where: Locator, lang: str) -> list[Problem]:
    """What the layout says it shortened to fit (dropped summaries, compact labels, small type), each at
    one field: the first event's summary that is left out, the first title shown as a compact label,
    and the `events` list for what concerns the whole sheet (rows, lanes, type size)."""
    placements = getattr(doc, "placements", ()) or ()
    by_id = {e.id: e for e in timeline.events}
    dropped = [p.event for p in placements if p.has_summary and not p.summary_kept]
    labels = [p.event for p in placements if p.rung == "label"]
    problems = []
    for notice in getattr(doc, "notices", ()):
        first, key = None, ""
        if "summaries left out" in notice and dropped:
            first, key = by_id.get(dropped[0]), "summary"
        elif "compact labels" in notice and labels:
            first, key = by_id.get(labels[0]), "title"
        at, path = where.item(first.where, key, lang) if first is not None else where.top("events")
        more = "; the first is this one" if first is not None else ""
        problems.append(Problem(at, path, f"the {name} ({lang}) is shortened: {notice}{more}", warning=True))
    return problems


_FIELD = re.compile(r"\bthe (title|summary|date|display_date|group) of event (\S+) \(")


def _blame(message: str, timeline: Timeline, where: Locator, lang: str = "") -> tuple[Where, str]:
    """The one data field a layout error is about: an event's title, summary or date, an era's label,
    the timeline's title or subtitle, or the `events` list for a sheet too small for all of them."""
    by_id = {e.id: e for e in timeline.events}
    m = _FIELD.search(message)
    if m and m[2] in by_id:
        event = by_id[m[2]]
        key = "display_date" if m[1] == "date" and event.display_date is not None else m[1]
        return where.item(event.where, key, lang)
    m = re.search(r"\bevent ([^\s:,]+)", message)
    if m and m[1] in by_id:
        event = by_id[m[1]]
        return where.item(event.where, "summary" if event.summary is not None else "title", lang)
    m = re.search(r'\bthe era "(.*)" is', message)
    era = next((e for e in timeline.eras if m and e.label is not None and e.label.get(lang) == m[1]), None)
    if era is not None:
        return where.item(era.where, "label", lang)
    for key in ("subtitle", "title"):
        if re.search(rf"\bthe {key}\b", message) and getattr(timeline, key) is not None:
            return where.top(key, lang)
    return where.top("events")


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (p.where, p.path, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def derived_ids(timeline: Timeline, where: Locator) -> list[tuple[Where, str, Event]]:
    """The ids made from date and title, for `check --ids`."""
    return [(where.item(e.where)[0], where.item(e.where)[1], e) for e in timeline.events if e.derived_id]
