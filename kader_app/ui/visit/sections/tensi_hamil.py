"""The tensi panel in pregnancy: one or two readings as for adults (the rule averages two).

The same fields as the adult tensi panel, named in this section's words; the rule classifies.
"""

from __future__ import annotations

from kader_app.ui.visit.sections.blood_pressure import BloodPressurePanel


class TensiHamilPanel(BloodPressurePanel):
    code = "tensi_hamil"


PANEL = TensiHamilPanel
