import { parseArgs } from 'node:util';
import { crashLoopScenario } from './scenarios/crash-loop.ts';
import { type Dependency, dependencyOutageScenario } from './scenarios/dependency-outage.ts';
import { gatewaySigtermScenario } from './scenarios/gateway-sigterm.ts';
import { killWorkersScenario } from './scenarios/kill-workers.ts';

/**
 * The chaos suite with parameters (`pnpm chaos:long` runs it at full size; `pnpm chaos` runs the
 * short CI version, scripts/chaos/*.int.test.ts). Needs the local Redis and Postgres like the
 * tests, plus redis-server and initdb/pg_ctl for the scenarios that own and break their own.
 *
 *   node --import tsx scripts/chaos/run.ts [--scenario all|kill|redis|postgres|sigterm|crash]
 *     [--jobs 1000] [--rate 8] [--plan-share 0.4] [--kill-every 1500-4000] [--seed N]
 *     [--restarts 3] [--outage-ms 15000] [--burst-plans 20] [--burst-runs 40] [--lock-ms 30000] [--settle-ms 600000]
 *
 * Prints each scenario's report as JSON and a one-line summary; exits 1 if anything was lost or
 * duplicated.
 */
const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'all' },
    jobs: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '8' },
    'plan-share': { type: 'string', default: '0.4' },
    'kill-every': { type: 'string', default: '1500-4000' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    restarts: { type: 'string', default: '3' },
    'outage-ms': { type: 'string', default: '15000' },
    'settle-ms': { type: 'string', default: '600000' },
    'burst-plans': { type: 'string', default: '20' },
    'burst-runs': { type: 'string', default: '40' },
    'lock-ms': { type: 'string', default: '30000' },
  },
});
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const [killMin = 1500, killMax = 4000] = (values['kill-every'] ?? '').split('-').map(Number);
const wanted = (name: string) => values.scenario === 'all' || values.scenario === name;
let failed = false;

if (wanted('kill')) {
  const report = await killWorkersScenario({
    jobs: Number(values.jobs),
    planShare: Number(values['plan-share']),
    perSecond: Number(values.rate),
    replicas: { 'worker-pdf': 2, 'worker-bom': 2, 'worker-agents': 2 },
    killEveryMs: [killMin, killMax],
    restartDelayMs: 500,
    seed: Number(values.seed),
    settleTimeoutMs: Number(values['settle-ms']),
    log,
  });
  console.log(JSON.stringify(report, null, 2));
  log(
    `kill-workers: submitted ${report.submitted.plans} plans + ${report.submitted.runs} runs, accepted ${report.accepted.plans} + ${report.accepted.runs}, completed ${report.plans.completed} + ${report.runs.completed}, lost ${report.lost}, duplicated ${report.duplicated}, kills ${JSON.stringify(report.kills)}`,
  );
  failed ||= report.lost > 0 || report.duplicated > 0 || report.plans.failed + report.runs.failed > 0;
}

for (const dependency of ['redis', 'postgres'] as Dependency[]) {
  if (!wanted(dependency)) continue;
  const report = await dependencyOutageScenario({
    dependency,
    jobs: Number(values.jobs),
    perSecond: Number(values.rate),
    planShare: Number(values['plan-share']),
    replicas: { 'worker-pdf': 2, 'worker-bom': 1, 'worker-agents': 1 },
    restarts: Number(values.restarts),
    outageMs: Number(values['outage-ms']),
    gapMs: 8000,
    burstBeforeOutage: { plans: Number(values['burst-plans']), runs: Number(values['burst-runs']) },
    lockDurationMs: Number(values['lock-ms']),
    canaryTimeoutMs: 60_000,
    settleTimeoutMs: Number(values['settle-ms']),
    log,
  });
  console.log(JSON.stringify(report, null, 2));
  log(
    `${dependency} outage: accepted ${report.accepted.plans} plans + ${report.accepted.runs} runs, completed ${report.plans.completed} + ${report.runs.completed}, failed ${report.plans.failed} + ${report.runs.failed}, lost ${report.lost}, duplicated ${report.duplicated}, answers ${JSON.stringify(report.statusCounts)}`,
  );
  failed ||=
    report.lost > 0 ||
    report.duplicated > 0 ||
    report.plans.failed + report.runs.failed > 0 ||
    report.outages.some((o) => o.canaries.some((c) => c.consumedAfterMs === null));
}

if (wanted('sigterm')) {
  const report = await gatewaySigtermScenario({
    clients: 32,
    planShare: 0.2,
    warmupMs: 5000,
    settleTimeoutMs: 300_000,
    log,
  });
  console.log(JSON.stringify(report, null, 2));
  log(
    `gateway SIGTERM: ${report.requests} requests, ${report.inFlightAtSignal} in flight at the signal (${report.inFlightBroken} broken), exit ${report.exitCode} after ${report.exitAfterMs} ms, after the signal ${JSON.stringify(report.afterSignal)}`,
  );
  failed ||=
    report.exitCode !== 0 ||
    report.exitAfterMs > 30_000 ||
    report.inFlightBroken > 0 ||
    report.orphanRows !== 0 ||
    report.completed.plans !== report.accepted.plans ||
    report.completed.runs !== report.accepted.runs;
}

if (wanted('crash')) {
  const report = await crashLoopScenario({ crashes: 3, graceMs: 30_000, log });
  console.log(JSON.stringify(report, null, 2));
  log(
    `crash loop: BullMQ job ${report.job.state} (${report.job.failedReason}), stage ${report.stage.status} ${JSON.stringify(report.stage.error)}`,
  );
  failed ||= report.stage.status !== 'failed';
}

process.exit(failed ? 1 : 0);
