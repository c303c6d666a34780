#!/usr/bin/env bash
# Installs what the tests need, then runs every test once.
#
#   bash scripts/test.sh                 # embedded PGlite
#   DATABASE_URL=postgres://… bash scripts/test.sh   # a PostgreSQL server (tests create and drop
#                                                    # their own databases through it)
#   bash scripts/test.sh apps/server/src/modules/accounts   # only some tests
#
# ATRIUM_TEST_REPORT=file.json also writes Vitest's JSON report there (CI counts totals from it).
set -euo pipefail
cd "$(dirname "$0")/.."

# npm dependencies: install when missing or when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi

# Browser tests drive Debian's Chromium (with a CJK font, or Chinese renders as boxes). Installed
# through apt only when missing; never through a tool that downloads its own browser build.
if [ ! -x /usr/bin/chromium ] || [ ! -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  else
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null ||
      echo "warning: /usr/bin/chromium is missing and could not be installed; browser tests will fail" >&2
  fi
fi

# Translation tests run the real Apertium engine (Debian's `apertium` with the English–Spanish
# pair `apertium-eng-spa`, not the empty `apertium-en-es`). Installed through apt only when missing.
if ! command -v apertium >/dev/null || [ ! -e /usr/share/apertium/modes/eng-spa.mode ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq apertium apertium-eng-spa >/dev/null
  else
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apertium apertium-eng-spa >/dev/null ||
      echo "warning: apertium is missing and could not be installed; translation tests will fail" >&2
  fi
fi

# The multi-node test puts Debian's nginx in front of several server processes (started by the
# test itself, in the foreground, on free ports; the package's own service is not used).
if [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq nginx >/dev/null
  else
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null ||
      echo "warning: nginx is missing and could not be installed; the multi-node test will fail" >&2
  fi
fi

# The NATS outage test starts (and kills) a private `nats-server` from Debian on a free port; the
# machine's own NATS is left alone.
if ! command -v nats-server >/dev/null && [ ! -x /usr/sbin/nats-server ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq nats-server >/dev/null
  else
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null ||
      echo "warning: nats-server is missing and could not be installed; the NATS outage test will fail" >&2
  fi
fi

# Video tests run Debian's ffmpeg (and its ffprobe) on clips they generate. Installed through apt
# only when missing (never a tool that downloads its own build).
if ! command -v ffmpeg >/dev/null || ! command -v ffprobe >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq ffmpeg >/dev/null
  else
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null ||
      echo "warning: ffmpeg is missing and could not be installed; video tests will fail" >&2
  fi
fi

# ATRIUM_TEST_SETUP_ONLY=1 installs what the tests need and stops (CI does it once, then runs the
# two databases side by side).
if [ -n "${ATRIUM_TEST_SETUP_ONLY:-}" ]; then exit 0; fi

args=(run)
if [ -n "${ATRIUM_TEST_REPORT:-}" ]; then
  mkdir -p "$(dirname "$ATRIUM_TEST_REPORT")"
  args+=(--reporter=default --reporter=json "--outputFile.json=$ATRIUM_TEST_REPORT")
fi
exec npx vitest "${args[@]}" "$@"
