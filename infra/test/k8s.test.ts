import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BaseEnv } from '@saeq/shared/env';
import { queues } from '@saeq/shared/queues';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { serviceProcessEnv } from '../../scripts/start-services.ts';
import {
  asArray,
  asRecord,
  dig,
  listFiles,
  missingCommand,
  readYaml,
  readYamlDocuments,
  repoRoot,
  skipWhen,
} from './helpers.ts';

type Manifest = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown>;
};

const k8sDir = join(repoRoot, 'infra/k8s');
const workers = ['worker-pdf', 'worker-agents', 'worker-bom'] as const;
const services = ['gateway', ...workers] as const;

function toManifest(doc: unknown, where: string): Manifest {
  const m = asRecord(doc, where);
  expect(typeof m.apiVersion, `${where}: apiVersion`).toBe('string');
  expect(typeof m.kind, `${where}: kind`).toBe('string');
  const metadata = asRecord(m.metadata, `${where}: metadata`);
  expect(typeof metadata.name, `${where}: metadata.name`).toBe('string');
  return m as Manifest;
}

/** Resources of a kustomization, read from its files (no kustomize binary needed). */
function kustomizationResources(dir: string): Manifest[] {
  const k = asRecord(readYaml(join('infra/k8s', dir, 'kustomization.yaml')), dir);
  return asArray(k.resources, `${dir} resources`).flatMap((r) => {
    const path = join(dir, String(r));
    if (existsSync(join(k8sDir, path, 'kustomization.yaml'))) return kustomizationResources(path);
    return readYamlDocuments(join('infra/k8s', path))
      .filter((d) => d !== null)
      .map((d, i) => toManifest(d, `${path}#${i}`));
  });
}

/** `kubectl kustomize` output, when kubectl is installed (it embeds kustomize, no cluster needed). */
function built(overlay: string): Manifest[] {
  const text = execFileSync('kubectl', ['kustomize', join(k8sDir, 'overlays', overlay)], {
    encoding: 'utf8',
  });
  return parseAllDocuments(text).map((d, i) => toManifest(d.toJS(), `${overlay}#${i}`));
}

const named = (ms: Manifest[], kind: string, name: string) =>
  ms.find((m) => m.kind === kind && m.metadata.name === name);

/** The queues a worker's source hands to startWorkerService (`def: queues.<key>`). */
function consumedQueues(worker: string): string[] {
  const source = listFiles(join(repoRoot, 'services', worker, 'src'), ['.ts'])
    .filter((f) => !f.endsWith('.test.ts'))
    .map((f) => readFileSync(join(repoRoot, f), 'utf8'))
    .join('\n');
  const keys = [...new Set([...source.matchAll(/def: queues\.(\w+)/g)].map((m) => m[1] ?? ''))];
  expect(keys.length, `${worker} consumes at least one queue`).toBeGreaterThan(0);
  return keys.map((key) => {
    const def = (queues as Record<string, { name: string } | undefined>)[key];
    if (!def) throw new Error(`${worker}: unknown queue key ${key}`);
    return def.name;
  });
}

const secretish = /PASSWORD|SECRET|TOKEN|_KEY$|^DATABASE_URL$|^REDIS_URL$/;

function checkWorkloads(manifests: Manifest[], where: string) {
  const workloads = manifests.filter((m) => ['Deployment', 'StatefulSet', 'Job'].includes(m.kind));
  expect(workloads.length, where).toBeGreaterThan(0);
  for (const w of workloads) {
    const id = `${where} ${w.kind}/${String(w.metadata.name)}`;
    const pod = asRecord(dig(w, 'spec', 'template', 'spec'), id);
    expect(dig(pod, 'securityContext', 'runAsNonRoot'), `${id}: runAsNonRoot`).toBe(true);
    expect(dig(pod, 'securityContext', 'seccompProfile', 'type'), `${id}: seccomp`).toBe('RuntimeDefault');
    for (const c of asArray(pod.containers, `${id} containers`)) {
      const cid = `${id} container ${String(dig(c, 'name'))}`;
      expect(dig(c, 'securityContext', 'allowPrivilegeEscalation'), `${cid}: allowPrivilegeEscalation`).toBe(
        false,
      );
      expect(dig(c, 'securityContext', 'capabilities', 'drop'), `${cid}: capabilities`).toEqual(['ALL']);
      expect(dig(c, 'securityContext', 'runAsUser') ?? 1, `${cid}: not uid 0`).not.toBe(0);
      for (const kind of ['requests', 'limits']) {
        expect(dig(c, 'resources', kind, 'cpu'), `${cid}: ${kind}.cpu`).toBeDefined();
        expect(dig(c, 'resources', kind, 'memory'), `${cid}: ${kind}.memory`).toBeDefined();
      }
      if (w.kind !== 'Job') {
        expect(dig(c, 'livenessProbe'), `${cid}: livenessProbe`).toBeDefined();
        expect(dig(c, 'readinessProbe'), `${cid}: readinessProbe`).toBeDefined();
      }
      for (const env of (dig(c, 'env') as unknown[] | undefined) ?? []) {
        const name = String(dig(env, 'name'));
        if (secretish.test(name)) {
          expect(dig(env, 'value'), `${cid}: ${name} must not be a literal`).toBeUndefined();
          expect(dig(env, 'valueFrom', 'secretKeyRef', 'name'), `${cid}: ${name} from a Secret`).toBe(
            'saeq-secrets',
          );
        }
      }
    }
  }
}

function checkNoSecretValues(manifests: Manifest[], where: string) {
  expect(
    manifests.filter((m) => m.kind === 'Secret').map((m) => m.metadata.name),
    `${where}: Secrets are referenced, never part of the kustomization`,
  ).toEqual([]);
  for (const cm of manifests.filter((m) => m.kind === 'ConfigMap')) {
    for (const [key, value] of Object.entries(asRecord(cm.data, 'data'))) {
      expect(secretish.test(key), `${where} ConfigMap ${String(cm.metadata.name)}: ${key}`).toBe(false);
      expect(String(value), `${where}: credentials in ${key}`).not.toMatch(/:\/\/[^/\s]*:[^@\s]+@/);
    }
  }
}

function checkServices(manifests: Manifest[], where: string) {
  for (const service of services) {
    const deployment = named(manifests, 'Deployment', service);
    expect(deployment, `${where}: Deployment ${service}`).toBeDefined();
    expect(named(manifests, 'Service', service), `${where}: Service ${service}`).toBeDefined();
    const pdb = named(manifests, 'PodDisruptionBudget', service);
    expect(dig(pdb, 'spec', 'selector', 'matchLabels'), `${where}: PDB ${service}`).toEqual(
      dig(deployment, 'spec', 'selector', 'matchLabels'),
    );
    const container = dig(deployment, 'spec', 'template', 'spec', 'containers', 0);
    const port = service === 'gateway' ? 3000 : 9100;
    const portName = String(dig(container, 'ports', 0, 'name'));
    expect(dig(container, 'ports', 0, 'containerPort'), `${where}: ${service} port`).toBe(port);
    expect(dig(container, 'livenessProbe', 'httpGet'), `${where}: ${service} liveness`).toEqual({
      path: '/health',
      port: portName,
    });
    expect(dig(container, 'readinessProbe', 'httpGet'), `${where}: ${service} readiness`).toEqual({
      path: '/health/ready',
      port: portName,
    });
    // Every service, the gateway included, serves /metrics on METRICS_PORT 9100, never on the
    // clients' port.
    expect(dig(deployment, 'spec', 'template', 'metadata', 'annotations', 'prometheus.io/port')).toBe('9100');
    expect(
      asArray(dig(container, 'ports'), `${where}: ${service} ports`).some(
        (p) => dig(p, 'containerPort') === 9100,
      ),
      `${where}: ${service} declares its metrics port`,
    ).toBe(true);
    expect(
      dig(deployment, 'spec', 'replicas'),
      `${where}: ${service} replicas belong to the autoscaler`,
    ).toBeUndefined();
  }
  const hpa = named(manifests, 'HorizontalPodAutoscaler', 'gateway');
  expect(dig(hpa, 'spec', 'scaleTargetRef', 'name')).toBe('gateway');
}

function checkScaledObjects(manifests: Manifest[], where: string, prefix: string) {
  const deployments = new Set(manifests.filter((m) => m.kind === 'Deployment').map((m) => m.metadata.name));
  const scaled = manifests.filter((m) => m.kind === 'ScaledObject');
  for (const so of scaled) {
    expect(
      deployments.has(dig(so, 'spec', 'scaleTargetRef', 'name')),
      `${where}: target of ${String(so.metadata.name)}`,
    ).toBe(true);
  }
  for (const worker of workers) {
    const so = named(manifests, 'ScaledObject', worker);
    expect(so, `${where}: ScaledObject for ${worker}`).toBeDefined();
    expect(dig(so, 'spec', 'scaleTargetRef', 'name')).toBe(worker);
    expect(Number(dig(so, 'spec', 'minReplicaCount')), `${where}: ${worker} min`).toBeGreaterThanOrEqual(1);
    const triggers = asArray(dig(so, 'spec', 'triggers'), `${worker} triggers`);
    const lists = triggers
      .filter((t) => dig(t, 'type') === 'redis')
      .map((t) => String(dig(t, 'metadata', 'listName')));
    // BullMQ 5/6: waiting jobs are in the list <prefix>:<queue>:wait.
    expect(lists.sort(), `${where}: ${worker} scales on the wait lists of the queues it consumes`).toEqual(
      consumedQueues(worker)
        .map((q) => `${prefix}:${q}:wait`)
        .sort(),
    );
    for (const t of triggers.filter((tr) => dig(tr, 'type') === 'redis')) {
      expect(dig(t, 'authenticationRef', 'name')).toBe('saeq-redis-auth');
    }
  }
  const auth = named(manifests, 'TriggerAuthentication', 'saeq-redis-auth');
  expect(dig(auth, 'spec', 'secretTargetRef', 0)).toEqual({
    parameter: 'password',
    name: 'saeq-secrets',
    key: 'REDIS_PASSWORD',
  });
}

function checkIngress(manifests: Manifest[], where: string) {
  const ingresses = manifests.filter((m) => m.kind === 'Ingress');
  const routes = ingresses.flatMap((ing) =>
    asArray(dig(ing, 'spec', 'rules', 0, 'http', 'paths'), 'paths').map((p) => ({
      ing,
      path: String(dig(p, 'path')),
    })),
  );
  const metrics = routes.find((r) => r.path === '/metrics');
  expect(
    dig(metrics?.ing, 'metadata', 'annotations', 'nginx.ingress.kubernetes.io/denylist-source-range'),
    `${where}: /metrics denied to everyone`,
  ).toBe('0.0.0.0/0,::/0');
  const runs = routes.find((r) => r.path === '/v1/agent-runs');
  expect(dig(runs?.ing, 'metadata', 'annotations', 'nginx.ingress.kubernetes.io/proxy-buffering')).toBe(
    'off',
  );
  const main = routes.find((r) => r.path === '/');
  const bodySize = String(
    dig(main?.ing, 'metadata', 'annotations', 'nginx.ingress.kubernetes.io/proxy-body-size'),
  );
  expect(Number.parseInt(bodySize, 10), `${where}: body size`).toBeGreaterThanOrEqual(67);
  for (const ing of ingresses) {
    expect(dig(ing, 'spec', 'tls', 0, 'secretName'), `${where}: TLS`).toBe('saeq-tls');
  }
}

/**
 * Each worker's kill delay (terminationGracePeriodSeconds) exceeds the grace it gives running
 * jobs (WORKER_SHUTDOWN_TIMEOUT_MS: its container env, else the configmap) by 15 s for closing
 * connections; worker-pdf's grace covers its job budget (PDF_JOB_TIMEOUT_MS), so a deploy lets
 * running analyses finish instead of starting them over.
 */
function checkShutdownGrace(manifests: Manifest[], where: string) {
  const config = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'saeq-config');
  const data = asRecord(config?.data, `${where}: saeq-config data`);
  for (const worker of workers) {
    const deployment = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === worker);
    const pod = asRecord(dig(deployment, 'spec', 'template', 'spec'), `${where} ${worker}: pod spec`);
    const container = asRecord(asArray(pod.containers, `${where} ${worker}: containers`)[0], worker);
    const own = asArray(container.env ?? [], `${where} ${worker}: env`)
      .map((e) => asRecord(e, worker))
      .find((e) => e.name === 'WORKER_SHUTDOWN_TIMEOUT_MS');
    const graceMs = Number(own?.value ?? data.WORKER_SHUTDOWN_TIMEOUT_MS);
    expect(graceMs, `${where} ${worker}: WORKER_SHUTDOWN_TIMEOUT_MS`).toBeGreaterThan(0);
    expect(
      Number(pod.terminationGracePeriodSeconds) * 1000,
      `${where} ${worker}: terminationGracePeriodSeconds`,
    ).toBeGreaterThanOrEqual(graceMs + 15_000);
    if (worker === 'worker-pdf') {
      expect(graceMs, `${where} worker-pdf: grace covers PDF_JOB_TIMEOUT_MS`).toBeGreaterThanOrEqual(
        Number(data.PDF_JOB_TIMEOUT_MS),
      );
    }
  }
}

/** A container's `env` entries with a literal value, by name. */
function literalEnv(manifests: Manifest[], deploymentName: string, where: string): Record<string, string> {
  const deployment = named(manifests, 'Deployment', deploymentName);
  const container = asRecord(
    dig(deployment, 'spec', 'template', 'spec', 'containers', 0),
    `${where} ${deploymentName}: container`,
  );
  const out: Record<string, string> = {};
  for (const e of asArray(container.env ?? [], `${where} ${deploymentName}: env`)) {
    const entry = asRecord(e, deploymentName);
    if (typeof entry.value === 'string') out[String(entry.name)] = entry.value;
  }
  return out;
}

/** Kubernetes quantities as numbers: CPU in cores (`500m`, `2`), memory in MiB (`512Mi`, `2Gi`). */
const cores = (q: unknown) => (String(q).endsWith('m') ? Number.parseFloat(String(q)) / 1000 : Number(q));
const mebibytes = (q: unknown) => {
  const m = /^(\d+)(Mi|Gi)$/.exec(String(q));
  if (!m) throw new Error(`unexpected memory quantity ${String(q)}`);
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
};

/**
 * worker-pdf as docs/scaling.md sizes it (replicas of 2 vCPU and 2 GiB, guaranteed), with OCR
 * threads that fit that CPU, an RSS guard below the memory limit, and the process environment
 * `pnpm start` gives it.
 */
function checkWorkerPdfSizing(manifests: Manifest[], where: string) {
  const config = asRecord(named(manifests, 'ConfigMap', 'saeq-config')?.data, `${where}: saeq-config data`);
  const resources = asRecord(
    dig(
      named(manifests, 'Deployment', 'worker-pdf'),
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'resources',
    ),
    `${where} worker-pdf resources`,
  );
  expect(
    cores(dig(resources, 'requests', 'cpu')),
    `${where} worker-pdf: requests.cpu`,
  ).toBeGreaterThanOrEqual(2);
  expect(
    mebibytes(dig(resources, 'requests', 'memory')),
    `${where} worker-pdf: requests.memory`,
  ).toBeGreaterThanOrEqual(2048);
  const env = { ...(config as Record<string, string>), ...literalEnv(manifests, 'worker-pdf', where) };
  const concurrency = Number(env.PDF_CONCURRENCY);
  const ocrWorkers = Number(env.PDF_OCR_WORKERS);
  expect(
    ocrWorkers,
    `${where} worker-pdf: PDF_OCR_WORKERS set (the default counts the node's cores)`,
  ).toBeGreaterThan(0);
  expect(
    concurrency * ocrWorkers,
    `${where} worker-pdf: OCR threads within requests.cpu`,
  ).toBeLessThanOrEqual(cores(dig(resources, 'requests', 'cpu')));
  const maxRss = Number(env.PDF_MAX_RSS_MB);
  expect(maxRss, `${where} worker-pdf: PDF_MAX_RSS_MB set (automatic is above the limit)`).toBeGreaterThan(0);
  expect(maxRss, `${where} worker-pdf: RSS guard below limits.memory`).toBeLessThan(
    mebibytes(dig(resources, 'limits', 'memory')),
  );
  for (const [name, value] of Object.entries(serviceProcessEnv['worker-pdf'])) {
    expect(env[name], `${where} worker-pdf: ${name}`).toBe(value);
  }
}

/** Every OTEL_* key of the ConfigMap is one the services read; built prod overlays send traces somewhere. */
function checkTracing(manifests: Manifest[], where: string, opts: { built: boolean }) {
  const data = asRecord(named(manifests, 'ConfigMap', 'saeq-config')?.data, `${where}: saeq-config data`);
  const otel = Object.keys(data).filter((k) => k.startsWith('OTEL_'));
  expect(otel, `${where}: OTEL_* settings in saeq-config`).toEqual(
    expect.arrayContaining(['OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG']),
  );
  const known = Object.keys(BaseEnv.shape);
  for (const key of otel) expect(known, `${where}: ${key} is a variable the services read`).toContain(key);
  // Values the services' env schema accepts (a bad sampler name fails every pod at start).
  const parsed = BaseEnv.safeParse(Object.fromEntries(otel.map((k) => [k, data[k]])));
  expect(parsed.success, `${where}: OTEL_* values valid: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
  if (opts.built && where === 'prod') {
    expect(String(data.OTEL_EXPORTER_OTLP_ENDPOINT), 'prod: OTEL_EXPORTER_OTLP_ENDPOINT').toMatch(
      /^https?:\/\//,
    );
  }
}

/** Every access mode a manifest asks of a volume: PVCs and StatefulSets' volume claim templates. */
function accessModes(manifests: Manifest[]): { owner: string; modes: unknown[] }[] {
  return manifests.flatMap((m) => {
    const id = `${m.kind}/${String(m.metadata.name)}`;
    if (m.kind === 'PersistentVolumeClaim')
      return [{ owner: id, modes: asArray(dig(m, 'spec', 'accessModes'), id) }];
    const templates = (dig(m, 'spec', 'volumeClaimTemplates') as unknown[] | undefined) ?? [];
    return templates.map((t) => ({ owner: id, modes: asArray(dig(t, 'spec', 'accessModes'), id) }));
  });
}

/**
 * Plan files live in a bucket (BLOB_STORE=s3, issue 22): no volume is ReadWriteMany, SAEQ's own
 * pods mount no claim at all (any node can run any of them), the services that read or write
 * blobs get the S3 keys from the Secret, and `built` overlays (patches applied) name a bucket
 * and, when they set an endpoint, one served in the namespace or outside it.
 */
function checkObjectStorage(manifests: Manifest[], where: string, opts: { built: boolean }) {
  for (const { owner, modes } of accessModes(manifests)) {
    expect(modes, `${where} ${owner}: no ReadWriteMany volume`).not.toContain('ReadWriteMany');
  }
  const config = asRecord(named(manifests, 'ConfigMap', 'saeq-config')?.data, `${where}: saeq-config`);
  expect(config.BLOB_STORE, `${where}: BLOB_STORE`).toBe('s3');
  expect(String(config.S3_BUCKET ?? ''), `${where}: S3_BUCKET`).toMatch(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
  for (const service of services) {
    const pod = dig(named(manifests, 'Deployment', service), 'spec', 'template', 'spec');
    const claims = ((dig(pod, 'volumes') as unknown[] | undefined) ?? []).filter(
      (v) => dig(v, 'persistentVolumeClaim') !== undefined,
    );
    expect(claims, `${where} ${service}: mounts no persistent volume`).toEqual([]);
  }
  for (const service of ['gateway', 'worker-pdf', 'worker-bom']) {
    const env = asArray(
      dig(named(manifests, 'Deployment', service), 'spec', 'template', 'spec', 'containers', 0, 'env'),
      `${where} ${service} env`,
    );
    for (const key of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      const entry = env.find((e) => dig(e, 'name') === key);
      expect(dig(entry, 'valueFrom', 'secretKeyRef'), `${where} ${service}: ${key}`).toEqual({
        name: 'saeq-secrets',
        key,
        optional: true,
      });
    }
  }
  if (!opts.built) return;
  const endpoint = config.S3_ENDPOINT === undefined ? null : new URL(String(config.S3_ENDPOINT));
  if (endpoint && !endpoint.hostname.includes('.')) {
    // An in-namespace endpoint: its Service exists, and a Job creates the bucket.
    expect(
      named(manifests, 'Service', endpoint.hostname),
      `${where}: Service ${endpoint.hostname}`,
    ).toBeDefined();
    expect(config.S3_FORCE_PATH_STYLE, `${where}: path-style for an in-cluster server`).toBe('true');
    const job = manifests.find((m) => m.kind === 'Job' && JSON.stringify(m).includes('mc mb'));
    expect(job, `${where}: a Job creates the bucket`).toBeDefined();
  }
}

function checkMigrationJob(manifests: Manifest[]) {
  const job = named(manifests, 'Job', 'saeq-migrate');
  const command = asArray(dig(job, 'spec', 'template', 'spec', 'containers', 0, 'command'), 'command');
  // Compiled JavaScript, as the Dockerfile builds it (infra/test/dockerfile.test.ts): no tsx.
  expect(command).toEqual([
    'node',
    '--conditions=@saeq/compiled',
    '--enable-source-maps',
    'scripts/migrate.js',
  ]);
  expect(existsSync(join(repoRoot, 'scripts/migrate.ts')), 'scripts/migrate.ts exists').toBe(true);
  expect(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8')).toContain('scripts/dist/migrate.js');
}

describe('Kubernetes manifests (files, structurally)', () => {
  const files = listFiles(k8sDir, ['.yaml']);
  const prefix = String(dig(readYaml('infra/k8s/base/configmap.yaml'), 'data', 'QUEUE_PREFIX'));

  it('every document has apiVersion, kind and metadata.name', () => {
    for (const file of files) {
      readYamlDocuments(file)
        .filter((d) => d !== null)
        .forEach((d, i) => {
          if (file.endsWith('kustomization.yaml')) return;
          toManifest(d, `${file}#${i}`);
        });
    }
  });

  for (const overlay of ['dev', 'prod']) {
    describe(`overlay ${overlay}`, () => {
      const manifests = kustomizationResources(`overlays/${overlay}`);
      it('Deployments, StatefulSets and Jobs: probes, resources, non-root security context', () =>
        checkWorkloads(manifests, overlay));
      it('no literal secret values', () => checkNoSecretValues(manifests, overlay));
      it('gateway and workers: Deployment, Service, PDB, probes on their ports; HPA for the gateway', () =>
        checkServices(manifests, overlay));
      it('every worker has a KEDA ScaledObject on the wait lists of its queues', () =>
        checkScaledObjects(manifests, overlay, prefix));
      it('runs migrations with scripts/migrate.ts from the gateway image', () =>
        checkMigrationJob(manifests));
      it('workers: kill delay above the shutdown grace, worker-pdf’s grace above its job budget', () =>
        checkShutdownGrace(manifests, overlay));
      it('ingress: TLS, uploads fit, agent-run streams unbuffered, /metrics denied', () =>
        checkIngress(manifests, overlay));
      it('plan files in S3: no ReadWriteMany volume, no claim in SAEQ pods, S3 keys from the Secret', () =>
        checkObjectStorage(manifests, overlay, { built: false }));
      it('worker-pdf: 2 CPU and 2 GiB guaranteed, OCR threads and RSS guard within them, malloc threshold', () =>
        checkWorkerPdfSizing(manifests, overlay));
      it('tracing settings: OTEL_* keys the services read, with valid values', () =>
        checkTracing(manifests, overlay, { built: false }));
    });
  }

  it('secret.example.yaml documents the keys the manifests reference, and is in no kustomization', () => {
    const example = asRecord(readYaml('infra/k8s/base/secret.example.yaml'), 'secret example');
    const keys = Object.keys(asRecord(example.stringData, 'stringData'));
    const referenced = new Set<string>();
    for (const file of files) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      for (const m of text.matchAll(/name: saeq-secrets\s+key: (\w+)/g)) referenced.add(m[1] ?? '');
    }
    expect(keys.sort()).toEqual(expect.arrayContaining([...referenced].sort()));
    for (const file of files.filter((f) => f.endsWith('kustomization.yaml'))) {
      expect(JSON.stringify(dig(readYaml(file), 'resources')), file).not.toContain('secret');
    }
  });
});

/**
 * Why `kubectl kustomize` cannot build the overlays here, or null. kubectl embeds kustomize; before
 * 1.21 that is kustomize v2, which cannot read these kustomizations (Debian 12's
 * kubernetes-client is 1.20).
 */
function kustomizeUnavailable(): string | null {
  const install = 'kubectl ≥ 1.21 from https://pkgs.k8s.io';
  const missing = missingCommand('kubectl', ['version', '--client'], install);
  if (missing) return missing;
  const out = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).stdout ?? '';
  // "Client Version: v1.32.4" (recent) or "GitVersion:\"v1.20.2\"" (before 1.24).
  const minor = Number(/v1\.(\d+)\./.exec(out)?.[1] ?? 0);
  return minor >= 21
    ? null
    : `kubectl ${/v1\.\d+\.\d+/.exec(out)?.[0] ?? '(unknown)'} embeds kustomize v2 (${install})`;
}

// kubectl embeds kustomize: the overlays must build exactly as a cluster would receive them.
describe.skipIf(skipWhen('kubectl kustomize of the overlays', kustomizeUnavailable()))(
  'kubectl kustomize',
  () => {
    for (const overlay of ['dev', 'prod']) {
      it(`${overlay} builds, in namespace saeq, and keeps every check`, () => {
        const manifests = built(overlay);
        for (const m of manifests.filter((x) => x.kind !== 'Namespace')) {
          expect(m.metadata.namespace, `${m.kind}/${String(m.metadata.name)}`).toBe('saeq');
        }
        checkWorkloads(manifests, overlay);
        checkNoSecretValues(manifests, overlay);
        checkServices(manifests, overlay);
        checkScaledObjects(manifests, overlay, 'saeq');
        checkIngress(manifests, overlay);
        checkObjectStorage(manifests, overlay, { built: true });
        checkWorkerPdfSizing(manifests, overlay);
        checkTracing(manifests, overlay, { built: true });
        const images = manifests
          .filter((m) => m.kind === 'Deployment')
          .map((m) => String(dig(m, 'spec', 'template', 'spec', 'containers', 0, 'image')));
        for (const image of images) expect(image, 'images are tagged by the overlay').toMatch(/:[\w.-]+$/);
      });
    }
  },
);

/**
 * Schema validation with kubernetes-models (+ @kubernetes-models/keda), when they are installed
 * (not dependencies of the repository today): each object checked against the OpenAPI schema of
 * its kind, ScaledObjects against KEDA's CRD schema.
 */
async function loadModel(
  kind: string,
  apiVersion: string,
): Promise<((o: unknown) => void) | null | undefined> {
  const paths: Record<string, string> = {
    'v1/Namespace': 'kubernetes-models/v1/Namespace',
    'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap',
    'v1/Service': 'kubernetes-models/v1/Service',
    'v1/PersistentVolumeClaim': 'kubernetes-models/v1/PersistentVolumeClaim',
    'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment',
    'apps/v1/StatefulSet': 'kubernetes-models/apps/v1/StatefulSet',
    'batch/v1/Job': 'kubernetes-models/batch/v1/Job',
    'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget',
    'autoscaling/v2/HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
    'networking.k8s.io/v1/Ingress': 'kubernetes-models/networking.k8s.io/v1/Ingress',
    'keda.sh/v1alpha1/ScaledObject': '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject',
    'keda.sh/v1alpha1/TriggerAuthentication':
      '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication',
  };
  const path = paths[`${apiVersion}/${kind}`];
  if (!path) return undefined;
  try {
    const mod = (await import(path)) as Record<string, unknown>;
    const Model = mod[kind];
    if (typeof Model !== 'function') return null;
    return (o: unknown) => {
      const instance = new (Model as new (data: unknown) => { validate(): void })(o);
      instance.validate();
    };
  } catch {
    return null;
  }
}

const modelsInstalled = (await loadModel('Deployment', 'apps/v1')) != null;
const noModels = modelsInstalled
  ? null
  : 'kubernetes-models is not installed (pnpm add -Dw kubernetes-models @kubernetes-models/keda)';
describe.skipIf(skipWhen('schema validation of the manifests', noModels))(
  'schema validation (kubernetes-models)',
  () => {
    it.each(['dev', 'prod'])('every object of overlay %s matches its schema', async (overlay) => {
      for (const m of kustomizationResources(`overlays/${overlay}`)) {
        const validate = await loadModel(m.kind, m.apiVersion);
        expect(validate, `a model for ${m.apiVersion}/${m.kind}`).toBeTypeOf('function');
        if (typeof validate === 'function') {
          expect(() => validate(m), `${m.kind}/${String(m.metadata.name)}`).not.toThrow();
        }
      }
    });
  },
);
