# Improvement Board: `make run` serves the demo, `make test` runs every test.
# Both set up the virtual environment first (`make install`).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_PASSWORD ?= demo-pass-2012
export DEMO_PASSWORD

# System packages the tests need: a browser for the browser tests, poppler for reading PDFs,
# Pango and fonts for WeasyPrint.
SYSTEM_PACKAGES := chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core

.PHONY: install run test lint system-packages oidc-provider migrate demo-data clean check prod-smoke backup restore audit

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $@

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

demo-data: migrate
	DEBUG=1 $(BIN)/python manage.py load_demo_data --today
	DEBUG=1 $(BIN)/python manage.py import_national_data --no-progress

run: demo-data
	@echo
	@echo "Improvement Board: http://127.0.0.1:$(PORT)/"
	@echo "Sign in as sutton.officer, sutton.chair, dfe.observer, admin, sutton.admin, sutton.partner or sutton.member, password: $(DEMO_PASSWORD)"
	@echo "sutton.chair, admin and sutton.admin also need an authenticator app: the first sign-in shows a QR code and key."
	@echo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing system packages the tests need:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "The tests need these system packages, which are missing:$$missing"; \
	    echo "Install them (e.g. sudo apt-get install$$missing) and run make test again."; \
	    exit 1; \
	  fi; \
	fi

# The real OpenID Connect provider the single sign-on tests start (npm's oidc-provider, run by
# Node.js 20 or newer), installed exactly as locked in tests/oidc/package-lock.json.
OIDC_DIR := tests/oidc
oidc-provider: $(OIDC_DIR)/node_modules/.package-lock.json

$(OIDC_DIR)/node_modules/.package-lock.json: $(OIDC_DIR)/package.json $(OIDC_DIR)/package-lock.json
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  echo "The single sign-on tests need Node.js 20 or newer and npm, which are missing."; \
	  echo "Install them (e.g. from nodejs.org or your package manager) and run make test again."; exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || { \
	  echo "The single sign-on tests need Node.js 20 or newer; this is $$(node --version)."; exit 1; }
	npm ci --prefix $(OIDC_DIR) --no-audit --no-fund --loglevel=error

# The suite runs in TEST_WORKERS processes (pytest-xdist), one per core of the 2-core CI machine;
# TEST_WORKERS=0 runs it in this one process.
TEST_WORKERS ?= 2
test: install system-packages oidc-provider
	SECRET_KEY=test-only-not-secret $(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The production stack for real on loopback: gunicorn (2 workers), a Celery worker and one beat
# against a scratch PostgreSQL database and a spare Redis db; smoke test, PostgreSQL restart,
# backup and restore (scripts/prod_smoke.py). PROD_SMOKE_ARGS=--skip-pg-restart leaves PostgreSQL be.
prod-smoke: install system-packages
	$(BIN)/python scripts/prod_smoke.py $(PROD_SMOKE_ARGS)

# Back up the database named by DATABASE_URL and MEDIA_ROOT into BACKUP_DIR (new or empty), and
# restore such a backup into an empty database (see README: Backup and restore).
BACKUP_DIR ?= backups/$(shell date +%Y%m%d-%H%M%S)
backup: install
	$(BIN)/python manage.py backup --output $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP_DIR)" || { echo "Set BACKUP_DIR to the backup to restore"; exit 1; }
	$(BIN)/python manage.py restore --input $(BACKUP_DIR)

# Known vulnerabilities in the locked dependencies (PyPI's advisory data via pip-audit).
audit: install
	scripts/audit.sh

# Lint and format check (ruff) and the direction of imports (import-linter: improvement_board > actions > inspections).
# No near-copy of more than 10 lines outside migrations (pylint's similarity checker: comments,
# docstrings, imports and signatures left out).
NEAR_COPY_PATHS := inspections actions improvement_board tests bench scripts

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pylint --disable=all --enable=duplicate-code --min-similarity-lines=11 --ignore=migrations \
		--recursive=y --score=n $(NEAR_COPY_PATHS)

check: install
	SECRET_KEY=test-only-not-secret $(BIN)/python manage.py check
	SECRET_KEY=test-only-not-secret $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var .pytest_cache
