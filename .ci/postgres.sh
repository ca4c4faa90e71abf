#!/usr/bin/env bash
# Throwaway PostgreSQL server for the ledger's PostgreSQL test suite.
#
#   source .ci/postgres.sh start   # installs PostgreSQL if needed, starts it, exports XBORDER_TEST_PG
#   .ci/postgres.sh stop           # stops it and deletes its data directory
#
# Executed (not sourced), `start` prints `export ...` lines, so `eval "$(.ci/postgres.sh start)"` also works.
# The server listens on 127.0.0.1 only, with trust authentication and fsync off: it is for tests, never for data.

_xb_pg_state_file="${XBORDER_PG_STATE:-${TMPDIR:-/tmp}/xborder-test-pg.state}"

_xb_pg_log() { echo "postgres.sh: $*" >&2; }

# Newest server binaries: PATH first, then Debian's versioned directories.
_xb_pg_bindir() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

_xb_pg_install() {
  _xb_pg_log "no PostgreSQL server binaries found; installing Debian's postgresql package"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # Do not let the package create and start its own cluster: we only want the binaries.
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    $sudo mkdir -p /etc/postgresql-common &&
      echo 'create_main_cluster = false' | $sudo tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

# Runs a command as the server's owner: PostgreSQL refuses to run as root.
_xb_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

_xb_pg_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

_xb_pg_start() {
  local bindir dir port db="xborder_test"
  bindir="$(_xb_pg_bindir)" || { _xb_pg_install && bindir="$(_xb_pg_bindir)"; } || {
    _xb_pg_log "cannot find or install PostgreSQL"; return 1; }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres || return 1
  fi
  port="${XBORDER_PG_PORT:-54329}"
  while ! _xb_pg_port_free "$port"; do port=$((port + 1)); done
  dir="$(mktemp -d "${TMPDIR:-/tmp}/xborder-pg.XXXXXX")" || return 1
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  _xb_pg_as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
    _xb_pg_log "initdb failed:"; cat "$dir/initdb.log" >&2; return 1; }
  _xb_pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" \
    >/dev/null || { _xb_pg_log "server did not start:"; cat "$dir/server.log" >&2; return 1; }
  _xb_pg_as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db" || return 1
  printf '%s\n%s\n' "$dir" "$bindir" >"$_xb_pg_state_file"
  export XBORDER_TEST_PG="postgres://postgres@127.0.0.1:$port/$db"
  export XBORDER_TEST_PG_DIR="$dir"
  _xb_pg_log "PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') running; XBORDER_TEST_PG=$XBORDER_TEST_PG"
  echo "export XBORDER_TEST_PG='$XBORDER_TEST_PG'"
  echo "export XBORDER_TEST_PG_DIR='$dir'"
}

_xb_pg_stop() {
  local dir="${XBORDER_TEST_PG_DIR:-}" bindir=""
  if [ -f "$_xb_pg_state_file" ]; then
    [ -z "$dir" ] && dir="$(sed -n 1p "$_xb_pg_state_file")"
    bindir="$(sed -n 2p "$_xb_pg_state_file")"
  fi
  [ -z "$bindir" ] && bindir="$(_xb_pg_bindir)"
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then _xb_pg_log "no test server to stop"; return 0; fi
  _xb_pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || _xb_pg_log "pg_ctl stop failed"
  rm -rf -- "$dir" "$_xb_pg_state_file"
  unset XBORDER_TEST_PG XBORDER_TEST_PG_DIR
  _xb_pg_log "stopped and removed $dir"
}

_xb_pg_main() {
  case "${1:-}" in
    start) _xb_pg_start ;;
    stop) _xb_pg_stop ;;
    *) echo "usage: source .ci/postgres.sh start | .ci/postgres.sh stop" >&2; return 2 ;;
  esac
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: the exports land in the caller's shell; keep stdout quiet, and leave the caller's shell options alone.
  _xb_pg_main "$@" >/dev/null
else
  set -u
  _xb_pg_main "$@"
fi
