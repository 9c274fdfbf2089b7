"""The decision-engine tests need no database and no Django settings.

Run them alone with ``pytest tests/rules -p no:django --confcutdir=tests/rules`` (the
confcutdir keeps the Django tests' conftest out), or as part of the whole suite.
"""
