"""v8: the search index's insert trigger leaves alone a resident that comes with its search id.

A first sync stores thousands of residents a page at a time; through the trigger each cost an
insert into ``person_search`` and an update of the person row just written (to keep the search
id). Pulled residents new to the laptop now arrive with their search id, and their search rows
are inserted in the same transaction, one statement per page (`kader_app.core.pulled_rows`).
Every other insert (a resident registered here) has no search id and goes through the trigger
as before. No stored row changes.

Revision ID: 0008_bulk_search_rows
Revises: 0007_sasaran_estimates
"""

from __future__ import annotations

from alembic import op

revision = "0008_bulk_search_rows"
down_revision = "0007_sasaran_estimates"
branch_labels = None
depends_on = None

_BODY = """BEGIN
        INSERT INTO person_search (name_norm, nik) VALUES (NEW.name_norm, coalesce(NEW.nik, ''));
        UPDATE person SET sid = last_insert_rowid() WHERE id = NEW.id;
    END"""


def upgrade() -> None:
    op.execute("DROP TRIGGER person_search_ai")
    op.execute(
        "CREATE TRIGGER person_search_ai AFTER INSERT ON person WHEN NEW.sid IS NULL " + _BODY
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER person_search_ai")
    op.execute("CREATE TRIGGER person_search_ai AFTER INSERT ON person " + _BODY)
