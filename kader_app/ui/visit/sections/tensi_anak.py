"""The tensi panel for children and adolescents (7 to < 18): readings as for adults.

The same fields as the adult tensi panel, named in this section's words; the rule classifies.
"""

from __future__ import annotations

from kader_app.ui.visit.sections.blood_pressure import BloodPressurePanel


class TensiAnakPanel(BloodPressurePanel):
    code = "tensi_anak"


PANEL = TensiAnakPanel
