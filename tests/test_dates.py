"""Partial dates: parsing, BCE years, ordering, the decimal scale, formatting and spans."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.load import load
from generator.model import DateFormatError, Era, Event, LocalText, PartialDate, Timeline

P = PartialDate


# --- parsing ---------------------------------------------------------------------


@pytest.mark.parametrize("text, year, month, day, precision", [
    ("2013", 2013, None, None, "year"),
    ("2013-03", 2013, 3, None, "month"),
    ("2013-03-26", 2013, 3, 26, "day"),
    ("-500", -500, None, None, "year"),
    ("-44-03-15", -44, 3, 15, "day"),
    ("1", 1, None, None, "year"),
    ("999999", 999_999, None, None, "year"),
    (" 2013-03 ", 2013, 3, None, "month"),
    ("2020-02-29", 2020, 2, 29, "day"),
    ("2000-02-29", 2000, 2, 29, "day"),
    ("-1-02-29", -1, 2, 29, "day"),  # 1 BCE is astronomical year 0: a leap year
])
def test_parse_partial_dates(text, year, month, day, precision):
    date = P.parse(text)
    assert (date.year, date.month, date.day) == (year, month, day)
    assert date.precision == precision


@pytest.mark.parametrize("text", ["2013", "2013-03", "2013-03-26", "-500", "-500-01"])
def test_str_round_trips(text):
    assert str(P.parse(text)) == text


@pytest.mark.parametrize("text, reason", [
    ("2013-13", "month 13 is not 1-12"),
    ("2013-00", "month 0 is not 1-12"),
    ("2013-02-30", "February has no day 30"),
    ("2019-02-29", "February has no day 29"),
    ("1900-02-29", "February has no day 29"),  # divisible by 100, not by 400
    ("-2-02-29", "February has no day 29"),  # 2 BCE is astronomical -1: not leap
    ("2013-04-31", "April has no day 31"),
    ("2013-01-00", "January has no day 0"),
    ("0", "there is no year 0"),
    ("-0", "there is no year 0"),
    ("March 2013", None),
    ("2013.5", None),
    ("2013-3", None),
    ("2013/03", None),
    ("13-03-2013", None),
    ("1000000", None),
    ("", None),
])
def test_parse_refuses_bad_dates(text, reason):
    with pytest.raises(DateFormatError) as err:
        P.parse(text)
    message = str(err.value)
    assert f'"{text}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)' in message
    if reason is not None:
        assert reason in message
    else:                               # not a date at all: no calendar reason is given
        assert " is not 1-12" not in message and " has no day " not in message and "no year 0" not in message


def test_date_format_error_is_a_value_error():
    assert issubclass(DateFormatError, ValueError)


# --- ordering --------------------------------------------------------------------


def test_ordering_is_year_then_month_then_day():
    """Order by (year, month or 0, day or 0): a bare year sorts before its months."""
    assert P(2013) < P(2013, 1) < P(2013, 1, 1) < P(2013, 1, 2) < P(2013, 2) < P(2014)
    assert P(2013, 3) > P(2013)
    assert P(2013, 3) <= P(2013, 3)
    assert P(2013) != P(2013, 1)
    assert P(2013, 3) == P.parse("2013-03")


def test_bce_sorts_before_ce():
    dates = [P(1), P(-1), P(2013), P(-500), P(-500, 6), P(-44, 3, 15)]
    assert sorted(dates) == [P(-500), P(-500, 6), P(-44, 3, 15), P(-1), P(1), P(2013)]


def test_dates_are_hashable_and_frozen():
    assert len({P(2013), P.parse("2013"), P(2013, 3)}) == 2
    with pytest.raises(AttributeError):
        P(2013).year = 2014  # type: ignore[misc]


# --- decimal scale -----------------------------------------------------------------


def test_as_decimal_is_monotonic_including_bce():
    dates = sorted([P(-500), P(-500, 12, 31), P(-2), P(-1), P(-1, 7), P(1), P(1, 1, 2), P(2012, 2, 29),
                    P(2012, 3), P(2013), P(2013, 3), P(2013, 3, 26), P(2013, 12, 31), P(2014)])
    values = [d.as_decimal() for d in dates]
    assert values == sorted(values)
    assert len(set(values)) == len(values)


def test_no_year_zero_between_1_bce_and_1_ce():
    assert P(1).as_decimal() - P(-1).as_decimal() == pytest.approx(1.0)
    assert P(-1).as_decimal() - P(-2).as_decimal() == pytest.approx(1.0)
    assert P(-500).as_decimal() == pytest.approx(-499.0)


def test_as_decimal_places_months_and_days_inside_the_year():
    assert P(2013).as_decimal() == 2013.0
    assert P(2013, 1).as_decimal() == 2013.0
    assert P(2013, 1, 1).as_decimal() == 2013.0
    assert P(2013, 7, 2).as_decimal() == pytest.approx(2013 + 182 / 365)
    assert 2013 < P(2013, 12, 31).as_decimal() < 2014


@pytest.mark.parametrize("date, following", [
    (P(2013), P(2014)),
    (P(2013, 12), P(2014)),
    (P(2013, 12, 31), P(2014)),
    (P(2013, 3), P(2013, 4)),
    (P(-1), P(1)),
])
def test_end_decimal_reaches_the_next_period(date, following):
    assert date.end_decimal() == pytest.approx(following.as_decimal())


@pytest.mark.parametrize("date, following", [
    (P(2012, 12), P(2013)),
    (P(2012, 12, 31), P(2013)),
], ids=["leap-month", "leap-day"])
def test_end_decimal_in_a_leap_year_stops_at_the_next_period(date, following):
    assert date.end_decimal() <= following.as_decimal()


def test_era_ending_in_a_leap_december_does_not_hold_the_next_year():
    text = LocalText.of("x")
    earlier = Era("earlier", text, P(2010), P(2012, 12))
    later = Era("later", text, P(2013), P(2014))
    event = Event("e", P(2013), text)
    timeline = Timeline(text, ("en",), (event,), eras=(earlier, later))
    assert timeline.era_of(event) is later


def test_era_of_uses_whole_end_year():
    text = LocalText.of("x")
    era = Era("e", text, P(2008), P(2012))
    inside, after = Event("a", P(2012, 12, 31), text), Event("b", P(2013), text)
    timeline = Timeline(text, ("en",), (inside, after), eras=(era,))
    assert timeline.era_of(inside) is era
    assert timeline.era_of(after) is None


# --- formatting ------------------------------------------------------------------


@pytest.mark.parametrize("date, en, ko", [
    (P(2013), "2013", "2013년"),
    (P(2013, 3), "Mar 2013", "2013년 3월"),
    (P(2013, 3, 26), "26 Mar 2013", "2013년 3월 26일"),
    (P(-500), "500 BCE", "기원전 500년"),
    (P(-44, 3), "Mar 44 BCE", "기원전 44년 3월"),
    (P(-1), "1 BCE", "기원전 1년"),
    (P(2000, 12), "Dec 2000", "2000년 12월"),
])
def test_format_in_english_and_korean(date, en, ko):
    assert date.format("en") == en
    assert date.format("ko") == ko


def test_other_languages_fall_back_to_the_english_form():
    assert P(2013, 3).format("de") == "Mar 2013"


# --- spans and date labels -----------------------------------------------------------


def _event(**fields) -> Event:
    return Event(id="e", date=fields.pop("date"), title=LocalText.of("x"), **fields)


def test_point_event_label_is_the_formatted_date():
    event = _event(date=P(2013, 3))
    assert event.date_label("en") == "Mar 2013"
    assert event.date_label("ko") == "2013년 3월"


def test_span_label_joins_start_and_end_with_an_en_dash():
    event = _event(date=P(2013, 3), end=P(2014))
    assert event.date_label("en") == "Mar 2013 – 2014"
    assert event.date_label("ko") == "2013년 3월 – 2014년"


def test_bce_span_label():
    event = _event(date=P(-500), end=P(-400))
    assert event.date_label("en") == "500 BCE – 400 BCE"
    assert event.date_label("ko") == "기원전 500년 – 기원전 400년"


def test_display_date_replaces_the_label():
    shown = LocalText.of({"en": "Spring 2013", "ko": "2013년 봄"}, "en")
    event = _event(date=P(2013, 3), end=P(2014), display_date=shown)
    assert event.date_label("en") == "Spring 2013"
    assert event.date_label("ko") == "2013년 봄"
    assert event.date_label("fr") == "Spring 2013"


# --- YAML 1.1 and 1.2 forms through the loader -----------------------------------------


@pytest.mark.parametrize("written, expected", [
    ("2013", P(2013)),                 # YAML 1.1 and 1.2: int
    ('"2013"', P(2013)),               # quoted: str
    ("2013-03", P(2013, 3)),           # str in both
    ("'2013-03'", P(2013, 3)),
    ("2013-03-26", P(2013, 3, 26)),    # YAML 1.1: datetime.date
    ('"2013-03-26"', P(2013, 3, 26)),  # YAML 1.2 (editors): str
    ("2013-03-26 10:30:00", P(2013, 3, 26, 10, 30)),  # YAML 1.1 timestamp: datetime.datetime, to the minute
    ("-500", P(-500)),
    ('"-500"', P(-500)),
    ("-44-03-15", P(-44, 3, 15)),
], ids=lambda v: v if isinstance(v, str) else None)
def test_loader_accepts_yaml_11_and_12_date_forms(written, expected, write_yaml):
    path = write_yaml(f"title: T\nevents:\n  - {{id: a, date: {written}, title: x}}\n")
    event = load(path).events[0]
    assert event.date == expected
    assert type(event.date.year) is int


def test_yaml_11_types_are_what_the_loader_sees():
    """Guard the premise: PyYAML really does turn these into int and datetime.date."""
    import yaml
    data = yaml.safe_load("a: 2013\nb: 2013-03-26\nc: 2013-03")
    assert data == {"a": 2013, "b": dt.date(2013, 3, 26), "c": "2013-03"}


def test_loader_sorts_events_and_keeps_spans(write_yaml):
    path = write_yaml("""\
        title: T
        events:
          - {id: late, date: 2014, title: x}
          - {id: month, date: 2013-03, end: 2013-06-30, title: x}
          - {id: year, date: 2013, title: x}
          - {id: bce, date: -500, end: -1, title: x}
          - {id: day, date: 2013-03-01, title: x}
        """)
    timeline = load(path)
    assert [e.id for e in timeline.events] == ["bce", "year", "month", "day", "late"]
    spans = {e.id: e.end for e in timeline.events}
    assert spans["month"] == P(2013, 6, 30)
    assert spans["bce"] == P(-1)
    assert spans["late"] is None


def test_end_equal_to_start_is_allowed(write_yaml):
    path = write_yaml("title: T\nevents:\n  - {id: a, date: 2013-03, end: 2013-03, title: x}\n")
    assert load(path).events[0].end == P(2013, 3)
