"""PWS (pemantauan wilayah setempat) figures of the dashboard, split along their seams.

`facts` reads stored payloads into typed facts; `indicators` names the indicators and counts
facts (pure functions, checkable by hand); `summary_queries` reads the figures the pages show
from the summary tables kept in the push transaction; `queries` are the other reads the pages
and exports need. Nothing here writes, and nothing here logs entry content.
"""
