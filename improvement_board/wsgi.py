import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "improvement_board.settings")
application = get_wsgi_application()

# gunicorn runs no system checks: refuse to serve without a shared cache (ops/checks.py).
from improvement_board.ops.checks import require_shared_cache  # noqa: E402

require_shared_cache()
