#!/usr/bin/env bash
# Sets up and runs annotator on a Debian machine.
#   scripts/dev.sh run    install, then open the app on the sample corpus
#   scripts/dev.sh test   install, then run the whole test suite
#   scripts/dev.sh bundle install, then build the one-folder application in dist/annotator
# It installs the Debian libraries Qt needs when they are missing (as root, or through sudo),
# and for `test` Debian's PostgreSQL server too (the tests start a throwaway one on 127.0.0.1);
# makes a virtual environment in .venv and installs the package with its test extra there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Libraries the Qt wheels load (offscreen and on a real X screen), the venv module, Xvfb for
# running the window without a screen, and the colour emoji font (news text has emoji).
DEBIAN_PACKAGES=(
  python3-venv libgl1 libegl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
  libxkbcommon0 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0
  libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0
  xvfb xauth fonts-noto-color-emoji
)

# For `test` only: the server the PostgreSQL half of the suite runs on (tests/postgres_server.py
# starts it), and the checker of the desktop entry (`annotator desktop-entry`).
TEST_PACKAGES=(postgresql desktop-file-utils)

test_packages() {
  command -v dpkg-query >/dev/null || return 0
  local missing=()
  for p in "${TEST_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
    echo "${missing[*]} not installed and cannot be here (no root): their tests will skip; run as root to include them" >&2
    return 0
  fi
  echo "Installing Debian packages: ${missing[*]}"
  local sudo=() wait=(-o DPkg::Lock::Timeout=600 -o APT::Lock::Timeout=600)
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get "${wait[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get "${wait[@]}" install -y -qq "${missing[@]}" >/dev/null
}

system_packages() {
  command -v dpkg-query >/dev/null || { echo "not Debian: install the equivalents of: ${DEBIAN_PACKAGES[*]}" >&2; return 0; }
  local missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "As root, run: apt-get install -y ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  # Another apt or dpkg (unattended upgrades, a second shell) may hold the lock: wait for it.
  local wait=(-o DPkg::Lock::Timeout=600 -o APT::Lock::Timeout=600)
  "${sudo[@]}" apt-get "${wait[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get "${wait[@]}" install -y -qq "${missing[@]}" >/dev/null
}

python_packages() {  # $1: the extra to add to the app's own dependencies ("" for the app alone)
  local extra=${1:-} python=${PYTHON:-python3}
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  # Install only when pyproject.toml changed since the last install (or the install is broken).
  # The test extra holds all the app needs: an environment made for the tests runs the app too.
  local want stamp=".venv/.annotator-installed${extra:+-$extra}"
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  installed() { [ "$(cat "$1" 2>/dev/null)" = "$want" ]; }
  if ! { installed "$stamp" || { [ -z "$extra" ] && installed .venv/.annotator-installed-test; }; } \
      || ! .venv/bin/python -c "import annotator" 2>/dev/null; then
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra:+[$extra]}"
    echo "$want" > "$stamp"
  fi
  local ts
  for ts in resources/translations/*.ts; do  # interface translations (.qm), when changed
    [ "${ts%.ts}.qm" -nt "$ts" ] || .venv/bin/pyside6-lrelease -silent "$ts"
  done
}

case "${1:-}" in
  run)
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then  # said before anything is installed
      echo "no screen here (neither DISPLAY nor WAYLAND_DISPLAY is set): on a machine without one, run" \
        "it on a virtual screen: apt-get install xvfb, then xvfb-run -a scripts/dev.sh run" >&2
      exit 1
    fi
    system_packages
    python_packages ""  # the app alone: the test extra (spaCy, datasets, pyarrow, mypy…) is for `test`
    shift
    exec .venv/bin/annotator gui "$@"
    ;;
  test)
    system_packages
    test_packages
    python_packages test
    shift
    export QT_QPA_PLATFORM=offscreen
    # Where PostgreSQL could be installed, its tests must run: a server that does not start fails
    # them instead of skipping them.
    if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null; then
      export ANNOTATOR_REQUIRE_POSTGRES=1
    fi
    .venv/bin/ruff check annotator tests benchmarks scripts
    .venv/bin/ruff format --check annotator tests benchmarks scripts
    .venv/bin/lint-imports
    .venv/bin/mypy
    exec .venv/bin/python -m pytest -n auto "$@"  # (every core: pytest-xdist)
    ;;
  bundle)
    # One folder with its own Python, Qt and libraries: dist/annotator/annotator (PyInstaller).
    system_packages
    python_packages bundle
    .venv/bin/python -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
      scripts/annotator.spec
    echo "built dist/annotator: run dist/annotator/annotator gui"
    ;;
  *)
    echo "usage: scripts/dev.sh run|test|bundle [args]" >&2
    exit 2
    ;;
esac
