import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort } from '@saeq/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { missingCommand, repoRoot, skipWhen } from './helpers.ts';

const scripts = ['scripts/deploy.sh', 'scripts/backup.sh', 'scripts/restore.sh'];

describe('deploy, backup and restore scripts', () => {
  it.each(scripts)('%s: strict mode and --help', (script) => {
    expect(readFileSync(join(repoRoot, script), 'utf8')).toContain('set -euo pipefail');
    const help = execFileSync('bash', [script, '--help'], { cwd: repoRoot, encoding: 'utf8' });
    expect(help).toMatch(/^Usage: /);
  });

  const noShellcheck = missingCommand('shellcheck', ['--version'], 'apt-get install -y shellcheck');
  it.skipIf(skipWhen('shellcheck of the scripts', noShellcheck))('pass shellcheck', () => {
    expect(() =>
      execFileSync('shellcheck', ['-x', ...scripts], { cwd: repoRoot, stdio: 'pipe' }),
    ).not.toThrow();
  });
});

/**
 * scripts/deploy.sh against a fake `docker` (first on PATH) that records its calls and plays a
 * compose project: `up` records the tag it starts; a small HTTP server stands for the stack's
 * /health/ready and answers 503 while a tag listed as broken is running.
 */
describe('scripts/deploy.sh', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saeq-deploy-'));
  const bin = join(dir, 'bin');
  const state = join(dir, 'state');
  const certs = join(dir, 'certs');
  const backups = join(dir, 'backups');
  const envFile = join(dir, 'env.prod');
  let health: Server;
  let healthUrl = '';

  const fakeDocker = `#!/usr/bin/env bash
# Fake docker for deploy.sh tests: logs every call, keeps the running tag in $STATE/running.
echo "$*" >>"$STATE/calls"
if [ "$1" = info ]; then exit 0; fi
if [ "$1" = inspect ]; then echo "saeq/gateway:$(cat "$STATE/running")"; exit 0; fi
[ "$1" = compose ] || exit 1
shift
while [ $# -gt 0 ]; do
  case $1 in -f | --env-file) shift 2 ;; *) break ;; esac
done
sub=$1
shift
case $sub in
  version) echo "Docker Compose version v2.29.0" ;;
  config) exit 0 ;;
  ps)
    if [ -s "$STATE/running" ]; then echo "cid-$*"; fi ;;
  build) echo "build SAEQ_TAG=$SAEQ_TAG" >>"$STATE/events" ;;
  up)
    echo "up SAEQ_TAG=$SAEQ_TAG" >>"$STATE/events"
    printf '%s' "$SAEQ_TAG" >"$STATE/running" ;;
  exec)
    case "$*" in
      *"pg_dump --version"*) echo "pg_dump (PostgreSQL) 15.8" ;;
      *pg_dump*) echo "backup" >>"$STATE/events"; printf 'PGDMP-fake-dump' ;;
    esac ;;
  run) printf 'fake-tar' ;;
  logs) echo "fake logs" ;;
esac
exit 0
`;

  beforeAll(async () => {
    mkdirSync(bin);
    mkdirSync(certs);
    writeFileSync(join(bin, 'docker'), fakeDocker);
    chmodSync(join(bin, 'docker'), 0o755);
    writeFileSync(join(certs, 'fullchain.pem'), 'cert');
    writeFileSync(join(certs, 'privkey.pem'), 'key');
    const port = await getFreePort();
    healthUrl = `http://127.0.0.1:${port}/health/ready`;
    health = createServer((_req, res) => {
      const running = existsSync(join(state, 'running')) ? readFileSync(join(state, 'running'), 'utf8') : '';
      const broken = existsSync(join(state, 'broken'))
        ? readFileSync(join(state, 'broken'), 'utf8').split('\n')
        : [];
      res.writeHead(running && !broken.includes(running) ? 200 : 503).end();
    });
    await new Promise<void>((r) => health.listen(port, '127.0.0.1', r));
  });

  afterAll(async () => {
    await new Promise((r) => health.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    rmSync(state, { recursive: true, force: true });
    rmSync(backups, { recursive: true, force: true });
    mkdirSync(state);
    writeFileSync(envFile, `TLS_CERT_DIR=${certs}   # certificates\nHTTPS_PORT=8443\n`, { mode: 0o600 });
  });

  function deploy(args: string[]): Promise<{ code: number; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(
        'bash',
        [
          'scripts/deploy.sh',
          '--env-file',
          envFile,
          '--backup-dir',
          backups,
          '--health-url',
          healthUrl,
          '--timeout',
          '2',
          ...args,
        ],
        {
          cwd: repoRoot,
          env: { PATH: `${bin}:${process.env.PATH ?? ''}`, STATE: state, HOME: dir },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.stdout.resume();
      child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
    });
  }
  const events = () =>
    existsSync(join(state, 'events')) ? readFileSync(join(state, 'events'), 'utf8').trim().split('\n') : [];

  it('refuses to run without a terminal unless --yes, before changing anything', async () => {
    const result = await deploy(['--tag', 'v2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pass --yes');
    expect(events()).toEqual([]);
  });

  it('stops before building when the TLS certificate is missing', async () => {
    rmSync(join(certs, 'privkey.pem'));
    try {
      const result = await deploy(['--yes', '--tag', 'v2']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('privkey.pem');
      expect(events()).toEqual([]);
    } finally {
      writeFileSync(join(certs, 'privkey.pem'), 'key');
    }
  });

  it('builds, backs up, then starts the new tag and records the deployment', async () => {
    writeFileSync(join(state, 'running'), 'v1');
    const result = await deploy(['--yes', '--tag', 'v2']);
    expect(result.stderr).toContain('deployed v2');
    expect(result.code).toBe(0);
    expect(events()).toEqual(['build SAEQ_TAG=v2', 'backup', 'up SAEQ_TAG=v2']);
    const backupDirs = readdirSync(backups).filter((d) => d.startsWith('pre-deploy-'));
    expect(backupDirs).toHaveLength(1);
    const backup = join(backups, backupDirs[0] ?? '');
    expect(readFileSync(join(backup, 'db.dump'), 'utf8')).toBe('PGDMP-fake-dump');
    expect(readFileSync(join(backup, 'manifest.txt'), 'utf8')).toContain(
      'note: before deploying v2 (running: v1)',
    );
    expect(readFileSync(join(backups, 'deploys.log'), 'utf8')).toMatch(
      /\tv2\tprevious=v1\tbackup=.*pre-deploy-/,
    );
  });

  it('rolls back to the running tag when the new one never becomes ready', async () => {
    writeFileSync(join(state, 'running'), 'v1');
    writeFileSync(join(state, 'broken'), 'v2');
    const result = await deploy(['--yes', '--tag', 'v2']);
    expect(result.code).toBe(2);
    expect(events()).toEqual(['build SAEQ_TAG=v2', 'backup', 'up SAEQ_TAG=v2', 'up SAEQ_TAG=v1']);
    expect(readFileSync(join(state, 'running'), 'utf8')).toBe('v1');
    expect(result.stderr).toContain('rolled back: v1 is serving again');
    expect(result.stderr).toContain('scripts/restore.sh --compose-file');
  });

  it('on a first deployment: no backup (no database yet), no rollback, exit 2 on failure', async () => {
    writeFileSync(join(state, 'broken'), 'v1');
    const result = await deploy(['--yes', '--tag', 'v1', '--skip-build']);
    expect(result.code).toBe(2);
    expect(events()).toEqual(['up SAEQ_TAG=v1']);
    expect(result.stderr).toContain('no previous version to roll back to');
  });

  it('adds docker-compose.file-blobs.yml to every compose call when the env file says BLOB_STORE=file', async () => {
    const composeCalls = () =>
      readFileSync(join(state, 'calls'), 'utf8')
        .trim()
        .split('\n')
        .filter((c) => c.startsWith('compose '));
    const override = `-f ${join(repoRoot, 'docker-compose.file-blobs.yml')}`;
    writeFileSync(join(state, 'running'), 'v1');
    expect((await deploy(['--yes', '--tag', 'v2', '--skip-backup', '--skip-build'])).code).toBe(0);
    expect(composeCalls().filter((c) => c.includes(override))).toEqual([]);

    rmSync(join(state, 'calls'));
    writeFileSync(envFile, `TLS_CERT_DIR=${certs}\nBLOB_STORE=file   # on this host\n`, { mode: 0o600 });
    const result = await deploy(['--yes', '--tag', 'v3', '--skip-backup', '--skip-build']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('BLOB_STORE=file');
    const calls = composeCalls();
    expect(calls.some((c) => / up /.test(` ${c} `))).toBe(true);
    for (const call of calls.filter((c) => !c.startsWith('compose version')))
      expect(call).toContain(override);
  });

  it('--skip-backup deploys without dumping', async () => {
    writeFileSync(join(state, 'running'), 'v1');
    const result = await deploy(['--yes', '--tag', 'v3', '--skip-backup', '--skip-build']);
    expect(result.code).toBe(0);
    expect(events()).toEqual(['up SAEQ_TAG=v3']);
  });
});
