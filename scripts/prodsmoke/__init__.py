"""The pieces of ``scripts/prod_smoke.py`` (``make prod-smoke``): ``stack`` starts and stops the
processes and talks to them, ``checks`` holds the smoke test, the PostgreSQL restart and the
backup and restore."""
