import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queues } from '@saeq/shared/queues';
import { afterAll, describe, expect, it } from 'vitest';
import {
  asArray,
  asRecord,
  dig,
  exportedMetricNames,
  externalMetricNames,
  missingCommand,
  promqlMetricNames,
  readYaml,
  repoRoot,
  skipWhen,
  sourceText,
} from './helpers.ts';

const services = ['gateway', 'worker-pdf', 'worker-agents', 'worker-bom'];

type Rule = {
  alert: string;
  expr: string;
  labels: Record<string, unknown>;
  annotations: Record<string, unknown>;
};

function alertRules(): Rule[] {
  const groups = asArray(dig(readYaml('infra/prometheus/alerts.yml'), 'groups'), 'groups');
  return groups.flatMap((group) =>
    asArray(dig(group, 'rules'), 'rules').map((rule) => {
      const r = asRecord(rule, 'rule');
      return {
        alert: String(r.alert),
        expr: String(r.expr),
        labels: asRecord(r.labels, `${String(r.alert)} labels`),
        annotations: asRecord(r.annotations, `${String(r.alert)} annotations`),
      };
    }),
  );
}

function dashboardExprs(): string[] {
  const dashboard = JSON.parse(
    readFileSync(join(repoRoot, 'infra/grafana/dashboards/saeq-overview.json'), 'utf8'),
  ) as unknown;
  const panels = asArray(dig(dashboard, 'panels'), 'panels');
  return panels.flatMap((panel) =>
    ((dig(panel, 'targets') as unknown[] | undefined) ?? []).map((t) => String(dig(t, 'expr'))),
  );
}

describe('promqlMetricNames', () => {
  it('keeps metric names and drops functions, keywords, labels, strings and ranges', () => {
    expect(
      promqlMetricNames(
        'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="gateway"}[5m]))) > 2 and on (route) up offset 5m',
      ),
    ).toEqual(['http_request_duration_seconds_bucket', 'up']);
    expect(
      promqlMetricNames(
        'label_replace(absent(up{job="x"} == 1), "job", "x", "", "") or sum(increase(saeq_llm_tokens_total[$__range])) / 1e3',
      ),
    ).toEqual(['saeq_llm_tokens_total', 'up']);
  });
});

describe('alert rules', () => {
  const rules = alertRules();

  it('cover backlog, failures, missing workers, p99 latency, Redis memory and targets down', () => {
    const exprs = rules.map((r) => r.expr).join('\n');
    expect(exprs).toMatch(/deriv\(saeq_queue_jobs\{state="waiting"\}/);
    expect(exprs).toMatch(/saeq_job_duration_seconds_count\{status="failed"\}/);
    expect(exprs).toMatch(/saeq_queue_workers\) == 0/);
    expect(exprs).toMatch(/histogram_quantile\(0\.99,[\s\S]*http_request_duration_seconds_bucket/);
    expect(exprs).toMatch(/redis_memory_used_bytes \/ redis_memory_max_bytes/);
    expect(exprs).toMatch(/up\{[^}]*\} == 0/);
  });

  it('each have a severity and a summary', () => {
    for (const rule of rules) {
      expect(['critical', 'warning', 'info'], rule.alert).toContain(rule.labels.severity);
      expect(String(rule.annotations.summary ?? ''), rule.alert).not.toBe('');
    }
  });

  it('select only metrics the services export (or Prometheus / redis_exporter provide)', async () => {
    const exported = await exportedMetricNames();
    for (const rule of rules) {
      for (const name of promqlMetricNames(rule.expr)) {
        expect(exported.has(name) || externalMetricNames.has(name), `${rule.alert}: ${name}`).toBe(true);
      }
    }
  });

  it("name SAEQ metrics that appear in the services' source code", () => {
    const source = sourceText();
    const names = new Set(rules.flatMap((r) => promqlMetricNames(r.expr)));
    for (const name of names) {
      if (!name.startsWith('saeq_') && !name.startsWith('http_')) continue;
      const base = name.replace(/_(bucket|sum|count)$/, '');
      expect(source.includes(`'${base}'`), name).toBe(true);
    }
  });

  it('use only queue names that exist', () => {
    const known = new Set(Object.values(queues).map((q) => q.name));
    for (const rule of rules) {
      for (const m of rule.expr.matchAll(/queue=~?"([^"]+)"/g)) {
        for (const q of (m[1] ?? '').split('|')) expect(known.has(q), `${rule.alert}: ${q}`).toBe(true);
      }
    }
  });
});

describe('Grafana', () => {
  it('dashboard queries select only exported metrics and cover the required panels', async () => {
    const exported = await exportedMetricNames();
    const exprs = dashboardExprs();
    for (const expr of exprs) {
      for (const name of promqlMetricNames(expr)) {
        expect(exported.has(name) || externalMetricNames.has(name), `${expr}: ${name}`).toBe(true);
      }
    }
    const all = exprs.join('\n');
    for (const needed of [
      'saeq_plans_processed_total',
      'saeq_agent_runs_total',
      'http_request_duration_seconds_bucket',
      'saeq_job_duration_seconds_bucket',
      'saeq_queue_jobs',
      'saeq_errors_total',
      'saeq_llm_tokens_total',
    ]) {
      expect(all, needed).toContain(needed);
    }
  });

  it('dashboard panels use the provisioned datasource uid', () => {
    const uid = dig(
      readYaml('infra/grafana/provisioning/datasources/prometheus.yml'),
      'datasources',
      0,
      'uid',
    );
    const dashboard = JSON.parse(
      readFileSync(join(repoRoot, 'infra/grafana/dashboards/saeq-overview.json'), 'utf8'),
    ) as unknown;
    for (const panel of asArray(dig(dashboard, 'panels'), 'panels')) {
      if (dig(panel, 'type') === 'row') continue;
      expect(dig(panel, 'datasource', 'uid'), String(dig(panel, 'title'))).toBe(uid);
    }
  });
});

describe('scrape targets', () => {
  it('compose config scrapes every replica of the four services on their ports (DNS SD)', () => {
    const jobs = asArray(
      dig(readYaml('infra/prometheus/prometheus.yml'), 'scrape_configs'),
      'scrape_configs',
    );
    const byName = new Map(jobs.map((j) => [String(dig(j, 'job_name')), j]));
    for (const service of services) {
      const job = byName.get(service);
      expect(job, service).toBeDefined();
      expect(dig(job, 'dns_sd_configs', 0, 'names'), service).toEqual([service]);
      expect(dig(job, 'dns_sd_configs', 0, 'type'), service).toBe('A');
      // METRICS_PORT, the gateway's too: /metrics is not served on the clients' port.
      expect(dig(job, 'dns_sd_configs', 0, 'port'), service).toBe(9100);
    }
    expect(byName.has('redis')).toBe(true);
  });

  it('Kubernetes config keeps annotated pods of the namespace and names jobs after the app', () => {
    const config = readYaml('infra/prometheus/prometheus.k8s.yml');
    const relabel = JSON.stringify(dig(config, 'scrape_configs', 0, 'relabel_configs'));
    expect(relabel).toContain('__meta_kubernetes_pod_annotation_prometheus_io_scrape');
    expect(relabel).toContain('__meta_kubernetes_pod_label_app_kubernetes_io_name');
    expect(dig(config, 'rule_files')).toEqual(['alerts.yml']);
  });
});

// promtool ships with Prometheus (Debian: apt-get install prometheus). Absent on a bare machine.
const noPromtool = missingCommand('promtool', ['--version'], 'apt-get install -y prometheus');
describe.skipIf(skipWhen('promtool check/test rules', noPromtool))('promtool', () => {
  const dir = join(repoRoot, 'infra/prometheus');
  const run = (args: string[]) =>
    execFileSync('promtool', args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  const scratch = mkdtempSync(join(tmpdir(), 'saeq-promtool-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('accepts the rules and the compose config', () => {
    expect(run(['check', 'rules', 'alerts.yml'])).toContain('SUCCESS');
    expect(run(['check', 'config', 'prometheus.yml'])).toContain('SUCCESS');
  });

  it('accepts the Kubernetes config (unless this promtool was built without Kubernetes SD)', () => {
    try {
      expect(run(['check', 'config', 'prometheus.k8s.yml'])).toContain('SUCCESS');
    } catch (err) {
      // Debian's promtool is built without Kubernetes service discovery.
      const output =
        String((err as { stdout?: unknown }).stdout ?? '') +
        String((err as { stderr?: unknown }).stderr ?? '');
      expect(output).toContain('kubernetes_sd_configs not found');
    }
  });

  it('passes the alert unit tests (alerts.test.yml)', () => {
    expect(run(['test', 'rules', 'alerts.test.yml'])).toContain('SUCCESS');
  });

  it('parses every dashboard query', () => {
    // Each query as a recording rule ($__range → 1h), so promtool parses its PromQL.
    const rules = dashboardExprs()
      .map(
        (expr, i) =>
          `      - record: saeq:dashboard_query_${i}\n        expr: ${JSON.stringify(expr.replaceAll('$__range', '1h'))}`,
      )
      .join('\n');
    const file = join(scratch, 'dashboard-rules.yml');
    writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${rules}\n`);
    expect(run(['check', 'rules', file])).toContain('SUCCESS');
  });
});
