"""PWS (pemantauan wilayah setempat) figures of the dashboard, split along their seams.

`facts` reads stored payloads into typed facts; `indicators` counts them (pure functions of the
facts, checkable by hand); `cache` keeps an area's facts between requests; `queries` are the
other reads the pages need. Nothing here writes, and nothing here logs entry content.
"""
