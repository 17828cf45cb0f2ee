#!/usr/bin/env bash
# pip-audit over requirements.lock (PyPI's vulnerability data): exit 1 on a known vulnerability;
# exit 3 with a clear message when the vulnerability service cannot be reached, so the audit
# never passes without having run.
set -uo pipefail
cd "$(dirname "$0")/.."
# pip-audit asks https://pypi.org/pypi/<name>/<version>/json for each locked package.
probe="https://pypi.org/pypi/pip-audit/2.10.1/json"
code=$(curl -sS -m 20 -o /dev/null -w '%{http_code}' "$probe" 2>/dev/null || true)
if [ "$code" != "200" ]; then
  echo "pip-audit: NOT RUN. PyPI's per-version JSON API, where pip-audit reads vulnerabilities," >&2
  echo "  does not answer from this machine ($probe answered '${code:-no connection}')." >&2
  echo "  The dependencies were not audited; run 'make audit' where pypi.org is reachable." >&2
  exit 3
fi
.venv/bin/pip-audit --requirement requirements.lock --no-deps --disable-pip --strict --progress-spinner off \
  --timeout 30
status=$?
if [ $status -ne 0 ]; then
  echo "pip-audit: known vulnerabilities (or packages it could not look up) in requirements.lock: see above." >&2
  exit 1
fi
echo "pip-audit: no known vulnerabilities in requirements.lock"
