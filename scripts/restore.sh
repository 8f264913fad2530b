#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh: the database (pg_restore --clean, in one
# transaction: all or nothing) and the plan files. Stop the services first (they would write
# during the restore and keep stale connections). See docs/operations.md, "Restoring a backup".
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/restore.sh [options] BACKUP

BACKUP is a directory written by scripts/backup.sh (db.dump, files.tar.gz, SHA256SUMS) or a
pg_dump custom-format file.

The database ends up as it was in the backup: by default every table, sequence, view and enum of
the public schema and the drizzle migration journal are dropped first (objects created after the
backup would otherwise survive and break the next migration), then the dump is replayed with
pg_restore --clean --if-exists. Everything runs in one transaction: on any error nothing changes.

Options:
  --database-url URL   target Postgres (default: $DATABASE_URL)
  --data-dir DIR       where files.tar.gz is extracted (default: $DATA_DIR, else ./data)
  --no-files           database only
  --no-wipe            only pg_restore --clean --if-exists (keeps objects the backup lacks)
  --compose-file FILE  Docker Compose deployment: restore through `docker compose exec postgres`
                       and into the gateway's /data volume (no local pg_restore needed)
  --env-file FILE      env file passed to docker compose (with --compose-file)
  -y, --yes            do not ask for confirmation
  -h, --help           this help
EOF
}

log() { printf '[restore] %s\n' "$*" >&2; }
die() {
  printf '[restore] error: %s\n' "$*" >&2
  exit 1
}

database_url=${DATABASE_URL:-}
data_dir=${DATA_DIR:-./data}
with_files=1
wipe=1
compose_file=
env_file=
assume_yes=0
backup=

while [ $# -gt 0 ]; do
  case $1 in
    --database-url) database_url=${2:?--database-url needs a value}; shift 2 ;;
    --data-dir) data_dir=${2:?--data-dir needs a value}; shift 2 ;;
    --no-files) with_files=0; shift ;;
    --no-wipe) wipe=0; shift ;;
    --compose-file) compose_file=${2:?--compose-file needs a value}; shift 2 ;;
    --env-file) env_file=${2:?--env-file needs a value}; shift 2 ;;
    -y | --yes) assume_yes=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; die "unknown option: $1" ;;
    *)
      [ -z "$backup" ] || die "only one BACKUP may be given"
      backup=$1
      shift
      ;;
  esac
done

[ -n "$backup" ] || { usage >&2; die "which backup? (a directory made by scripts/backup.sh)"; }
if [ -d "$backup" ]; then
  dump="$backup/db.dump"
  files="$backup/files.tar.gz"
  [ -f "$dump" ] || die "no db.dump in $backup"
  if [ -f "$backup/SHA256SUMS" ]; then
    (cd "$backup" && sha256sum --quiet --check SHA256SUMS) || die "checksum mismatch in $backup: the backup is damaged"
  else
    log "warning: no SHA256SUMS in $backup, integrity not checked"
  fi
elif [ -f "$backup" ]; then
  dump=$backup
  files=
else
  die "backup not found: $backup"
fi
if [ "$with_files" = 1 ] && { [ -z "$files" ] || [ ! -f "$files" ]; }; then
  log "no files.tar.gz in this backup: restoring the database only"
  with_files=0
fi

compose=()
if [ -n "$compose_file" ]; then
  [ -f "$compose_file" ] || die "compose file not found: $compose_file"
  command -v docker >/dev/null || die "docker is not installed"
  compose=(docker compose -f "$compose_file")
  if [ -n "$env_file" ]; then compose+=(--env-file "$env_file"); fi
  target_desc="compose service postgres ($compose_file)"
  files_desc="the gateway's /data volume"
else
  [ -n "$database_url" ] || die "no database: set DATABASE_URL or pass --database-url"
  for tool in pg_restore psql; do command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install postgresql-client-15)"; done
  target_desc=$(printf '%s' "$database_url" | sed -E 's#(://[^:/@]*):[^@]*@#\1:***@#')
  files_desc=$data_dir
fi

# Reads the dump's table of contents: a truncated or foreign file fails here, before any change.
pg_restore_cmd() {
  if [ ${#compose[@]} -gt 0 ]; then
    "${compose[@]}" exec -T postgres pg_restore "$@"
  else
    pg_restore "$@"
  fi
}
pg_restore_cmd --list <"$dump" >/dev/null || die "$dump is not a readable pg_dump custom-format archive"

printf '[restore] about to REPLACE the database %s\n' "$target_desc" >&2
if [ "$with_files" = 1 ]; then printf '[restore] and extract plan files into %s\n' "$files_desc" >&2; fi
printf '[restore] from %s\n' "$backup" >&2
if [ -f "${backup%/}/manifest.txt" ]; then sed 's/^/[restore]   /' "${backup%/}/manifest.txt" >&2; fi
if [ "$assume_yes" != 1 ]; then
  [ -t 0 ] || die "not a terminal: pass --yes to restore without confirmation"
  read -r -p "Type 'restore' to continue: " answer
  [ "$answer" = restore ] || die "cancelled"
fi

wipe_sql=$(
  cat <<'SQL'
DROP SCHEMA IF EXISTS drizzle CASCADE;
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT viewname FROM pg_views WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP VIEW IF EXISTS public.%I CASCADE', r.viewname);
  END LOOP;
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.tablename);
  END LOOP;
  FOR r IN SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', r.sequence_name);
  END LOOP;
  FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
           WHERE n.nspname = 'public' AND t.typtype = 'e' LOOP
    EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', r.typname);
  END LOOP;
END $$;
SQL
)

psql_cmd() {
  if [ ${#compose[@]} -gt 0 ]; then
    # shellcheck disable=SC2016 # expanded by the container's shell, from its own environment
    "${compose[@]}" exec -T postgres sh -c 'exec psql -X -q -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'
  else
    psql -X -q -v ON_ERROR_STOP=1 --dbname="$database_url"
  fi
}

log "restoring the database"
# One transaction: COMMIT is sent only when pg_restore produced the whole script; on an SQL
# error psql stops (ON_ERROR_STOP) and the server rolls everything back.
{
  echo 'BEGIN;'
  echo 'SET client_min_messages = warning;'
  if [ "$wipe" = 1 ]; then printf '%s\n' "$wipe_sql"; fi
  pg_restore_cmd --clean --if-exists --no-owner --no-privileges --file=- <"$dump" && echo 'COMMIT;'
} | psql_cmd >/dev/null
log "database restored"

if [ "$with_files" = 1 ]; then
  log "extracting plan files"
  if [ ${#compose[@]} -gt 0 ]; then
    "${compose[@]}" run --rm --no-deps -T --entrypoint tar gateway -C /data -xzf - <"$files"
  else
    mkdir -p "$data_dir"
    tar -C "$data_dir" -xzf "$files"
  fi
  log "plan files restored into $files_desc"
fi
log "done: start the services again (they apply any newer migrations at start)"
