#!/usr/bin/env bash
# Installs the system programs argmap's diagrams and tests need, from Debian's packages:
#   graphviz           - the `dot` layout program that draws the diagrams
#   fonts-dejavu-core  - the font the diagrams name first (any sans-serif font would do)
#   chromium           - for the browser test of the interactive page (make test only)
#   nodejs, npm        - for the official Argdown CLI the interchange tests run (make test only)
# Nothing is installed when everything is already there.
set -euo pipefail

need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  command -v npm >/dev/null 2>&1 || need+=(npm)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "argmap needs these Debian packages: ${need[*]}; install them as root (apt-get install ${need[*]})" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "argmap needs: ${need[*]} (no apt-get here: install them with your system's package manager)" >&2
  exit 1
fi
echo "installing ${need[*]} from Debian's packages" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
