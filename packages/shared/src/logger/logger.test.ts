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
