"""The screening form: one panel per section, arranged in tabs by the section registry.

Modules: ``form`` (``VisitForm``), ``dialog`` (``VisitDialog``), ``summary`` (banner and
badges), ``page`` (one tab), ``result_view`` (a section's live outcome), ``fields`` and
``answers`` (shared field widgets), ``section_panel`` (the panel base), ``panels`` (finds each
section's panel) and ``sections/<code>.py`` (one panel per section).
"""
