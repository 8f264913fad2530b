#!/usr/bin/env bash
# Backs up SAEQ: the Postgres database (pg_dump, custom format) and the plan files under DATA_DIR
# (tar.gz), into one timestamped directory, then keeps only the newest N backups.
# Restore with scripts/restore.sh. See docs/operations.md, "Backups".
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/backup.sh [options]

Writes <out>/<prefix>-<UTC timestamp>/ with db.dump (pg_dump -Fc), files.tar.gz (DATA_DIR without
the embedded database), manifest.txt and SHA256SUMS; prints that directory on the last line.

Options:
  --database-url URL   Postgres to dump (default: $DATABASE_URL)
  --data-dir DIR       plan files to archive (default: $DATA_DIR, else ./data)
  --no-files           database only
  --out DIR            where backups are written (default: $BACKUP_DIR, else ./backups)
  --prefix PREFIX      backup name prefix (default: saeq); deploy.sh uses pre-deploy
  --keep N             keep the N newest <prefix>-<timestamp> backups in --out, 0 keeps all
                       (default: $BACKUP_KEEP, else 7); other prefixes are never touched
  --note TEXT          recorded in manifest.txt (e.g. the version being deployed)
  --compose-file FILE  Docker Compose deployment: dump through `docker compose exec postgres`
                       and archive the gateway's /data volume (no local pg_dump needed)
  --env-file FILE      env file passed to docker compose (with --compose-file)
  -q, --quiet          only the backup directory on stdout
  -h, --help           this help

Needs pg_dump 15+ (or docker with --compose-file), tar, gzip and sha256sum.
EOF
}

log() { [ "$quiet" = 1 ] || printf '[backup] %s\n' "$*" >&2; }
die() {
  printf '[backup] error: %s\n' "$*" >&2
  exit 1
}

database_url=${DATABASE_URL:-}
data_dir=${DATA_DIR:-./data}
with_files=1
out_dir=${BACKUP_DIR:-./backups}
keep=${BACKUP_KEEP:-7}
prefix=saeq
note=
compose_file=
env_file=
quiet=0

while [ $# -gt 0 ]; do
  case $1 in
    --database-url) database_url=${2:?--database-url needs a value}; shift 2 ;;
    --data-dir) data_dir=${2:?--data-dir needs a value}; shift 2 ;;
    --no-files) with_files=0; shift ;;
    --out) out_dir=${2:?--out needs a value}; shift 2 ;;
    --keep) keep=${2:?--keep needs a value}; shift 2 ;;
    --prefix) prefix=${2:?--prefix needs a value}; shift 2 ;;
    --note) note=${2:?--note needs a value}; shift 2 ;;
    --compose-file) compose_file=${2:?--compose-file needs a value}; shift 2 ;;
    --env-file) env_file=${2:?--env-file needs a value}; shift 2 ;;
    -q | --quiet) quiet=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

[[ $keep =~ ^[0-9]+$ ]] || die "--keep must be a number, got '$keep'"
[[ $prefix =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || die "--prefix may only contain letters, digits, . _ -"

compose=()
if [ -n "$compose_file" ]; then
  [ -f "$compose_file" ] || die "compose file not found: $compose_file"
  compose=(docker compose -f "$compose_file")
  if [ -n "$env_file" ]; then compose+=(--env-file "$env_file"); fi
  command -v docker >/dev/null || die "docker is not installed"
else
  [ -n "$database_url" ] || die "no database: set DATABASE_URL or pass --database-url (the embedded PGlite of pnpm start is backed up by stopping it and archiving DATA_DIR)"
  command -v pg_dump >/dev/null || die "pg_dump is not installed (apt-get install postgresql-client-15)"
  if [ "$with_files" = 1 ] && [ ! -d "$data_dir" ]; then die "data directory not found: $data_dir (or pass --no-files)"; fi
fi
for tool in tar gzip sha256sum; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

# Passwords never go to the manifest or the logs.
mask_url() { printf '%s' "$1" | sed -E 's#(://[^:/@]*):[^@]*@#\1:***@#'; }

umask 077
mkdir -p "$out_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
name="$prefix-$stamp"
target="$out_dir/$name"
[ ! -e "$target" ] || die "backup already exists: $target"
# Written under a hidden name and renamed at the end: an interrupted backup never looks complete.
work="$out_dir/.$name.partial"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

log "dumping the database"
if [ ${#compose[@]} -gt 0 ]; then
  # shellcheck disable=SC2016 # expanded by the container's shell, from its own environment
  "${compose[@]}" exec -T postgres sh -c 'exec pg_dump --format=custom --no-owner --no-privileges -U "$POSTGRES_USER" -d "$POSTGRES_DB"' >"$work/db.dump"
  source_db="compose service postgres ($compose_file)"
  dump_version=$("${compose[@]}" exec -T postgres pg_dump --version | tr -d '\r')
else
  pg_dump --format=custom --no-owner --no-privileges --file="$work/db.dump" --dbname="$database_url"
  source_db=$(mask_url "$database_url")
  dump_version=$(pg_dump --version)
fi
[ -s "$work/db.dump" ] || die "pg_dump produced an empty file"

if [ "$with_files" = 1 ]; then
  log "archiving plan files"
  if [ ${#compose[@]} -gt 0 ]; then
    # The containers' /data holds plan files only; their tar is busybox's (no --exclude).
    "${compose[@]}" run --rm --no-deps -T --entrypoint tar gateway -C /data -czf - . >"$work/files.tar.gz"
  else
    # pgdata (embedded PGlite) and redis (pnpm start's Redis) are databases, not files to copy live.
    tar -C "$data_dir" --exclude=./pgdata --exclude=./redis -czf "$work/files.tar.gz" .
  fi
  source_files=${compose_file:+compose volume of the gateway (/data)}
  source_files=${source_files:-$data_dir}
else
  source_files="(not included)"
fi

{
  echo "name: $name"
  echo "created_at: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "database: $source_db"
  echo "pg_dump: $dump_version"
  echo "files: $source_files"
  if [ -n "$note" ]; then echo "note: $note"; fi
  if git_rev=$(git rev-parse --short HEAD 2>/dev/null); then echo "git_revision: $git_rev"; fi
} >"$work/manifest.txt"
sums=(db.dump manifest.txt)
if [ "$with_files" = 1 ]; then sums+=(files.tar.gz); fi
(cd "$work" && sha256sum -- "${sums[@]}" >SHA256SUMS)

mv "$work" "$target"
trap - EXIT
log "backup written: $target ($(du -sh "$target" | cut -f1))"

if [ "$keep" -gt 0 ]; then
  # Only <prefix>-<timestamp> backups are pruned; their names sort chronologically.
  mapfile -t ours < <(find "$out_dir" -mindepth 1 -maxdepth 1 -type d -name "$prefix-*" -printf '%f\n' | sort -r)
  kept=0
  for dir in "${ours[@]}"; do
    [[ $dir =~ ^${prefix//./\\.}-[0-9]{8}T[0-9]{6}Z$ ]] || continue
    kept=$((kept + 1))
    if [ "$kept" -gt "$keep" ]; then
      log "removing old backup $dir"
      rm -rf -- "${out_dir:?}/$dir"
    fi
  done
fi

printf '%s\n' "$target"
