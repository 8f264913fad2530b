import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('never writes credentials or uploaded content', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 't', level: 'debug', destination });
    log.info(
      {
        authorization: 'Bearer saeq_secret_value_1',
        headers: { authorization: 'Bearer saeq_secret_value_2' },
        req: { headers: { authorization: 'Bearer saeq_secret_value_3', cookie: 'sid=secret4' } },
        apiKey: 'saeq_secret_value_5',
        body: { contentBase64: 'JVBERi0xLjQKc2VjcmV0', apiKey: 'saeq_secret_value_6', password: 'hunter2' },
        ANTHROPIC_API_KEY: 'sk-ant-secret',
      },
      'request',
    );
    const out = lines.join('');
    for (const secret of [
      'secret_value_1',
      'secret_value_2',
      'secret_value_3',
      'secret4',
      'secret_value_5',
      'JVBERi0x',
      'secret_value_6',
      'hunter2',
      'sk-ant-secret',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'info', service: 't', msg: 'request' });
  });

  it('has an http level between info and debug', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 't', level: 'http', destination });
    log.http('access');
    log.debug('hidden');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}').level).toBe('http');
  });
});

describe('log files', () => {
  it('writes error.log and combined.log and rotates them by size, keeping a bounded number', async () => {
    const { mkdtempSync, readdirSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'saeq-logs-'));
    try {
      const log = createLogger({
        service: 't',
        level: 'info',
        fileDir: dir,
        fileMaxSize: '20k',
        fileCount: 3,
      });
      const filler = 'x'.repeat(500);
      for (let i = 0; i < 400; i++) log.info({ i, filler }, 'line');
      log.error({ authorization: 'Bearer saeq_never_in_files' }, 'boom');
      await new Promise<void>((resolve) => log.flush(() => resolve()));
      await new Promise((r) => setTimeout(r, 1500)); // the transport runs in a worker thread
      const files = readdirSync(dir).sort();
      const combined = files.filter((f) => f.startsWith('combined.'));
      const errors = files.filter((f) => f.startsWith('error.'));
      expect(combined.length).toBeGreaterThan(1);
      expect(combined.length).toBeLessThanOrEqual(4); // 3 kept + the current one
      expect(errors.length).toBeGreaterThanOrEqual(1);
      const errorText = errors.map((f) => readFileSync(join(dir, f), 'utf8')).join('');
      expect(errorText).toContain('boom');
      expect(errorText).not.toContain('"msg":"line"');
      expect(errorText).not.toContain('saeq_never_in_files');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
