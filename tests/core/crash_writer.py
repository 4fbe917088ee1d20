"""Writer processes for the crash test: each records visits, printing each id once committed.

Run as ``python -m crash_writer DATA_DIR`` from tests/core. This process imports the app's store
once and then, for every ``fork`` line on stdin, forks a writer: a process of its own that opens
the Register (after the fork, so no connection is shared) and writes until the test SIGKILLs it.
A printed id is a promise that the visit survived. Forking spares each of the hundreds of writers
the ~0.5 s of interpreter start and imports, which on a loaded machine made the campaign outlast
its time limit.

Lines on stdout (each one write, flushed): ``READY`` once imported; from a writer ``W <pid>`` at
once, ``P <id>`` and ``V <id>`` as it commits; after a ``wait <pid>`` line on stdin,
``X <pid> <signal or -exit code>`` once that writer is reaped, so every line the writer printed
comes before it. Errors go to stderr, which the test sends to a file rather than a pipe.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import date
from pathlib import Path

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.glucose import GlucoseInput
from screening.rules.section import RuleSettings, Subject
from screening.rules.tb import TbInput
from screening.rules.visit import VisitInput, checked_evaluation


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def write_visits(data_dir: Path) -> None:
    say(f"W {os.getpid()}")
    register = Register.open(data_dir)
    person = register.people.register(
        PersonInput(name="Warga Uji", sex="L", birth_date=date(1960, 1, 1), desa="Uji")
    ).person_id
    say(f"P {person}")
    settings = RuleSettings()
    n = 0
    while True:
        n += 1
        inputs = _visit(n)
        change = register.visits.record(person_id=person, inputs=inputs, settings=settings)
        say(f"V {change.visit_id}")
        if n % 7 == 0 and change.visit_id is not None:
            fixed = register.visits.correct(
                visit_id=change.visit_id, inputs=inputs, settings=settings
            )
            say(f"V {fixed.visit_id}")


def _visit(n: int) -> VisitInput:
    return VisitInput(
        subject=Subject(sex="L", birth_date=date(1960, 1, 1)),
        measured_on=date(2025, 1, 1),
        sections={
            "blood_pressure": BloodPressureInput.of((110 + n % 80, 70 + n % 30)),
            "glucose": GlucoseInput(value=str(80 + n % 300), kind="sewaktu"),
            "tb": TbInput(cough=n % 5 == 0),
        },
    )


def serve(data_dir: Path) -> None:
    # Warm what every writer would otherwise load on its first save (the section registry, the
    # payload models), so a fork starts writing at once, as a running app does.
    checked_evaluation(_visit(0), RuleSettings())
    say("READY")
    while line := sys.stdin.readline():
        command, _, arg = line.strip().partition(" ")
        if command == "fork":
            if os.fork() == 0:
                try:
                    write_visits(data_dir)
                except BaseException:
                    traceback.print_exc()
                    sys.stderr.flush()
                    os._exit(1)
                os._exit(0)  # write_visits never returns; the test kills it
        elif command == "wait":
            pid = int(arg)
            _, status = os.waitpid(pid, 0)
            signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
            code = signal_number or -os.WEXITSTATUS(status)
            say(f"X {pid} {code}")


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
