import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort, startService, testRedisUrl, uniqueName, waitHealthy } from '@saeq/testing';
import { startOwnPostgres } from './lib/infra.ts';
import { workerEnv } from './lib/saeq-processes.ts';

const pg = await startOwnPostgres();
const conn = {
  databaseUrl: pg.url,
  redisUrl: testRedisUrl,
  prefix: uniqueName('zz'),
  dataDir: mkdtempSync(join(tmpdir(), 'zz-')),
};
for (const kind of ['worker-agents', 'worker-bom', 'worker-pdf'] as const) {
  const port = await getFreePort();
  const s = startService(kind, workerEnv(conn, { METRICS_PORT: String(port) }));
  await waitHealthy(`http://127.0.0.1:${port}/health/ready`, 120_000);
  await pg.stop();
  await new Promise((r) => setTimeout(r, 8000));
  console.log(kind, 'exit code while PG down:', s.child.exitCode, s.child.signalCode);
  console.log(
    s
      .output()
      .split('\n')
      .filter((l) => !l.includes('"level":"info"'))
      .slice(-8)
      .join('\n')
      .slice(0, 2500),
  );
  await pg.start();
  s.kill('SIGKILL');
  await s.exited;
}
await pg.destroy();
process.exit(0);
