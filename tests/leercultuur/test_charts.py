"""Inline SVG charts: valid, accessible, escaped, proportional, and free of inline styles."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.safestring import SafeString
from hypothesis import given
from hypothesis import strategies as st

from leercultuur.charts import bar_chart, paired_bar_chart

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(\"x\")</script> & 'co'"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to prove it is valid XML


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def bars(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}rect"))


def assert_accessible(root: ET.Element) -> None:
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 ")
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    title = ids[root.get("aria-labelledby")]
    desc = ids[root.get("aria-describedby")]
    assert title.tag == f"{SVG}title"
    assert title.text
    assert desc.tag == f"{SVG}desc"
    assert desc.text


def assert_no_inline_style(root: ET.Element) -> None:
    """The Content-Security-Policy forbids inline styles and scripts."""
    for element in root.iter():
        assert "style" not in element.attrib
        assert element.tag not in {f"{SVG}style", f"{SVG}script"}


def test_bar_chart_is_valid_accessible_svg() -> None:
    svg = bar_chart(
        "Scores per dimensie", [("Strategie", Decimal("3.25")), ("Loopbaan", 2)], maximum=5
    )

    assert isinstance(svg, SafeString)
    root = parse(svg)
    assert_accessible(root)
    assert_no_inline_style(root)
    assert "style=" not in svg
    assert root.find(f"{SVG}title").text == "Scores per dimensie"  # type: ignore[union-attr]
    assert "Strategie" in texts(root)
    assert "Loopbaan" in texts(root)


def test_labels_and_title_are_escaped() -> None:
    svg = bar_chart(HOSTILE, [(HOSTILE, 1)], maximum=5, unit="<b>")

    assert "<script" not in svg
    assert "<b>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == HOSTILE  # type: ignore[union-attr]
    assert HOSTILE in texts(root)
    assert HOSTILE in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


def test_bar_widths_are_proportional_to_the_values() -> None:
    root = parse(bar_chart("Uren", [("a", 1), ("b", 2), ("c", 4), ("d", 0)], maximum=4))

    widths = [float(rect.get("width", "")) for rect in bars(root)]

    assert len(widths) == 3  # zero draws no bar
    assert widths[1] == pytest.approx(2 * widths[0], abs=0.2)
    assert widths[2] == pytest.approx(4 * widths[0], abs=0.2)
    assert {rect.get("x") for rect in bars(root)} == {bars(root)[0].get("x")}


def test_values_beyond_the_scale_are_clipped_but_labelled() -> None:
    root = parse(
        bar_chart("Uren", [("binnen", 120), ("erover", 150), ("negatief", -3)], maximum=120)
    )

    full, over = (float(rect.get("width", "")) for rect in bars(root))
    assert over == full
    assert {"150", "-3"} <= set(texts(root))


def test_none_is_a_dash_without_a_bar() -> None:
    with translation.override("en"):
        svg = bar_chart("Scores", [("Strategie", None), ("Loopbaan", Decimal("4.00"))], maximum=5)

    root = parse(svg)
    assert len(bars(root)) == 1
    assert "–" in texts(root)
    assert "Strategie: no value" in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


def test_not_a_number_is_no_value() -> None:
    root = parse(bar_chart("Scores", [("a", float("nan")), ("b", Decimal("Infinity"))], maximum=5))

    assert bars(root) == []
    assert texts(root).count("–") == 2


def test_values_use_the_active_languages_decimal_separator() -> None:
    rows: list[tuple[str, Decimal | float]] = [("Strategie", Decimal("3.25")), ("Uren", 2.5)]

    with translation.override("nl"):
        dutch = texts(parse(bar_chart("Scores", rows, maximum=5)))
    with translation.override("en"):
        english = texts(parse(bar_chart("Scores", rows, maximum=5)))

    assert {"3,25", "2,50"} <= set(dutch)
    assert {"3.25", "2.50"} <= set(english)


def test_decimals_round_half_up_and_units_follow_the_value() -> None:
    with translation.override("nl"):
        root = parse(
            bar_chart(
                "Uren", [("a", Decimal("1.666")), ("b", Decimal("0.125"))], maximum=5, decimals=2
            )
        )
        percent = parse(bar_chart("Deelname", [("mbo", 75)], maximum=100, unit="%"))
        hours = parse(bar_chart("Uren", [("coach", 12)], maximum=120, unit="uur"))

    assert {"1,67", "0,13"} <= set(texts(root))
    assert "75%" in texts(percent)
    assert "12\u00a0uur" in texts(hours)


def test_two_charts_on_one_page_have_different_ids() -> None:
    first = parse(bar_chart("Scores", [("a", 1)], maximum=5))
    second = parse(bar_chart("Scores", [("a", 1)], maximum=5))

    first_ids = {element.get("id") for element in first.iter() if element.get("id")}
    second_ids = {element.get("id") for element in second.iter() if element.get("id")}
    assert first_ids
    assert not first_ids & second_ids
    assert first.get("aria-labelledby", "").startswith("chart-scores-")


def test_paired_chart_shows_both_values_per_row() -> None:
    rows = [
        ("Strategie", Decimal("2.50"), Decimal("3.75")),
        ("Leiderschap", None, Decimal("4.00")),
        ("Loopbaan", Decimal("3.00"), None),
    ]
    with translation.override("nl"):
        svg = paired_bar_chart(
            "Nulmeting en eindmeting", rows, maximum=5, legend=("Nulmeting", "Eindmeting")
        )

    root = parse(svg)
    assert_accessible(root)
    assert_no_inline_style(root)
    swatches, data = bars(root)[:2], bars(root)[2:]
    assert {swatch.get("width") for swatch in swatches} == {"12"}
    assert len(data) == 4  # two for the first row, one each for the others
    first_baseline, first_final = (float(rect.get("width", "")) for rect in data[:2])
    assert first_final == pytest.approx(first_baseline * 3.75 / 2.5, abs=0.2)
    assert data[0].get("fill") != data[1].get("fill")
    assert {"Nulmeting", "Eindmeting", "2,50", "3,75", "–"} <= set(texts(root))
    desc = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert "Strategie: Nulmeting 2,50, Eindmeting 3,75" in desc


def test_paired_chart_escapes_its_legend() -> None:
    svg = paired_bar_chart("T", [("a", 1, 2)], maximum=5, legend=(HOSTILE, "<i>"))

    assert "<script" not in svg
    assert "<i>" not in svg
    assert HOSTILE in texts(parse(svg))


def test_empty_chart_is_still_valid() -> None:
    with translation.override("en"):
        root = parse(bar_chart("Nog geen scores", [], maximum=5))

    assert_accessible(root)
    assert bars(root) == []
    assert root.find(f"{SVG}desc").text == "No data."  # type: ignore[union-attr]


@pytest.mark.parametrize("maximum", [0, -1, Decimal("NaN"), float("inf")])
def test_maximum_must_be_a_positive_number(maximum: Decimal | float) -> None:
    with pytest.raises(ValueError, match="maximum"):
        bar_chart("Scores", [("a", 1)], maximum=maximum)


@given(
    title=st.text(),
    labels=st.lists(st.text(), max_size=5),
    legend=st.tuples(st.text(), st.text()),
    values=st.lists(
        st.none() | st.integers() | st.floats() | st.decimals(allow_nan=False), min_size=5
    ),
)
def test_any_text_gives_valid_xml(
    title: str,
    labels: list[str],
    legend: tuple[str, str],
    values: list[Decimal | float | int | None],
) -> None:
    single = bar_chart(title, list(zip(labels, values, strict=False)), maximum=5)
    paired = paired_bar_chart(
        title,
        [(label, values[0], values[1]) for label in labels],
        maximum=Decimal("4.5"),
        legend=legend,
    )

    for svg in (single, paired):
        root = parse(svg)
        assert_no_inline_style(root)
        assert root.get("role") == "img"
