#!/usr/bin/env bash
# Build the one-folder application into dist/analyst-desk/ and print its size and the build time.
# Usage: packaging/build.sh   (after packaging/setup.sh; installs PyInstaller into .venv if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
.venv/bin/python -c "import PyInstaller" 2>/dev/null || .venv/bin/python -m pip install -q "pyinstaller>=6.6"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/analyst-desk.spec
mkdir -p dist/analyst-desk/models
cp models/README.md dist/analyst-desk/models/README.md
echo "bundle: dist/analyst-desk ($(du -sh dist/analyst-desk | cut -f1)), built in $(( $(date +%s) - start )) s"
