"""The database is created and upgraded by alembic from the migration scripts, read as files.

alembic loads ``env.py`` and ``versions/*.py`` from ``kader_app/core/migrations`` by path, so the
folder goes into the bundle as source files, beside where the frozen ``database`` module looks
for it, and whatever the scripts import goes into the archive (the analysis cannot see it).
"""

import ast
from pathlib import Path

from PyInstaller import isolated
from PyInstaller.utils.hooks import get_module_file_attribute

MIGRATIONS = Path(get_module_file_attribute("kader_app.core.database")).with_name("migrations")
TARGET = Path("kader_app", "core", "migrations")


def script_imports(source: Path) -> set[str]:
    """What a migration script imports, and each name it takes from a module (maybe a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] != "__future__"}


@isolated.decorate
def modules_among(names: list[str], packages: list[str]) -> list[str]:
    """Those of ``names`` that are modules, and every module of ``packages``.

    alembic.op is a module, typing.Any a name inside one. In a separate interpreter, as
    PyInstaller's own helpers do: finding ``alembic.op`` imports alembic, which is not for the
    build's own process (nor its log: alembic's is kept quiet).
    """
    import importlib
    import importlib.util
    import logging
    import pkgutil

    logging.getLogger("alembic").setLevel(logging.WARNING)
    found = []
    for name in names:
        try:
            if importlib.util.find_spec(name) is not None:
                found.append(name)
        except (ImportError, ValueError):
            pass
    for package in packages:
        path = importlib.import_module(package).__path__
        found += [package] + [f"{package}.{m.name}" for m in pkgutil.iter_modules(path)]
    return found


scripts = [p for p in MIGRATIONS.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
datas = [(str(p), str(TARGET / p.parent.relative_to(MIGRATIONS))) for p in scripts]
imported = sorted({name for p in scripts if p.suffix == ".py" for name in script_imports(p)})
# alembic picks the SQLite implementation (alembic.ddl.sqlite) by dialect name at run time.
hiddenimports = sorted(set(modules_among(imported, ["alembic.ddl"])))
