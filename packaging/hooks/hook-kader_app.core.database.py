"""The database is created and upgraded by alembic from the migration scripts, read as files.

alembic loads ``env.py`` and ``versions/*.py`` from ``kader_app/core/migrations`` by path, so the
folder goes into the bundle as source files, beside where the frozen ``database`` module looks
for it, and whatever the scripts import goes into the archive (the analysis cannot see it).
"""

import ast
import importlib.util
from pathlib import Path

from PyInstaller.utils.hooks import collect_submodules, get_module_file_attribute

MIGRATIONS = Path(get_module_file_attribute("kader_app.core.database")).with_name("migrations")
TARGET = Path("kader_app", "core", "migrations")


def script_imports(source: Path) -> set[str]:
    """The modules a migration script imports (``from alembic import op`` gives alembic.op)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] != "__future__" and is_module(name)}


def is_module(name: str) -> bool:
    """Whether ``name`` is a module (alembic.op) rather than a name inside one (typing.Any)."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


scripts = [p for p in MIGRATIONS.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
datas = [(str(p), str(TARGET / p.parent.relative_to(MIGRATIONS))) for p in scripts]
hiddenimports = sorted(
    {name for p in scripts if p.suffix == ".py" for name in script_imports(p)}
    # alembic picks the SQLite implementation by dialect name at run time.
    | set(collect_submodules("alembic.ddl"))
)
