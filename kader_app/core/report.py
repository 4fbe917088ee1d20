"""The monthly Posyandu report: counts per age group and sex, each class, referrals; XLSX and HTML.

Qt-free and read-only: figures come from `report_queries` over the Register's engine, and the
HTML is plain text for the GUI to print to PDF. Nothing here logs names or measurements.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import Path

from sqlalchemy import Engine

from kader_app.core.report_queries import ReportVisit, month_visits, registered_by_sex
from kader_app.core.rules.age import years_between
from kader_app.core.rules.common import Level
from kader_app.core.rules.registry import sections
from kader_app.core.rules.section import SectionResult
from kader_app.core.words import class_text, level_text, month_name, month_title, section_title

Progress = Callable[[int, int], None]

# (label, lowest age, highest age or None): the ILP life-cycle clusters of the adult screening.
AGE_GROUPS: tuple[tuple[str, int, int | None], ...] = (
    ("< 15 tahun", 0, 14),
    ("15–18 tahun (remaja)", 15, 18),
    ("19–59 tahun (dewasa)", 19, 59),
    ("≥ 60 tahun (lansia)", 60, None),
)


@dataclass(frozen=True, slots=True)
class BySex:
    """A count split by sex: laki-laki (L) and perempuan (P)."""

    male: int = 0
    female: int = 0

    @property
    def total(self) -> int:
        return self.male + self.female


@dataclass(frozen=True, slots=True)
class ClassLine:
    section: str
    code: str
    label: str
    people: BySex


@dataclass(frozen=True, slots=True)
class ReferralLine:
    name: str
    sex: str
    age: int
    level: str
    measured_on: date
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MonthlyReport:
    """Everything printed on the monthly report; people are counted once per line."""

    month: date
    posyandu: str
    desa: str
    registered: BySex
    screened: BySex
    visits: int
    by_section: tuple[tuple[str, BySex], ...]
    by_age: tuple[tuple[str, BySex], ...]
    classes: tuple[ClassLine, ...]
    referrals: tuple[tuple[str, BySex], ...]
    referral_list: tuple[ReferralLine, ...]


def _by_sex(sexes: Sequence[str]) -> BySex:
    return BySex(male=sum(1 for s in sexes if s == "L"), female=sum(1 for s in sexes if s == "P"))


def _age_group(age: int) -> str:
    for label, low, high in AGE_GROUPS:
        if age >= low and (high is None or age <= high):
            return label
    return AGE_GROUPS[0][0]


def _measured_date(visit: ReportVisit) -> date:
    return datetime.fromisoformat(visit.measured_at).date()


def compute_report(
    visits: Sequence[ReportVisit],
    *,
    month: date,
    registered: dict[str, int],
    posyandu: str = "",
    desa: str = "",
) -> MonthlyReport:
    """The report from the month's visits (oldest first). Pure.

    Only complete sections count: a visit with none (saved before rules 2026.12) is not a
    screening, and a person counts as screened for a section only when it was complete. A
    person screened twice counts once: their age group is their age at the first visit of
    the month; for each section their latest complete result that month decides their class;
    their highest level that month decides whether and how they were referred.
    """
    people: dict[str, ReportVisit] = {}
    first_visit: dict[str, ReportVisit] = {}
    latest: dict[tuple[str, str], SectionResult] = {}
    highest: dict[str, ReportVisit] = {}
    counted = [v for v in visits if v.level is not None and any(r.is_complete for r in v.sections)]
    for visit in counted:
        people[visit.person_id] = visit
        first_visit.setdefault(visit.person_id, visit)
        for result in visit.sections:
            if result.is_complete:
                latest[(visit.person_id, result.section)] = result
        held = highest.get(visit.person_id)
        if held is None or Level(str(visit.level)).rank >= Level(str(held.level)).rank:
            highest[visit.person_id] = visit

    ages = {pid: years_between(v.birth_date, _measured_date(v)) for pid, v in first_visit.items()}
    by_age = tuple(
        (
            label,
            _by_sex([people[pid].sex for pid, age in ages.items() if _age_group(age) == label]),
        )
        for label, _, _ in AGE_GROUPS
    )
    classes = []
    by_section = []
    for spec in sections():
        screened = [people[pid].sex for (pid, sec) in latest if sec == spec.code]
        if screened:
            by_section.append((spec.code, _by_sex(screened)))
        for code in dict.fromkeys(spec.class_codes + spec.stored_class_codes):
            sexes = [
                people[pid].sex
                for (pid, sec), found in latest.items()
                if sec == spec.code and found.code == code
            ]
            if sexes:
                classes.append(
                    ClassLine(
                        section=spec.code,
                        code=code,
                        label=class_text(spec.code, code),
                        people=_by_sex(sexes),
                    )
                )
    referrals = tuple(
        (
            level,
            _by_sex([people[pid].sex for pid, v in highest.items() if v.level == level]),
        )
        for level in ("refer", "urgent")
    )
    referral_list = tuple(
        sorted(
            (
                ReferralLine(
                    name=v.name,
                    sex=v.sex,
                    age=ages[pid],
                    level=str(v.level),
                    measured_on=_measured_date(v),
                    reasons=tuple(
                        f"{section_title(s.section)}: {class_text(s.section, s.code)}"
                        for s in v.sections
                        if s.is_complete and s.level in (Level.REFER, Level.URGENT)
                    ),
                )
                for pid, v in highest.items()
                if v.level in ("refer", "urgent")
            ),
            key=lambda r: (r.level != "urgent", r.name.casefold()),
        )
    )
    return MonthlyReport(
        month=month.replace(day=1),
        posyandu=posyandu,
        desa=desa,
        registered=BySex(male=registered.get("L", 0), female=registered.get("P", 0)),
        screened=_by_sex([v.sex for v in people.values()]),
        visits=len(counted),
        by_section=tuple(by_section),
        by_age=by_age,
        classes=tuple(classes),
        referrals=referrals,
        referral_list=referral_list,
    )


def build_report(
    engine: Engine,
    *,
    month: date,
    posyandu: str = "",
    desa: str = "",
    progress: Progress | None = None,
) -> MonthlyReport:
    """Read the month from the local database and compute its report (runs on a worker)."""
    first = month.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    last = date.fromordinal(following.toordinal() - 1)
    visits = month_visits(engine, month=first, progress=progress)
    registered = registered_by_sex(engine, until=last)
    return compute_report(visits, month=first, registered=registered, posyandu=posyandu, desa=desa)


def _title(report: MonthlyReport) -> str:
    name = report.posyandu
    if not name.casefold().startswith("posyandu"):
        name = f"Posyandu {name}".strip()
    where = " · ".join(p for p in (name, report.desa) if p)
    return f"Laporan Bulanan {where} — {month_title(report.month)}"


def write_xlsx(report: MonthlyReport, path: Path) -> None:
    """Write the report as one sheet (runs on a worker; writes only `path`)."""
    # openpyxl ships no type hints and types-openpyxl is not in the lock.
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.title = f"{report.month:%Y-%m}"
    bold = Font(bold=True)

    def heading(text: str) -> None:
        sheet.append([])
        sheet.append([text])
        sheet.cell(row=sheet.max_row, column=1).font = bold

    def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        sheet.append(list(header))
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in rows:
            sheet.append(list(row))

    sheet.append([_title(report)])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    heading("Ringkasan")
    table(
        ("", "Laki-laki", "Perempuan", "Jumlah"),
        [
            ("Warga terdaftar", *_cells(report.registered)),
            ("Warga diperiksa", *_cells(report.screened)),
            ("Jumlah kunjungan", "", "", report.visits),
        ],
    )
    heading("Warga diperiksa menurut pemeriksaan (bagian yang lengkap)")
    table(
        ("Pemeriksaan", "Laki-laki", "Perempuan", "Jumlah"),
        [(section_title(code), *_cells(c)) for code, c in report.by_section],
    )
    heading("Warga diperiksa menurut kelompok umur")
    table(
        ("Kelompok umur", "Laki-laki", "Perempuan", "Jumlah"),
        [(label, *_cells(c)) for label, c in report.by_age],
    )
    heading("Hasil skrining (hasil terakhir tiap warga)")
    table(
        ("Pemeriksaan", "Hasil", "Laki-laki", "Perempuan", "Jumlah"),
        [(section_title(c.section), c.label, *_cells(c.people)) for c in report.classes],
    )
    heading("Rujukan")
    table(
        ("Tindak lanjut", "Laki-laki", "Perempuan", "Jumlah"),
        [(level_text(level), *_cells(c)) for level, c in report.referrals],
    )
    heading("Daftar warga yang dirujuk")
    table(
        ("Nama", "L/P", "Umur", "Tanggal", "Tindak lanjut", "Alasan"),
        [
            (
                r.name,
                r.sex,
                r.age,
                r.measured_on.isoformat(),
                level_text(r.level),
                "; ".join(r.reasons),
            )
            for r in report.referral_list
        ],
    )
    for column, width in zip("ABCDEF", (38, 30, 12, 12, 26, 50), strict=True):
        sheet.column_dimensions[column].width = width
    book.save(path)


def _cells(count: BySex) -> tuple[int, int, int]:
    return count.male, count.female, count.total


def report_html(report: MonthlyReport) -> str:
    """The report as simple HTML (tables only) for the GUI to print to PDF."""

    def rows(items: Sequence[Sequence[object]]) -> str:
        return "".join(
            "<tr>"
            + "".join(
                f'<td align="right">{cell}</td>'
                if isinstance(cell, int)
                else f"<td>{escape(str(cell))}</td>"
                for cell in row
            )
            + "</tr>"
            for row in items
        )

    def table(header: Sequence[str], items: Sequence[Sequence[object]]) -> str:
        head = "".join(f"<th>{escape(h)}</th>" for h in header)
        body = rows(items) or f'<tr><td colspan="{len(header)}">Tidak ada.</td></tr>'
        return (
            '<table border="1" cellspacing="0" cellpadding="4" width="100%">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    parts = [
        "<html><body>",
        f"<h2>{escape(_title(report))}</h2>",
        "<p>Hasil skrining, bukan diagnosis. Berisi data pribadi warga: simpan dengan aman.</p>",
        "<h3>Ringkasan</h3>",
        table(
            ("", "Laki-laki", "Perempuan", "Jumlah"),
            [
                ("Warga terdaftar", *_cells(report.registered)),
                ("Warga diperiksa", *_cells(report.screened)),
                ("Jumlah kunjungan", "", "", report.visits),
            ],
        ),
        "<h3>Warga diperiksa menurut pemeriksaan (bagian yang lengkap)</h3>",
        table(
            ("Pemeriksaan", "Laki-laki", "Perempuan", "Jumlah"),
            [(section_title(code), *_cells(c)) for code, c in report.by_section],
        ),
        "<h3>Warga diperiksa menurut kelompok umur</h3>",
        table(
            ("Kelompok umur", "Laki-laki", "Perempuan", "Jumlah"),
            [(label, *_cells(c)) for label, c in report.by_age],
        ),
        "<h3>Hasil skrining (hasil terakhir tiap warga)</h3>",
        table(
            ("Pemeriksaan", "Hasil", "Laki-laki", "Perempuan", "Jumlah"),
            [(section_title(c.section), c.label, *_cells(c.people)) for c in report.classes],
        ),
        "<h3>Rujukan</h3>",
        table(
            ("Tindak lanjut", "Laki-laki", "Perempuan", "Jumlah"),
            [(level_text(level), *_cells(c)) for level, c in report.referrals],
        ),
        "<h3>Daftar warga yang dirujuk</h3>",
        table(
            ("Nama", "L/P", "Umur", "Tanggal", "Tindak lanjut", "Alasan"),
            [
                (
                    r.name,
                    r.sex,
                    r.age,
                    f"{r.measured_on.day} {month_name(r.measured_on.month)[:3]}",
                    level_text(r.level),
                    "; ".join(r.reasons),
                )
                for r in report.referral_list
            ],
        ),
        "</body></html>",
    ]
    return "".join(parts)
