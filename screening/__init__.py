"""The screening rules and their words: pure, Qt-free, shared by the app and the Puskesmas server.

`screening.rules` (one module per section, the registry, WHO growth, coverage) and
`screening.words` (Bahasa Indonesia and English for every stable code) import nothing of the app,
the sync layer or storage; `kader_app.core` and `sync.server` both build on them.
"""
