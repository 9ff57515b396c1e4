"""The use cases of a campaign: create, import, scan, re-check, score, report (decision 0007).

The CLI, the web views, the Celery tasks and the demo call these; they use the core and the
schema (`ceping.web.models`) and nothing of the shell.
"""
