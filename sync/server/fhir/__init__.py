"""FHIR R4 for SATUSEHAT: the transaction Bundles the Puskesmas sends (docs/satusehat.md).

`codes` and `identity` (systems, identifiers, references, times), `resources` and
`questionnaires` (the resources of one visit), `entries` (a visit as conditional updates),
`sites` (the ids the dashboard configures), `visits` and `state` (what is read, what was sent),
`export` (one export, recorded).
"""
