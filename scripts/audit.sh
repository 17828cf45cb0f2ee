#!/usr/bin/env bash
# pip-audit over requirements.lock, using the package index's vulnerability data.
# Exit 0: audited, no known vulnerability. Exit 1: a known vulnerability (CI fails).
# Exit 3: the audit could not run (the vulnerability service did not answer); it says so loudly
# and never reports a pass it did not make.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(.venv/bin/pip-audit --requirement requirements.lock --no-deps --disable-pip --progress-spinner off \
  --timeout 30 2>&1)
status=$?
printf '%s\n' "$out"
if printf '%s\n' "$out" | grep -qiE "found [0-9]+ known vulnerabilit"; then
  echo "pip-audit: known vulnerabilities in requirements.lock: see above." >&2
  exit 1
fi
skipped=$(printf '%s\n' "$out" | grep -ci "could not be audited")
total=$(grep -c '==' requirements.lock)
if [ $status -eq 0 ] && [ "$skipped" -eq 0 ]; then
  echo "pip-audit: no known vulnerabilities in the $total packages of requirements.lock"
  exit 0
fi
if [ "$skipped" -gt 0 ]; then
  echo "pip-audit: NOT RUN for $skipped of $total packages: the vulnerability service could not look them up." >&2
  echo "  Those dependencies were not audited. Run 'make audit' where the package index's JSON API answers." >&2
  exit 3
fi
echo "pip-audit: NOT RUN. The vulnerability service did not answer from this machine (see above);" >&2
echo "  the dependencies were not audited. Run 'make audit' where the package index's JSON API answers." >&2
exit 3
