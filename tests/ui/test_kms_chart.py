"""The KMS chart as a kader and a mother read it: WHO lines for the child's sex, each weighing
where it belongs, N and T beside the points; the same picture on screen and in a PNG."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from lifecycle_steps import near
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kader_app.ui.kms_chart import (
    BAND_COLOUR,
    LINE_COLOUR,
    MARK_COLOUR,
    POINT_COLOUR,
    KmsChart,
    kms_frame,
    kms_texts,
    render_kms,
    save_kms_png,
)
from screening.rules.antropometri_balita import AntropometriBalitaInput
from screening.rules.growth import lms_for_age
from screening.rules.kms_curves import KmsCurves, growth_points, kms_curves, weight_marks
from screening.rules.section import Earlier

BORN = date(2025, 1, 10)
# A year of monthly weighings of a boy: gaining, then two months without gain, then gaining.
KG = ("3.3", "4.4", "5.5", "6.3", "6.9", "7.4", "7.8", "7.8", "7.85", "8.3", "8.6", "8.9", "9.2")
WEIGHINGS = [(BORN + timedelta(days=3 + 30 * i), Decimal(kg)) for i, kg in enumerate(KG)]
SIZE = (800, 480)


def _chart(sex: str = "L") -> KmsCurves:
    marks = weight_marks(BORN, WEIGHINGS)
    return kms_curves("wfa", sex=sex, birth_date=BORN, measurements=WEIGHINGS, marks=marks)


def _picture(curves: KmsCurves) -> QImage:
    return render_kms(curves, width=SIZE[0], height=SIZE[1])


def test_each_weighing_is_drawn_at_its_age_and_weight(qapp: object) -> None:
    curves = _chart()
    picture = _picture(curves)
    frame = kms_frame(curves, QRectF(0, 0, *SIZE))
    assert curves.months == 24 and len(curves.points) == len(WEIGHINGS)
    for point, (on, kg) in zip(curves.points, WEIGHINGS, strict=True):
        assert point.month == (on - BORN).days / (487 / 16) and point.value == float(kg)
        at = frame.at(point.month, point.value)
        assert picture.pixelColor(round(at.x()), round(at.y())).name() == POINT_COLOUR
    # Well away from the points and the lines, the band between −2 and +2 is green.
    month = 20.5  # between two grid lines, as the value below is
    low, high = curves.curve(-2).value_at(month), curves.curve(0).value_at(month)
    between = int((low + high) / 2) + 0.5
    assert low < between < high
    at = frame.at(month, between)
    assert picture.pixelColor(round(at.x()), round(at.y())).name() == BAND_COLOUR["middle"]


def test_the_z_lines_are_the_who_tables_for_the_childs_sex(qapp: object) -> None:
    boy, girl = _chart("L"), _chart("P")
    boy_picture, girl_picture = _picture(boy), _picture(girl)
    frame = kms_frame(boy, QRectF(0, 0, *SIZE))
    day = 600  # past the last weighing, so no point or mark is near the lines
    month = day / (487 / 16)
    for z in (-3, -2, 0, 2, 3):
        lms = lms_for_age("wfa", "L", day)
        assert lms is not None
        at = frame.at(month, lms.sd(z))
        assert near(boy_picture, at.x(), at.y(), LINE_COLOUR[z], radius=1), z
    # The boy's median at 600 days is not on the girl's chart: hers is lower.
    median = lms_for_age("wfa", "L", day)
    assert median is not None
    girl_frame = kms_frame(girl, QRectF(0, 0, *SIZE))
    at = girl_frame.at(month, median.m)
    assert not near(girl_picture, at.x(), at.y(), LINE_COLOUR[0], radius=1)
    girls_median = lms_for_age("wfa", "P", day)
    assert girls_median is not None and girls_median.m < median.m
    at = girl_frame.at(month, girls_median.m)
    assert near(girl_picture, at.x(), at.y(), LINE_COLOUR[0], radius=1)


def test_each_weighing_is_marked_n_or_t_as_the_trend_rule_marks_it(qapp: object) -> None:
    curves = _chart()
    marks = [p.mark for p in curves.points]
    assert marks == ["B", "N", "N", "N", "N", "N", "N", "T", "2T", "N", "N", "N", "N"]
    picture = _picture(curves)
    frame = kms_frame(curves, QRectF(0, 0, *SIZE))

    def letter_colours(index: int) -> set[str]:
        point = curves.points[index]
        centre = frame.at(point.month, point.value)
        found = set()
        for x in range(round(centre.x()) - 12, round(centre.x()) + 13):
            for y in range(round(centre.y()) - 24, round(centre.y()) - 10):
                found.add(picture.pixelColor(x, y).name())
        return found

    assert MARK_COLOUR["T"] in letter_colours(7)  # not gained: in red above the point
    assert MARK_COLOUR["N"] in letter_colours(6)
    assert MARK_COLOUR["T"] not in letter_colours(6)


def test_the_chart_is_saved_as_a_png_with_the_same_picture(qapp: object, tmp_path: Path) -> None:
    curves = _chart()
    path = tmp_path / "kms.png"
    save_kms_png(curves, path)
    saved = QImage(str(path))
    assert (saved.width(), saved.height()) == SIZE
    drawn = _picture(curves)
    frame = kms_frame(curves, QRectF(0, 0, *SIZE))
    for point in curves.points:
        at = frame.at(point.month, point.value)
        x, y = round(at.x()), round(at.y())
        assert saved.pixelColor(x, y).name() == drawn.pixelColor(x, y).name() == POINT_COLOUR


def test_length_for_age_plots_lengths_as_who_does_past_two_years(qapp: object) -> None:
    visits = [
        Earlier(BORN + timedelta(days=400), {"antropometri_balita": AntropometriBalitaInput(
            weight_kg=Decimal("9.8"), length_cm=Decimal("76.0"), position="recumbent")}),
        Earlier(BORN + timedelta(days=900), {"antropometri_balita": AntropometriBalitaInput(
            weight_kg=Decimal("12.1"), length_cm=Decimal("88.0"), position="recumbent")}),
    ]  # fmt: skip
    weights, lengths = growth_points(visits, BORN)
    assert [w for _, w in weights] == [Decimal("9.8"), Decimal("12.1")]
    # Lying down from 24 months: 0.7 cm taken off, as the z-score uses it.
    assert [cm for _, cm in lengths] == [Decimal("76.0"), Decimal("87.3")]
    curves = kms_curves("lhfa", sex="P", birth_date=BORN, measurements=lengths)
    assert curves.months == 60 and curves.tick == 5
    assert kms_texts(curves).unit == "cm"
    assert kms_texts(curves).title == "Panjang/tinggi badan menurut umur (PB/U, TB/U) · Perempuan"
    picture = _picture(curves)
    frame = kms_frame(curves, QRectF(0, 0, *SIZE))
    for point in curves.points:
        at = frame.at(point.month, point.value)
        assert picture.pixelColor(round(at.x()), round(at.y())).name() == POINT_COLOUR


def test_the_widget_shows_the_same_picture_and_nothing_without_a_known_sex(
    qtbot: QtBot,
) -> None:
    chart = KmsChart()
    qtbot.addWidget(chart)
    chart.resize(*SIZE)
    chart.set_curves(_chart())
    chart.show()
    qtbot.waitExposed(chart)
    frame = chart.frame()
    curves = chart.curves()
    assert frame is not None and curves is not None
    assert chart.accessibleName() == "Berat badan menurut umur (BB/U) · Laki-laki"
    shown = chart.grab().toImage()
    ratio = shown.devicePixelRatio()
    for point in curves.points:
        at = frame.at(point.month, point.value)
        assert near(shown, at.x() * ratio, at.y() * ratio, POINT_COLOUR, radius=1)
    unknown = kms_curves("wfa", sex="", birth_date=BORN, measurements=WEIGHINGS)
    chart.set_curves(unknown)
    assert chart.curves() is None and chart.isHidden()
