import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per process with default process metrics and the business counters
 * every service may increment. Label sets are bounded (types, statuses, agent ids, queue names).
 */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const plansProcessed = new Counter({
    name: 'saeq_plans_processed_total',
    help: 'Plan pipeline stages finished, by stage and status',
    labelNames: ['stage', 'status'] as const,
    registers: [registry],
  });
  const agentRuns = new Counter({
    name: 'saeq_agent_runs_total',
    help: 'Agent runs finished, by agent and status',
    labelNames: ['agent', 'status', 'mode'] as const,
    registers: [registry],
  });
  const llmTokens = new Counter({
    name: 'saeq_llm_tokens_total',
    help: 'Language-model tokens used, by agent and kind (input, output, cache_read, cache_write)',
    labelNames: ['agent', 'kind'] as const,
    registers: [registry],
  });
  const symbolsDetected = new Counter({
    name: 'saeq_symbols_detected_total',
    help: 'Symbols detected on plans, by device type',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const bomsGenerated = new Counter({
    name: 'saeq_boms_generated_total',
    help: 'Bills of materials generated',
    registers: [registry],
  });
  const errors = new Counter({
    name: 'saeq_errors_total',
    help: 'Errors by type (error code)',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'saeq_job_duration_seconds',
    help: 'Job processing time by queue and outcome',
    labelNames: ['queue', 'status'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const queueJobs = new Gauge({
    name: 'saeq_queue_jobs',
    help: 'Jobs per queue and state (sampled at scrape time)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
  });
  const queueWorkers = new Gauge({
    name: 'saeq_queue_workers',
    help: 'Workers connected per queue (sampled at scrape time)',
    labelNames: ['queue'] as const,
    registers: [registry],
  });

  return {
    registry,
    httpDuration,
    plansProcessed,
    agentRuns,
    llmTokens,
    symbolsDetected,
    bomsGenerated,
    errors,
    jobDuration,
    queueJobs,
    queueWorkers,
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
