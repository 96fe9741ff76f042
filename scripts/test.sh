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
# whose tests drive an outside tool adds it here (PostgreSQL, php-soap, python3-zeep, Chromium).
requirements=("php:php-cli" "/usr/bin/python3:python3")

missing=()
for req in "${requirements[@]}"; do
  command -v "${req%%:*}" >/dev/null 2>&1 || missing+=("${req#*:}")
done
# Libraries are not commands: probe that they load. Debian's own /usr/bin/python3, since the
# python3 on PATH may be another one without zeep.
php -r 'exit(extension_loaded("soap") ? 0 : 1);' >/dev/null 2>&1 || missing+=("php-soap")
/usr/bin/python3 -c 'import zeep' >/dev/null 2>&1 || missing+=("python3-zeep")
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

cd "$root"
status=0
mvn -B -ntp verify -Dcnode.skipExternal="$skip_external" "${maven_args[@]}" || status=$?
if [ ${#skipped[@]} -gt 0 ]; then
  printf '\n!!! cnode test ran WITHOUT these external tools: %s\n' "${skipped[*]}" >&2
  printf '!!! the tests that need them were skipped; this run proves less.\n\n' >&2
fi
exit "$status"
