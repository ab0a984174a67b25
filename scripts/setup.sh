#!/usr/bin/env bash
# Set up everything reportgen needs on a fresh Debian machine: system
# packages (when missing), a virtual environment and the package itself.
# Called by `make`; safe to run again (it only installs what is missing).
set -euo pipefail

cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"

#: Debian packages: fonts for the PDFs, Chromium for static chart export,
#: librsvg for outlining SVG text, poppler for reading PDFs in the tests,
#: Java for the Nu HTML Checker (tests/test_accessibility.py); ICU headers and a
#: compiler for PyICU (followthemoney's dependency, built from source).
APT_PACKAGES=(chromium fonts-noto-core librsvg2-bin poppler-utils gettext openjdk-17-jre-headless libicu-dev pkg-config g++)
#: The Nu HTML Checker, as published on npm (the jar is package/build/dist/vnu.jar).
VNU_VERSION=26.9.27

missing=()
for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# npm fetches the checker; any npm will do (Debian's, or the one of a Node.js install).
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
    echo "setup: installing system packages: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
    echo "setup: creating virtual environment $VENV"
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[test]"

VNU_DIR="$VENV/share/vnu"
if [ ! -f "$VNU_DIR/vnu.jar" ]; then
    echo "setup: fetching the Nu HTML Checker (npm package vnu-jar $VNU_VERSION)"
    scratch="$(mktemp -d)"
    (cd "$scratch" && npm pack --silent "vnu-jar@$VNU_VERSION" >/dev/null && tar -xzf "vnu-jar-$VNU_VERSION.tgz" package/build/dist/vnu.jar)
    mkdir -p "$VNU_DIR"
    mv "$scratch/package/build/dist/vnu.jar" "$VNU_DIR/vnu.jar"
    rm -rf "$scratch"
fi
echo "setup: done"
