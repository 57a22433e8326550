#!/usr/bin/env bash
# ensure-e2e-tools.sh: installs what the end-to-end tests need, when missing.
#   - code-server (VS Code 1.100.3 for the browser) and Debian's Chromium, through
#     the shared installer ../shared/tools/install-code-server.sh, into
#     .vscode-test/code-server (under a second when already installed);
#   - Neovim, the second LSP client (apt-get as root, else an error saying what to install).
# Idempotent. Run by `npm run test:e2e` (and so by `npm test` and .ci/run).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="$(dirname "$repo")/shared"
installer="$shared/tools/install-code-server.sh"

die() { echo "[ensure-e2e-tools] ERROR: $*" >&2; exit 1; }

[ -f "$installer" ] || die "$installer not found: the end-to-end tests expect the shared tools directory beside the repository ($shared)."
code_server="$(bash "$installer" "$repo/.vscode-test/code-server" | tail -n 1)"
[ -x "$code_server" ] || die "the installer did not produce a code-server binary (got: $code_server)"

if ! command -v nvim >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "[ensure-e2e-tools] apt-get install neovim" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2 && apt-get install -y neovim >&2
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "[ensure-e2e-tools] sudo apt-get install neovim" >&2
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update >&2
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y neovim >&2
  else
    die "Neovim (nvim) is missing and this user cannot install packages: install it (Debian/Ubuntu: sudo apt-get install -y neovim), then re-run."
  fi
fi
command -v nvim >/dev/null 2>&1 || die "nvim still not found after installing neovim"
echo "[ensure-e2e-tools] code-server: $code_server; chromium: /usr/bin/chromium; nvim: $(command -v nvim)" >&2
