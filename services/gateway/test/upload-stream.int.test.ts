import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildTextPdf } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadTmpDir } from '../src/middleware/multipart-body.ts';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

// Multipart uploads stream to a temporary file while hashed (issue 18 risk): the gateway never
// holds the file whole in memory, and the temporary file is gone however the request ends.

let gw: TestGateway;
let small: TestGateway;
beforeAll(async () => {
  [gw, small] = await Promise.all([
    startTestGateway({ MAX_UPLOAD_MB: '40', RATE_LIMITS_ENABLED: 'false' }),
    startTestGateway({ MAX_UPLOAD_MB: '1', RATE_LIMITS_ENABLED: 'false' }),
  ]);
  // Nothing needs analysing: keep the workers' queues still.
  await Promise.all([gw, small].flatMap((g) => Object.values(g.deps.queues).map((q) => q.pause())));
});
afterAll(async () => {
  await Promise.all([gw?.close(), small?.close()]);
});

const BOUNDARY = 'saeq-stream-test-boundary';
const CHUNK = 64 * 1024;

/**
 * A multipart body whose `file` part is `head` followed by `padBytes` generated chunk by chunk
 * (never held whole here either); `failAfter` makes the body stream error after that many bytes
 * of the file, as a client going away does. `digest` resolves to the file's sha256 once sent.
 */
function streamedForm(head: Uint8Array, padBytes: number, opts: { failAfter?: number } = {}) {
  const hash = createHash('sha256');
  let resolveDigest: (hex: string) => void = () => {};
  const digest = new Promise<string>((r) => {
    resolveDigest = r;
  });
  const encoder = new TextEncoder();
  const parts: (() => Uint8Array | 'fail' | null)[] = [];
  const preamble = encoder.encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\nGros plan\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="gros.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );
  let sent = 0;
  let padded = 0;
  let stage: 'preamble' | 'head' | 'pad' | 'end' | 'done' = 'preamble';
  parts.push(() => {
    if (stage === 'preamble') {
      stage = 'head';
      return preamble;
    }
    if (stage === 'head') {
      stage = 'pad';
      hash.update(head);
      sent += head.length;
      return head;
    }
    if (stage === 'pad') {
      if (opts.failAfter !== undefined && sent >= opts.failAfter) return 'fail';
      if (padded >= padBytes) {
        stage = 'end';
        resolveDigest(hash.digest('hex'));
        return encoder.encode(`\r\n--${BOUNDARY}--\r\n`);
      }
      const n = Math.min(CHUNK, padBytes - padded);
      // PDF comment lines: still a PDF after the header, whatever the reader makes of it.
      const chunk = new Uint8Array(n).fill(0x20);
      chunk[0] = 0x0a;
      chunk[1] = 0x25;
      padded += n;
      sent += n;
      hash.update(chunk);
      return chunk;
    }
    stage = 'done';
    return null;
  });
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = parts[0]?.();
      if (next === 'fail') controller.error(new Error('client went away'));
      else if (next === null || next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
  return { body, digest };
}

function upload(g: TestGateway, body: ReadableStream<Uint8Array>) {
  return g.app.request('/v1/plans', {
    method: 'POST',
    headers: bearer(g.keys.acme, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }),
    body,
    duplex: 'half',
  } as RequestInit);
}

function stagedFiles(g: TestGateway): string[] {
  try {
    return readdirSync(uploadTmpDir(g.deps.env));
  } catch {
    return [];
  }
}

describe('streamed multipart uploads', () => {
  it('stores a 30 MB plan without raising the heap by anything near its size, and leaves no temporary file', async () => {
    const pdf = await buildTextPdf(['Plan de 30 Mo']);
    const size = 30 * 1024 * 1024;
    // A small upload first: the route's first request loads and compiles modules (parser, schemas,
    // queue client), which would otherwise count as the big upload's memory.
    const warm = streamedForm(pdf, 256 * 1024);
    expect((await upload(gw, warm.body)).status).toBe(202);
    const { body, digest } = streamedForm(pdf, size - pdf.length);
    const baseline = liveMemory();
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, liveMemory());
    }, 250);
    const res = await upload(gw, body);
    clearInterval(sampler);
    peak = Math.max(peak, liveMemory());
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const sha256 = await digest;
    const plan = await gw.app.request(`/v1/plans/${id}`, { headers: bearer(gw.keys.acme) });
    expect(plan.status).toBe(200);
    const stored = await gw.deps.store.modifiedAt(sha256);
    expect(stored).not.toBeNull();
    expect(stagedFiles(gw)).toEqual([]);
    // Buffering the file once would add 30 MB; streaming adds the parser's chunks only (0.1 MB
    // measured after the warm-up; 16.9 MB was once seen without it, all first-request loading).
    const raisedMb = (peak - baseline) / 1024 / 1024;
    console.log(
      `30 MB multipart upload raised live heap + array buffers by at most ${raisedMb.toFixed(1)} MB`,
    );
    expect(raisedMb).toBeLessThan(15);
  }, 120_000);

  it('answers 413 when the file part is over MAX_UPLOAD_MB, and removes the temporary file', async () => {
    const pdf = await buildTextPdf(['Trop gros']);
    // 1.2 MB: within the request cap (which allows for base64), over the 1 MB file cap.
    const res = await upload(small, streamedForm(pdf, 1.2 * 1024 * 1024).body);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(stagedFiles(small)).toEqual([]);
    // 3 MB: over the request cap itself, cut while streaming.
    const over = await upload(small, streamedForm(pdf, 3 * 1024 * 1024).body);
    expect(over.status).toBe(413);
    expect(stagedFiles(small)).toEqual([]);
  });

  it('removes the temporary file when the client aborts mid-upload, and answers a problem, not a 500', async () => {
    const pdf = await buildTextPdf(['Interrompu']);
    const res = await upload(gw, streamedForm(pdf, 5 * 1024 * 1024, { failAfter: 2 * 1024 * 1024 }).body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(stagedFiles(gw)).toEqual([]);
  });

  it('answers 415 for a file that does not start like a PDF, from its first bytes, and removes it', async () => {
    const res = await upload(
      gw,
      streamedForm(new TextEncoder().encode('PK\x03\x04 pas un PDF'), 256 * 1024).body,
    );
    expect(res.status).toBe(415);
    expect(stagedFiles(gw)).toEqual([]);
  });
});

// What the process holds live: garbage of the streamed chunks is collected first, so a buffered
// copy of the file (30 MB) shows and the parser's passing chunks do not.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
function liveMemory(): number {
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
