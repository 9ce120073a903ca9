#!/usr/bin/env bash
# Installs the system programs the browser and spreadsheet tests need, when they are missing: Debian's Chromium
# (driven by playwright-core; never a downloaded browser) and headless LibreOffice Calc (an independent engine
# that recalculates the exported workbooks). `npm run setup:system`; .ci/run calls it too.
set -euo pipefail

need=()
{ [ -x /usr/bin/chromium ] && command -v chromium >/dev/null 2>&1; } || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)

if [ ${#need[@]} -eq 0 ]; then
  echo "setup:system: Chromium and LibreOffice are already installed; nothing to do."
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup:system: this machine has no apt-get (it is not Debian or Ubuntu), so nothing was installed." >&2
  echo "Install these with your system's package manager, then run the tests again: ${need[*]} (and a DejaVu font)." >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup:system: installing system packages needs root, and nothing was installed." >&2
  echo "Run it again as root: sudo npm run setup:system   (it will install: ${need[*]} fonts-dejavu-core)" >&2
  exit 1
fi

echo "setup:system: installing ${need[*]} fonts-dejavu-core (about a minute)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
echo "setup:system: done."
