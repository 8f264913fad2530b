#!/usr/bin/env bash
# Deploys SAEQ with docker-compose.prod.yml on this host: checks prerequisites, builds images
# tagged with the git revision, backs the database up (pg_dump) before the new services migrate
# it, starts them, verifies /health/ready, and rolls back to the previous image tag on failure.
# See docs/deployment.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/deploy.sh [options]

Options:
  --env-file FILE      deployment settings (default: <repo>/.env.prod; model: infra/env.prod.example)
  --compose-file FILE  compose file (default: <repo>/docker-compose.prod.yml)
  --tag TAG            image tag to build and run (default: git revision, "-dirty" when the
                       work tree has changes, else a UTC timestamp)
  --skip-build         do not build: the images <registry>/<service>:TAG must exist already
  --skip-backup        do not back the database up before starting the new version
  --backup-dir DIR     where pre-deploy backups go (default: $BACKUP_DIR, else <repo>/backups)
  --keep N             backups kept in --backup-dir (default: 14)
  --health-url URL     checked after start (default: https://127.0.0.1:<HTTPS_PORT>/health/ready;
                       certificate not verified, it is a local check)
  --timeout SECONDS    wait for healthy services this long (default: 180)
  -y, --yes            do not ask for confirmation (required without a terminal)
  -h, --help           this help

Exit status: 0 deployed; 1 failed before anything changed; 2 failed after start and rolled back
(or could not roll back: see the messages).
EOF
}

log() { printf '[deploy] %s\n' "$*" >&2; }
die() {
  printf '[deploy] error: %s\n' "$*" >&2
  exit 1
}

root=$(cd "$(dirname "$0")/.." && pwd)

env_file=$root/.env.prod
compose_file=$root/docker-compose.prod.yml
tag=
skip_build=0
skip_backup=0
backup_dir=${BACKUP_DIR:-$root/backups}
keep=14
health_url=
timeout=180
assume_yes=0

while [ $# -gt 0 ]; do
  case $1 in
    --env-file) env_file=${2:?--env-file needs a value}; shift 2 ;;
    --compose-file) compose_file=${2:?--compose-file needs a value}; shift 2 ;;
    --tag) tag=${2:?--tag needs a value}; shift 2 ;;
    --skip-build) skip_build=1; shift ;;
    --skip-backup) skip_backup=1; shift ;;
    --backup-dir) backup_dir=${2:?--backup-dir needs a value}; shift 2 ;;
    --keep) keep=${2:?--keep needs a value}; shift 2 ;;
    --health-url) health_url=${2:?--health-url needs a value}; shift 2 ;;
    --timeout) timeout=${2:?--timeout needs a value}; shift 2 ;;
    -y | --yes) assume_yes=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
[[ $timeout =~ ^[0-9]+$ ]] || die "--timeout must be a number of seconds"
if [ -n "$tag" ] && [[ ! $tag =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]]; then die "invalid image tag: $tag"; fi

# Value of NAME in the env file (last assignment wins, trailing comment and quotes removed).
env_value() {
  local line
  line=$(grep -E "^[[:space:]]*$1=" "$env_file" | tail -n 1 || true)
  line=${line#*=}
  line=$(printf '%s' "$line" | sed -E 's/[[:space:]]+#.*$//; s/^[[:space:]]+//; s/[[:space:]]+$//')
  line=${line#\"}
  line=${line%\"}
  line=${line#\'}
  line=${line%\'}
  printf '%s' "$line"
}

# --- prerequisites ---------------------------------------------------------------------
log "checking prerequisites"
for tool in docker curl; do command -v "$tool" >/dev/null || die "$tool is not installed"; done
docker compose version >/dev/null 2>&1 || die "the docker compose plugin (v2) is not installed"
docker info >/dev/null 2>&1 || die "cannot reach the Docker daemon (running? permissions?)"
[ -f "$compose_file" ] || die "compose file not found: $compose_file"
[ -f "$env_file" ] || die "env file not found: $env_file (copy infra/env.prod.example and fill it in)"
if [ -n "$(find "$env_file" -perm /o+r 2>/dev/null)" ]; then
  log "warning: $env_file is readable by everyone; it holds passwords (chmod 600 $env_file)"
fi
compose=(docker compose -f "$compose_file" --env-file "$env_file")
# Blobs on the host instead of the bucket: the workers need the gateway's plans volume too.
if [ "$(env_value BLOB_STORE)" = file ]; then
  blobs_override=$(dirname "$compose_file")/docker-compose.file-blobs.yml
  [ -f "$blobs_override" ] || die "BLOB_STORE=file needs $blobs_override"
  compose+=(-f "$blobs_override")
  log "BLOB_STORE=file: workers share the plans volume ($blobs_override)"
fi
config_errors=$("${compose[@]}" config -q 2>&1) || die "invalid configuration: $config_errors"
cert_dir=$(env_value TLS_CERT_DIR)
if [ -n "$cert_dir" ]; then
  for pem in fullchain.pem privkey.pem; do
    [ -r "$cert_dir/$pem" ] || die "TLS certificate file missing or unreadable: $cert_dir/$pem"
  done
fi
https_port=$(env_value HTTPS_PORT)
health_url=${health_url:-https://127.0.0.1:${https_port:-443}/health/ready}

if [ -z "$tag" ]; then
  if rev=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null); then
    tag=$rev
    if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then tag="$rev-dirty"; fi
  else
    tag=$(date -u +%Y%m%d%H%M%S)
  fi
fi

# The tag of the running gateway, to roll back to.
previous_tag=
running=$("${compose[@]}" ps -q gateway 2>/dev/null | head -n 1 || true)
if [ -n "$running" ]; then
  image=$(docker inspect --format '{{.Config.Image}}' "$running" 2>/dev/null || true)
  case $image in *:*) previous_tag=${image##*:} ;; esac
fi
postgres_running=$("${compose[@]}" ps -q postgres 2>/dev/null | head -n 1 || true)

log "compose file:  $compose_file (env: $env_file)"
log "new tag:       $tag"
log "running tag:   ${previous_tag:-(none: first deployment, no rollback possible)}"
if [ "$skip_backup" = 1 ]; then
  log "backup:        skipped (--skip-backup)"
elif [ -n "$postgres_running" ]; then
  log "backup:        pg_dump + plan files into $backup_dir before the new version starts"
else
  log "backup:        none (Postgres is not running yet)"
fi
log "health check:  $health_url (timeout ${timeout}s)"
if [ "$assume_yes" != 1 ]; then
  [ -t 0 ] || die "not a terminal: pass --yes to deploy without confirmation"
  read -r -p "Deploy $tag? [y/N] " answer
  case $answer in y | Y | yes | oui) ;; *) die "cancelled" ;; esac
fi

export SAEQ_TAG=$tag

# --- build -----------------------------------------------------------------------------
if [ "$skip_build" = 1 ]; then
  log "skipping build (--skip-build)"
else
  log "building images ($tag)"
  "${compose[@]}" build --pull || die "build failed; nothing was changed"
fi

# --- backup before the new version migrates the database -------------------------------
backup_path=
if [ "$skip_backup" != 1 ] && [ -n "$postgres_running" ]; then
  log "backing up before migrating"
  backup_path=$("$root/scripts/backup.sh" --compose-file "$compose_file" --env-file "$env_file" \
    --out "$backup_dir" --keep "$keep" --prefix pre-deploy --note "before deploying $tag (running: ${previous_tag:-none})" --quiet) ||
    die "backup failed; nothing was changed (--skip-backup to deploy anyway)"
  log "backup: $backup_path"
fi

# --- start and verify --------------------------------------------------------------------
healthy() {
  local deadline=$((SECONDS + timeout))
  until curl -fsSk --max-time 5 -o /dev/null "$health_url"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 2
  done
}

start() { # tag
  SAEQ_TAG=$1 "${compose[@]}" up -d --remove-orphans --wait --wait-timeout "$timeout"
}

log "starting $tag (services migrate the database at start, one at a time)"
if start "$tag" && healthy; then
  mkdir -p "$backup_dir"
  printf '%s\t%s\tprevious=%s\tbackup=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$tag" "${previous_tag:--}" "${backup_path:--}" >>"$backup_dir/deploys.log"
  log "deployed $tag: $health_url answers"
  exit 0
fi

log "the new version is not healthy; recent logs:"
"${compose[@]}" logs --tail 50 gateway worker-pdf worker-agents worker-bom >&2 || true
if [ -z "$previous_tag" ] || [ "$previous_tag" = "$tag" ]; then
  log "no previous version to roll back to: fix the problem and deploy again"
  exit 2
fi
log "rolling back to $previous_tag"
if start "$previous_tag" && healthy; then
  log "rolled back: $previous_tag is serving again"
else
  log "rollback did not become healthy either"
fi
if [ -n "$backup_path" ]; then
  log "the new version may have migrated the database. If $previous_tag fails on the new schema,"
  log "restore the pre-deploy backup (services stopped):"
  log "  scripts/restore.sh --compose-file $compose_file --env-file $env_file $backup_path"
fi
exit 2
