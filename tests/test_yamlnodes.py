"""The located YAML tree: one pass for an ordinary file, the same tree and the same first error as the
two passes (`_check_size`, then `_convert`) for every file, hostile ones included."""

from __future__ import annotations

import random

import pytest

import synthetic
from generator import yamlnodes
from generator.errors import DataError


def _two_passes(text: str):
    """The reference: the size check over the composed nodes, then the conversion."""
    try:
        loader = yamlnodes.Loader(text)
        root = loader.get_single_node()
        loader.dispose()
        if root is None:
            return "error", ["f.yaml: file is empty"]
        yamlnodes._check_size(root, "f.yaml")
        return "tree", yamlnodes._convert(root, "f.yaml", yamlnodes.Loader(""))
    except DataError as exc:
        return "error", [str(p) for p in exc.problems]


def _parsed(text: str):
    try:
        return "tree", yamlnodes.parse(text, "f.yaml")
    except DataError as exc:
        return "error", [str(p) for p in exc.problems]


HOSTILE = [
    "a: 1\na: 2\n",
    "a: &x [1, 2]\nb: *x\n",
    "a: &x {k: v}\nb: {!!merge <<: *x, c: 1}\n",
    "a: &x {k: v}\nb: {<<: *x, c: 1}\n",
    "&a [*a]",
    "a: !!python/object {}\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!int 0x1F\nb: !!int nonsense\nc: !!float 1e3\nd: !!str 12\ne: !!timestamp 2001-02-03\n",
    "? [a, b]\n: c\n",
    "a: 2013-03-05\nb: yes\nc: 0x7DD\nd: 1_000\ne: 33:33\nf: ~\ng: ''\nh: .5\ni: True\n",
    "{a: 1, a: 2}",
    "b: !!python/name:os.system\nc: " + "[" * 70 + "]" * 70,
    "b: {a: 1, a: 2}\nc: " + "[" * 70 + "]" * 70,
    "[" * 64 + "]" * 64,
    "[" * 65 + "]" * 65,
    "a: " + "{b: " * 63 + "1" + "}" * 63,
    "a: " + "{b: " * 64 + "1" + "}" * 64,
    "x: &d " + "[" * 30 + "1" + "]" * 30 + "\ny: " + "[" * 40 + "*d" + "]" * 40 + "\n",
    synthetic.alias_bomb(),
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_documents_read_as_the_two_passes_read_them(text):
    assert _parsed(text) == _two_passes(text)


# At the limit of values (lowered to 1,000 here, to stay quick): a map of 499 keys and values and itself
# is 999 values, 500 pairs are 1,001; an alias counts every time it is used.
AT_THE_LIMIT = [
    "{" + ",".join(f"k{i}: {i}" for i in range(499)) + "}",
    "{" + ",".join(f"k{i}: {i}" for i in range(500)) + "}",
    "a: &a [" + ",".join(["1"] * 10) + "]\nb: [" + ",".join(["*a"] * 88) + "]\n",
    "a: &a [" + ",".join(["1"] * 10) + "]\nb: [" + ",".join(["*a"] * 89) + "]\n",
    "a: &a [" + ",".join(["1"] * 10) + "]\nb: [" + ",".join(["*a"] * 90) + "]\n",
]


@pytest.mark.parametrize("text", AT_THE_LIMIT, ids=range(len(AT_THE_LIMIT)))
def test_documents_at_the_limit_of_values_read_as_the_two_passes_read_them(text, monkeypatch):
    monkeypatch.setattr(yamlnodes, "MAX_NODES", 1000)
    assert _parsed(text) == _two_passes(text)


def test_the_limit_cases_fall_on_both_sides(monkeypatch):
    monkeypatch.setattr(yamlnodes, "MAX_NODES", 1000)
    kinds = [_parsed(text)[0] for text in AT_THE_LIMIT]
    assert kinds == ["tree", "error", "tree", "tree", "error"], kinds


def test_random_documents_read_as_the_two_passes_read_them():
    tokens = ["a", "b", ":", " ", "\n", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "!!str ", "!!int ", "? ",
              "'", '"', "#", "  ", "1", "2001-01-01", "<<", "true", "~", "|", ">", "---", "!!merge "]
    rng = random.Random(13)
    trees = 0
    for _ in range(3000):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 30)))
        try:
            expected = _two_passes(text)
        except Exception:       # not YAML at all: parse reports it as such (tested elsewhere)
            continue
        assert _parsed(text) == expected, text
        trees += expected[0] == "tree"
    assert trees > 300          # the random documents are not all broken


def test_generated_and_bundled_data_read_as_the_two_passes_read_them(tmp_path):
    for path in (synthetic.write(synthetic.large(1000), tmp_path / "large.yaml"),
                 yamlnodes.Path(__file__).parent.parent / "data" / "container-history.yaml"):
        text = path.read_text(encoding="utf-8")
        parsed = _parsed(text)
        assert parsed[0] == "tree" and parsed == _two_passes(text)


@pytest.mark.parametrize("tagged", ["!!timestamp nonsense", "!!timestamp 2001-02", "!!int 12x", "!!float x"])
def test_a_plain_tag_on_a_value_it_does_not_fit_is_no_internal_error(tmp_path, tagged):
    """PyYAML raises AttributeError for `!!timestamp nonsense`: the value is read as its text, as for `!!int 12x`,
    and `check` judges it like any other title."""
    from click.testing import CliRunner
    from generator.cli import main
    path = tmp_path / "tagged.yaml"
    path.write_text(f"title: T\nevents:\n  - date: 2001\n    title: {tagged}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-layout", str(path)])
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output
