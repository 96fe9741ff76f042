#!/usr/bin/env bash
# `./cnode test`: sets up what the tests need from outside the JVM, then runs the whole suite
# (compiled with all warnings as errors). With --skip-external it runs without the external
# tools and ends with a loud list of what it skipped. Other arguments go to Maven, e.g.
# `./cnode test -Dtest='cnode.soap.**'`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
skip_external=0
maven_args=()
for arg in "$@"; do
  case "$arg" in
    --skip-external) skip_external=1 ;;
    *) maven_args+=("$arg") ;;
  esac
done

# What the tests need beyond a JDK and Maven, as "command:debian-package" pairs. Each issue
# whose tests drive an outside tool adds it here (php-soap, python3-zeep, Chromium); the
# probes below add what a command alone cannot show (PostgreSQL: its own block).
requirements=("php:php-cli" "/usr/bin/python3:python3")
# The browser test drives Debian's Chromium through Debian's chromedriver, at these paths
# exactly (Selenium is told them and never downloads a driver).
requirements+=("/usr/bin/chromium:chromium" "/usr/bin/chromedriver:chromium-driver")

missing=()
for req in "${requirements[@]}"; do
  command -v "${req%%:*}" >/dev/null 2>&1 || missing+=("${req#*:}")
done
# Libraries are not commands: probe that they load. Debian's own /usr/bin/python3, since the
# python3 on PATH may be another one without zeep.
php -r 'exit(extension_loaded("soap") ? 0 : 1);' >/dev/null 2>&1 || missing+=("php-soap")
/usr/bin/python3 -c 'import zeep' >/dev/null 2>&1 || missing+=("python3-zeep")

# PostgreSQL: the store suites and one whole-node test log in to a local cluster on
# 127.0.0.1:5432 as the role cnode_test (password cnode_test, CREATEDB), and each test class
# creates and drops a database of its own (docs/TESTING.md). A server that already lets the
# role in is enough; otherwise the server package is needed, and as root the cluster is
# started and the role created below.
pg_port=5432
pg_accepts() {  # the role cnode_test can log in over TCP
  PGPASSWORD=cnode_test PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p "$pg_port" -U cnode_test \
    -d postgres -tAc 'SELECT 1' >/dev/null 2>&1
}
pg_installed() {
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null && command -v pg_ctlcluster >/dev/null
}
pg_accepts || pg_installed || missing+=("postgresql")
skipped=()
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$skip_external" = 1 ]; then
    skipped=("${missing[@]}")
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "cnode test: installing ${missing[*]} from Debian..." >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "cnode test: the tests need these packages: ${missing[*]}" >&2
    echo "cnode test: install them, or run './cnode test --skip-external' to leave them out." >&2
    exit 1
  fi
fi

# Starts the newest installed cluster (creating it if Debian did not), waits until it takes
# connections, and creates or repairs the test role. Root only; failures show in pg_accepts.
pg_set_up() {
  local version
  version=$(find /etc/postgresql -mindepth 2 -maxdepth 2 -name main 2>/dev/null \
    | awk -F/ '{print $4}' | sort -V | tail -n 1 || true)
  if [ -z "$version" ]; then
    version=$(compgen -G '/usr/lib/postgresql/*/bin/postgres' | awk -F/ '{print $5}' \
      | sort -V | tail -n 1 || true)
    [ -n "$version" ] || return 0
    pg_createcluster "$version" main >/dev/null || return 0
  fi
  echo "cnode test: starting PostgreSQL $version (cluster main) and the role cnode_test..." >&2
  pg_ctlcluster "$version" main start >/dev/null 2>&1 || true  # may be running already
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$pg_port" && break
    sleep 0.5
  done
  (cd / && runuser -u postgres -- psql -q -p "$pg_port" -v ON_ERROR_STOP=1 >/dev/null) <<'SQL' || true
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cnode_test') THEN
    CREATE ROLE cnode_test LOGIN PASSWORD 'cnode_test' CREATEDB;
  ELSE
    ALTER ROLE cnode_test LOGIN PASSWORD 'cnode_test' CREATEDB;
  END IF;
END $$;
SQL
}

if pg_accepts; then
  :
elif [ "$skip_external" = 1 ]; then
  [[ " ${skipped[*]} " == *" postgresql "* ]] \
    || skipped+=("PostgreSQL (no server lets cnode_test in on 127.0.0.1:$pg_port)")
else
  [ "$(id -u)" = 0 ] && pg_set_up
  if ! pg_accepts; then
    echo "cnode test: PostgreSQL on 127.0.0.1:$pg_port does not let the role cnode_test in." >&2
    echo "cnode test: as root, ./cnode test starts the cluster and creates the role; by hand:" >&2
    echo "cnode test:   pg_ctlcluster VERSION main start, then as postgres: psql -c" \
      "\"CREATE ROLE cnode_test LOGIN PASSWORD 'cnode_test' CREATEDB\"" >&2
    echo "cnode test: or run './cnode test --skip-external' to leave the PostgreSQL tests out." >&2
    exit 1
  fi
fi

cd "$root"
status=0
mvn -B -ntp verify -Dcnode.skipExternal="$skip_external" "${maven_args[@]}" || status=$?
if [ ${#skipped[@]} -gt 0 ]; then
  printf '\n!!! cnode test ran WITHOUT these external tools: %s\n' "${skipped[*]}" >&2
  printf '!!! the tests that need them were skipped; this run proves less.\n\n' >&2
fi
exit "$status"
