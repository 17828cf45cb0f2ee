"""The load test run by ``bench/load.py``: ``stack`` sets up and removes the production stack,
``run`` drives the locust child process, ``users`` is that child, ``report`` prints the figures."""
