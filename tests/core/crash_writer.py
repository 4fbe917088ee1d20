"""Child process for the crash test: records visits in a loop, printing each id once committed.

Run as ``python -m crash_writer DATA_DIR`` from tests/core. It is killed with SIGKILL at random
moments, so a printed id is a promise that the visit survived.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.core.rules.blood_pressure import BloodPressureInput
from kader_app.core.rules.glucose import GlucoseInput
from kader_app.core.rules.section import RuleSettings, Subject
from kader_app.core.rules.tb import TbInput
from kader_app.core.rules.visit import VisitInput


def main(data_dir: Path) -> None:
    register = Register.open(data_dir)
    person = register.people.register(
        PersonInput(name="Warga Uji", sex="L", birth_date=date(1960, 1, 1), desa="Uji")
    ).person_id
    sys.stdout.write(f"P {person}\n")
    sys.stdout.flush()
    settings = RuleSettings()
    n = 0
    while True:
        n += 1
        inputs = VisitInput(
            subject=Subject(sex="L", birth_date=date(1960, 1, 1)),
            measured_on=date(2025, 1, 1),
            sections={
                "blood_pressure": BloodPressureInput.of((110 + n % 80, 70 + n % 30)),
                "glucose": GlucoseInput(value=str(80 + n % 300), kind="sewaktu"),
                "tb": TbInput(cough=n % 5 == 0),
            },
        )
        change = register.visits.record(person_id=person, inputs=inputs, settings=settings)
        sys.stdout.write(f"V {change.visit_id}\n")
        sys.stdout.flush()
        if n % 7 == 0 and change.visit_id is not None:
            fixed = register.visits.correct(
                visit_id=change.visit_id, inputs=inputs, settings=settings
            )
            sys.stdout.write(f"V {fixed.visit_id}\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
