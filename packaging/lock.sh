#!/usr/bin/env bash
# Write requirements.lock: every package (and exact version) that the project with its test tools and
# optional parts resolves to, from a throw-away environment. Run it after changing pyproject's dependencies
# and commit the result; packaging/setup.sh installs from the lock, so every machine gets what CI tested.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${PYTHON:-python3}" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip wheel
"$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check ".[test,ocr,whisper]"
{
  echo "# Locked dependencies of analyst-desk[test,ocr,whisper] for Python $("$tmp/venv/bin/python" -c 'import sys; print(*sys.version_info[:2], sep=".")') on Linux."
  echo "# Written by packaging/lock.sh from pyproject.toml; installed by packaging/setup.sh. Do not edit by hand."
  "$tmp/venv/bin/python" -m pip freeze --exclude-editable --all | grep -viE '^(analyst-desk|pip|setuptools|wheel)=='
} > requirements.lock
echo "requirements.lock: $(grep -vc '^#' requirements.lock) packages"
