import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  asRecord,
  dig,
  hasCommand,
  infraDir,
  listFiles,
  readYaml,
  readYamlDocuments,
  repoRoot,
  skipWhen,
} from './helpers.ts';

const appServices = ['gateway', 'worker-pdf', 'worker-agents', 'worker-bom'] as const;
const workers = ['worker-pdf', 'worker-agents', 'worker-bom'] as const;

describe('YAML under infra/ and the compose files', () => {
  const files = [
    ...listFiles(infraDir, ['.yml', '.yaml']),
    'docker-compose.yml',
    'docker-compose.prod.yml',
    'docker-compose.file-blobs.yml',
  ];

  it('finds the files it is meant to check', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'infra/prometheus/prometheus.yml',
        'infra/prometheus/prometheus.k8s.yml',
        'infra/prometheus/alerts.yml',
        'infra/grafana/provisioning/datasources/prometheus.yml',
        'infra/k8s/base/kustomization.yaml',
        'infra/k8s/overlays/prod/kustomization.yaml',
      ]),
    );
  });

  it.each(files)('%s parses (strict: no duplicate keys) and is not empty', (file) => {
    const docs = readYamlDocuments(file).filter((d) => d !== null);
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(typeof doc).toBe('object');
  });
});

const prod = asRecord(readYaml('docker-compose.prod.yml'), 'docker-compose.prod.yml');
const dev = asRecord(readYaml('docker-compose.yml'), 'docker-compose.yml');
const prodServices = asRecord(prod.services, 'prod services');
const devServices = asRecord(dev.services, 'dev services');

describe('docker-compose.prod.yml', () => {
  it('runs nginx, Redis, Postgres 15, MinIO, redis_exporter, Prometheus, Grafana, Jaeger and the four services', () => {
    expect(Object.keys(prodServices).sort()).toEqual(
      [
        'nginx',
        'redis',
        'postgres',
        'minio',
        'minio-bucket',
        'redis-exporter',
        'prometheus',
        'grafana',
        'jaeger',
        'gateway',
        'worker-pdf',
        'worker-agents',
        'worker-bom',
      ].sort(),
    );
    expect(dig(prodServices, 'postgres', 'image')).toMatch(/^postgres:15/);
  });

  it('gives every service a restart policy, resource limits and (except the exporter) a healthcheck', () => {
    for (const [name, service] of Object.entries(prodServices)) {
      // The bucket is created once by a job that then exits.
      expect(dig(service, 'restart'), name).toBe(name === 'minio-bucket' ? 'no' : 'unless-stopped');
      expect(dig(service, 'deploy', 'resources', 'limits', 'memory'), name).toMatch(/^\d+[MG]$/);
      expect(dig(service, 'deploy', 'resources', 'limits', 'cpus'), name).toMatch(/^\d+(\.\d+)?$/);
      if (!['redis-exporter', 'grafana', 'minio-bucket', 'jaeger'].includes(name)) {
        expect(dig(service, 'healthcheck', 'test'), name).toBeDefined();
      }
    }
  });

  it('checks readiness of the gateway on 3000 and of the workers on METRICS_PORT 9100', () => {
    expect(JSON.stringify(dig(prodServices, 'gateway', 'healthcheck', 'test'))).toContain(
      'http://127.0.0.1:3000/health/ready',
    );
    for (const worker of workers) {
      expect(dig(prodServices, worker, 'environment', 'METRICS_PORT'), worker).toBe('9100');
      expect(JSON.stringify(dig(prodServices, worker, 'healthcheck', 'test')), worker).toContain(
        'http://127.0.0.1:9100/health/ready',
      );
    }
  });

  it('runs replicas of the gateway and the workers, with images tagged by SAEQ_TAG', () => {
    for (const name of appServices) {
      expect(String(dig(prodServices, name, 'deploy', 'replicas')), name).toMatch(
        /^\$\{[A-Z_]+_REPLICAS:-\d+\}$/,
      );
      expect(dig(prodServices, name, 'image'), name).toBe(
        `\${SAEQ_REGISTRY:-saeq}/${name}:\${SAEQ_TAG:-latest}`,
      );
      expect(dig(prodServices, name, 'build', 'args', 'SERVICE'), name).toBe(name);
    }
  });

  it('configures Redis with AOF, noeviction and a required password that REDIS_URL carries', () => {
    const command = JSON.stringify(dig(prodServices, 'redis', 'command'));
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(command).toContain('--requirepass');
    expect(dig(prodServices, 'redis', 'environment', 'REDIS_PASSWORD')).toMatch(/^\$\{REDIS_PASSWORD:\?/);
    for (const name of appServices) {
      expect(dig(prodServices, name, 'environment', 'REDIS_URL'), name).toMatch(
        /^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]*\}@redis:6379$/,
      );
      expect(dig(prodServices, name, 'environment', 'DATABASE_URL'), name).toMatch(
        /^postgres:\/\/saeq:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/saeq$/,
      );
    }
  });

  it('keeps plan files, previews and exports in the MinIO bucket, created before the services start', () => {
    for (const name of appServices) {
      const env = asRecord(dig(prodServices, name, 'environment'), `${name} environment`);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not JavaScript
      expect(env.BLOB_STORE, name).toBe('${BLOB_STORE:-s3}');
      // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not JavaScript
      expect(env.S3_ENDPOINT, name).toBe('${S3_ENDPOINT:-http://minio:9000}');
      expect(String(env.S3_SECRET_ACCESS_KEY), name).toMatch(/^\$\{S3_SECRET_ACCESS_KEY:\?/);
      expect(dig(prodServices, name, 'depends_on', 'minio-bucket', 'condition'), name).toBe(
        'service_completed_successfully',
      );
    }
    expect(dig(prodServices, 'minio', 'ports')).toBeUndefined();
    expect(JSON.stringify(dig(prodServices, 'minio-bucket', 'entrypoint'))).toContain(
      'mc mb --ignore-existing',
    );
  });

  it('mounts no volume on the workers (blobs in the bucket); the override for BLOB_STORE=file shares the gateway’s', () => {
    for (const worker of workers) expect(dig(prodServices, worker, 'volumes'), worker).toBeUndefined();
    expect(dig(prodServices, 'gateway', 'volumes')).toEqual(['plans:/data']);
    const override = asRecord(readYaml('docker-compose.file-blobs.yml'), 'docker-compose.file-blobs.yml');
    const services = asRecord(override.services, 'override services');
    expect(Object.keys(services).sort()).toEqual([...appServices].sort());
    for (const name of appServices)
      expect(dig(services, name, 'environment', 'BLOB_STORE'), name).toBe('file');
    // The workers that read and write blobs; worker-agents reads Postgres only.
    for (const name of ['worker-pdf', 'worker-bom'])
      expect(dig(services, name, 'volumes'), name).toEqual(['plans:/data']);
    expect(dig(services, 'worker-agents', 'volumes')).toBeUndefined();
    expect(Object.keys(asRecord(prod.volumes, 'prod volumes'))).toContain('plans');
  });

  it("sends every service's traces to Jaeger over OTLP/HTTP unless OTEL_EXPORTER_OTLP_ENDPOINT says otherwise", () => {
    for (const name of appServices) {
      expect(dig(prodServices, name, 'environment', 'OTEL_EXPORTER_OTLP_ENDPOINT'), name).toBe(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not JavaScript
        '${OTEL_EXPORTER_OTLP_ENDPOINT-http://jaeger:4318}',
      );
    }
    expect(dig(prodServices, 'jaeger', 'image')).toMatch(/^jaegertracing\/jaeger:2\./);
  });

  it('publishes only nginx publicly; Prometheus and Grafana on loopback; data stores not at all', () => {
    for (const [name, service] of Object.entries(prodServices)) {
      const ports = (dig(service, 'ports') as unknown[] | undefined) ?? [];
      if (name === 'nginx') {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not JavaScript
        expect(ports).toEqual(['${HTTP_PORT:-80}:80', '${HTTPS_PORT:-443}:443']);
      } else {
        for (const port of ports) expect(String(port), name).toMatch(/^127\.0\.0\.1:/);
      }
    }
    for (const name of ['redis', 'postgres', ...appServices]) {
      expect(dig(prodServices, name, 'ports'), name).toBeUndefined();
    }
  });

  it('lets workers finish running jobs on stop (grace period above WORKER_SHUTDOWN_TIMEOUT_MS)', () => {
    for (const worker of workers) {
      const grace = String(dig(prodServices, worker, 'stop_grace_period'));
      expect(Number.parseInt(grace, 10), worker).toBeGreaterThan(30);
    }
  });

  it('lets worker-pdf finish a running analysis on stop (grace above PDF_JOB_TIMEOUT_MS)', () => {
    const env = asRecord(dig(prodServices, 'worker-pdf', 'environment'), 'worker-pdf environment');
    const defaultOf = (v: unknown) => Number(/:-(\d+)\}/.exec(String(v))?.[1] ?? v);
    const graceMs = defaultOf(env.WORKER_SHUTDOWN_TIMEOUT_MS);
    expect(graceMs).toBeGreaterThanOrEqual(defaultOf(env.PDF_JOB_TIMEOUT_MS));
    const stopGrace = Number.parseInt(String(dig(prodServices, 'worker-pdf', 'stop_grace_period')), 10);
    expect(stopGrace * 1000).toBeGreaterThanOrEqual(graceMs + 15_000);
  });

  it('keeps worker-pdf within its limits: OCR readers within its CPUs, RSS guard below its memory', () => {
    const env = asRecord(dig(prodServices, 'worker-pdf', 'environment'), 'worker-pdf environment');
    const defaultOf = (v: unknown) => Number(/:-(\d+)\}/.exec(String(v))?.[1] ?? v);
    const limits = asRecord(dig(prodServices, 'worker-pdf', 'deploy', 'resources', 'limits'), 'limits');
    expect(defaultOf(env.PDF_CONCURRENCY) * defaultOf(env.PDF_OCR_WORKERS)).toBeLessThanOrEqual(
      Number(limits.cpus),
    );
    const memoryMb = Number(/^(\d+)G$/.exec(String(limits.memory))?.[1]) * 1024;
    expect(defaultOf(env.PDF_MAX_RSS_MB)).toBeGreaterThan(0);
    expect(defaultOf(env.PDF_MAX_RSS_MB)).toBeLessThan(memoryMb);
  });

  it('mounts files that exist in the repository', () => {
    for (const service of Object.values(prodServices)) {
      for (const volume of (dig(service, 'volumes') as unknown[] | undefined) ?? []) {
        const source = String(volume).split(':')[0] ?? '';
        if (source.startsWith('./')) expect(existsSync(join(repoRoot, source)), source).toBe(true);
      }
    }
  });

  it('scrapes with the Prometheus config that loads the alert rules', () => {
    expect(dig(prodServices, 'prometheus', 'volumes')).toContain('./infra/prometheus:/etc/prometheus:ro');
    expect(dig(readYaml('infra/prometheus/prometheus.yml'), 'rule_files')).toEqual(['alerts.yml']);
  });
});

describe('docker-compose.yml stays a development stack', () => {
  it('has the four services, Redis (AOF, noeviction) and Postgres 15, and no nginx or TLS', () => {
    for (const name of [...appServices, 'redis', 'postgres', 'prometheus'])
      expect(devServices).toHaveProperty(name);
    expect(devServices).not.toHaveProperty('nginx');
    const command = JSON.stringify(dig(devServices, 'redis', 'command'));
    expect(command).toContain('noeviction');
    expect(command).toContain('appendonly');
    expect(dig(devServices, 'postgres', 'image')).toMatch(/^postgres:15/);
  });

  it('scrapes the redis exporter its Prometheus config expects', () => {
    expect(devServices).toHaveProperty('redis-exporter');
  });
});

// `docker compose` (v2 plugin) where it exists, else Debian 12's `docker-compose` 1.29.2 (apt
// package docker-compose, installed by .ci/run). Compose v1 rejects one Compose Specification
// feature we use: the top-level `name` of docker-compose.prod.yml ("'name' does not match any of
// the regexes: '^x-'"). With v1 that key is dropped from the file (read from stdin, paths
// resolved from the repository root) and checked here instead; everything else is validated.
type ComposeCli = { command: string; args: string[]; stripsName: boolean };
const composeCli: ComposeCli | null = hasCommand('docker', ['compose', 'version'])
  ? { command: 'docker', args: ['compose'], stripsName: false }
  : hasCommand('docker-compose', ['version'])
    ? { command: 'docker-compose', args: [], stripsName: true }
    : null;
const noCompose = composeCli
  ? null
  : '`docker compose version` and `docker-compose version` do not run (apt-get install docker-compose, or the Docker Compose v2 plugin)';
describe.skipIf(skipWhen('docker compose config -q', noCompose))('docker compose config -q', () => {
  const env = {
    ...process.env,
    POSTGRES_PASSWORD: 'x',
    REDIS_PASSWORD: 'x',
    GRAFANA_ADMIN_PASSWORD: 'x',
    S3_SECRET_ACCESS_KEY: 'x',
    TLS_CERT_DIR: '/tmp',
  };
  const config = (file: string, text?: string) => {
    if (!composeCli) throw new Error('no compose command');
    const { command, args } = composeCli;
    return text === undefined
      ? execFileSync(command, [...args, '-f', file, 'config', '-q'], { cwd: repoRoot, env, stdio: 'pipe' })
      : execFileSync(command, [...args, '--project-directory', '.', '-f', '-', 'config', '-q'], {
          cwd: repoRoot,
          env,
          input: text,
          stdio: 'pipe',
        });
  };
  it.each(['docker-compose.yml', 'docker-compose.prod.yml'])('%s is valid', (file) => {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    if (!composeCli?.stripsName) {
      expect(() => config(file)).not.toThrow();
      return;
    }
    const topLevelName = /^name: .*\n/m;
    if (file === 'docker-compose.prod.yml') expect(text).toMatch(/^name: saeq$/m);
    expect(() => config(file, text.replace(topLevelName, ''))).not.toThrow();
  });

  it('fails on an invalid file (the check is real)', () => {
    const text = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');
    expect(text).toMatch(/^ {4}image: redis/m);
    expect(() =>
      config('docker-compose.yml', text.replace(/^ {4}image: redis/m, '    imagex: redis')),
    ).toThrow();
  });
});
