"""The Puskesmas dashboard: server-rendered pages (Jinja2, no JavaScript) behind a staff login."""
