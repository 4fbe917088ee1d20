"""Finding residents as the kader types: name words through the trigram index, NIK digits.

The search statements are built and compiled once per shape; a keystroke only binds values.
Read-only; also home of the one statement and row reader that make a ``PersonRecord``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, bindparam, column, func, literal_column, select, table

from kader_app.core.database import Database
from kader_app.core.database import read_connection as _read
from kader_app.core.models import PERSON_TABLE, VISIT_TABLE, PersonRecord
from kader_app.core.normalise import normalise_name, normalise_number

if TYPE_CHECKING:
    from sqlalchemy.engine import Dialect

PERSON = PERSON_TABLE
VISIT = VISIT_TABLE
PERSON_SEARCH = table("person_search", column("rowid"), column("name_norm"), column("nik"))

# What is typed is looked for literally: NUL and other control characters are dropped (a
# scanner or a stray key may send them); `%`, `_` and quotes are plain characters (the index
# is asked for a quoted phrase, short words by instr(), never by LIKE).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The trigram tokenizer indexes runs of three characters; shorter terms cannot use it.
_TRIGRAM = 3


class SearchStore:
    """``register.search``: residents by name words or NIK digits, fastest first."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def people(self, query: str, *, limit: int = 50) -> list[PersonRecord]:
        """People whose name holds every typed word, or whose NIK holds the typed digits.

        An empty query lists the most recently updated people. Words of three letters or more go
        through the trigram index; shorter ones filter what it finds (or, alone, walk the names
        in order, which stops as soon as enough people match).
        """
        found = self.sql(query, limit=limit)
        if found is None:
            return []
        sql, values = found
        with _read(self._db.engine) as conn:
            # Sent on the driver's cursor inside the read transaction: plain tuples back, no
            # per-call result set-up (the search runs at every pause in typing; bench/run.py).
            cursor = conn.connection.cursor()
            try:
                rows = cursor.execute(sql, values).fetchall()
            finally:
                cursor.close()
        return [person_record(r) for r in rows]

    def sql(self, query: str, *, limit: int = 50) -> tuple[str, tuple[Any, ...]] | None:
        """The SQL and values `people` sends for ``query`` (None: nothing to look for).

        The statement shapes are built and compiled once; a search only binds its values.
        """
        text = _CONTROL.sub("", query).strip()
        digits = normalise_number(text) or ""
        params: dict[str, Any] = {"limit": limit}
        if not text:
            stmt = _recent_people_select()
        elif digits.isdigit() and len(digits) >= _TRIGRAM:
            stmt = _nik_hits_select()
            params.update(match=_fts_query(column="nik", terms=[digits]), prefix=f"{digits}%")
        elif digits.isdigit():
            stmt = _nik_range_select()
            params.update(low=digits, high=digits[:-1] + chr(ord(digits[-1]) + 1))
        else:
            words = normalise_name(text).split()
            if not words:
                return None
            indexed = [w for w in words if len(w) >= _TRIGRAM]
            short = [w for w in words if len(w) < _TRIGRAM]
            params.update({f"short_{i}": word for i, word in enumerate(short)})
            if indexed:
                stmt = _name_hits_select(short_words=len(short))
                params["match"] = _fts_query(column="name_norm", terms=indexed)
            else:
                stmt = _name_scan_select(short_words=len(short))
        return _driver_sql(stmt, self._db.engine.dialect)(params)


def _fts_query(*, column: str, terms: list[str]) -> str:
    """``col:"t1" AND col:"t2"`` for ``person_search MATCH``: each term a substring (trigram)."""
    return " AND ".join(f'{column}:"{t.replace(chr(34), chr(34) * 2)}"' for t in terms)


# The search statements below are built once per shape with bound parameters: SQLAlchemy
# memoises a statement's cache key and reuses its compiled form, so a keystroke only binds
# values instead of building and compiling a new statement (~0.4 ms each, bench/run.py).
# Parameters: ``limit`` always; ``match`` (FTS query), ``prefix`` (``digits%``), ``low``/``high``
# (NIK range), ``short_0``… (words under three letters, found by instr()) as the shape needs.


def _holds(column: Any, name: str) -> Any:
    """``column`` holds the bound text literally (no wildcards)."""
    return func.instr(column, bindparam(name, type_=String)) > 0


def _fts_match() -> Any:
    return literal_column("person_search").op("MATCH")(bindparam("match", type_=String))


@cache
def _recent_people_select() -> Any:
    return person_select().order_by(PERSON.c.updated_at.desc()).limit(bindparam("limit"))


@cache
def _nik_hits_select() -> Any:
    prefix = bindparam("prefix", type_=String)
    hits = (
        select(PERSON_SEARCH.c.rowid.label("sid"), PERSON_SEARCH.c.nik.label("key"))
        .where(_fts_match())
        .order_by(PERSON_SEARCH.c.nik.like(prefix).desc(), PERSON_SEARCH.c.nik)
        .limit(bindparam("limit"))
        .subquery()
    )
    return (
        person_select()
        .join(hits, PERSON.c.sid == hits.c.sid)
        .order_by(hits.c.key.like(prefix).desc(), hits.c.key)
        .limit(bindparam("limit"))
    )


@cache
def _nik_range_select() -> Any:
    return (
        person_select()
        .where(
            PERSON.c.nik >= bindparam("low", type_=String),
            PERSON.c.nik < bindparam("high", type_=String),
        )
        .order_by(PERSON.c.nik)
        .limit(bindparam("limit"))
    )


@lru_cache(maxsize=16)
def _name_hits_select(*, short_words: int) -> Any:
    hits_q = select(
        PERSON_SEARCH.c.rowid.label("sid"), PERSON_SEARCH.c.name_norm.label("key")
    ).where(_fts_match())
    for i in range(short_words):
        hits_q = hits_q.where(_holds(PERSON_SEARCH.c.name_norm, f"short_{i}"))
    # Sort and cut inside the index, so a common word never loads every match.
    hits = (
        hits_q.order_by(PERSON_SEARCH.c.name_norm, PERSON_SEARCH.c.rowid)
        .limit(bindparam("limit"))
        .subquery()
    )
    return (
        person_select()
        .join(hits, PERSON.c.sid == hits.c.sid)
        .order_by(hits.c.key, hits.c.sid)
        .limit(bindparam("limit"))
    )


@lru_cache(maxsize=16)
def _name_scan_select(*, short_words: int) -> Any:
    stmt = person_select()
    for i in range(short_words):
        stmt = stmt.where(_holds(PERSON.c.name_norm, f"short_{i}"))
    return stmt.order_by(PERSON.c.name_norm, PERSON.c.sid).limit(bindparam("limit"))


@cache
def person_select() -> Any:
    # Built once: the aliases' column proxies cost ~1 ms per search, more than the query itself
    # (bench/run.py); statements are immutable, so each caller's .where() makes a new one.
    # Aliases, so the inner visit subquery is never auto-correlated to the outer one.
    latest_v = VISIT.alias("latest_v")
    shown_v = VISIT.alias("shown_v")
    latest = (
        select(latest_v.c.id)
        .where(
            latest_v.c.person_id == PERSON.c.id,
            latest_v.c.is_current.is_(True),
            latest_v.c.voided.is_(False),
        )
        .order_by(latest_v.c.measured_at_utc.desc(), latest_v.c.created_at.desc())
        .limit(1)
        .correlate(PERSON)
        .scalar_subquery()
    )
    last_at = (
        select(shown_v.c.measured_at_utc)
        .where(shown_v.c.id == latest)
        .correlate(PERSON)
        .scalar_subquery()
    )
    last_level = (
        select(shown_v.c.level).where(shown_v.c.id == latest).correlate(PERSON).scalar_subquery()
    )
    return select(
        PERSON,
        last_at.label("last_visit_at"),
        last_level.label("last_level"),
    )


# Positions of the columns in `person_select()`: the person table's, then the latest visit's.
_PERSON_COLUMNS = {
    name: i for i, name in enumerate([*PERSON.c.keys(), "last_visit_at", "last_level"])
}


@lru_cache(maxsize=32)
def _driver_sql(
    stmt: Any, dialect: Dialect
) -> Callable[[dict[str, Any]], tuple[str, tuple[Any, ...]]]:
    """The SQL of one of the cached search statements, and how to order the values it binds."""
    compiled = stmt.compile(dialect=dialect)
    sql: str = compiled.string
    names = tuple(compiled.positiontup or ())
    fixed = compiled.params  # values built into the statement, such as LIMIT 1

    def bind(params: dict[str, Any]) -> tuple[str, tuple[Any, ...]]:
        return sql, tuple(params[n] if n in params else fixed[n] for n in names)

    return bind


def utc(value: datetime | str) -> datetime:
    """A stored UTC time as an aware datetime (the driver gives text, SQLAlchemy a naive value)."""
    if isinstance(value, str):
        # The column type stores naive UTC text; parsing it with the offset is 7x faster than
        # parsing, then replace(tzinfo=UTC).
        return datetime.fromisoformat(value + "+00:00")
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def person_record(row: Sequence[Any]) -> PersonRecord:
    """A person from a row of `person_select()`: a SQLAlchemy row or the driver's tuple."""
    at = _PERSON_COLUMNS
    birth = row[at["birth_date"]]
    last_at = row[at["last_visit_at"]]
    return PersonRecord(
        id=row[at["id"]],
        version=row[at["version"]],
        name=row[at["name"]],
        sex=row[at["sex"]],
        birth_date=date.fromisoformat(birth) if isinstance(birth, str) else birth,
        nik=row[at["nik"]],
        kk=row[at["kk"]],
        dusun=row[at["dusun"]],
        rt=row[at["rt"]],
        rw=row[at["rw"]],
        desa=row[at["desa"]],
        phone=row[at["phone"]],
        created_at=utc(row[at["created_at"]]),
        updated_at=utc(row[at["updated_at"]]),
        last_visit_at=None if last_at is None else utc(last_at),
        last_level=row[at["last_level"]],
        pregnancy_start=_date_or_none(row[at["pregnancy_start"]]),
        pregnancy_end=_date_or_none(row[at["pregnancy_end"]]),
        mother_id=row[at["mother_id"]],
        kia_book=bool(row[at["kia_book"]]),
    )


def _date_or_none(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)
