import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayEnv } from '../../services/gateway/src/env.ts';
import { missingCommand, repoRoot, skipWhen } from './helpers.ts';

const confPath = join(repoRoot, 'infra/nginx/nginx.conf');
const conf = readFileSync(confPath, 'utf8');

/** The body of `location <match> {…}` in the HTTPS server (locations here do not nest). */
function location(match: string): string {
  const start = conf.indexOf(`location ${match} {`, conf.indexOf('listen 443'));
  if (start < 0) throw new Error(`no location ${match}`);
  return conf.slice(start, conf.indexOf('}', start));
}

describe('nginx.conf (static)', () => {
  it('accepts uploads up to MAX_UPLOAD_MB, even base64 in JSON, so the gateway answers the 413', () => {
    const maxUploadMb = GatewayEnv.shape.MAX_UPLOAD_MB.parse(undefined);
    const limit = Number(/client_max_body_size (\d+)m;/.exec(conf)?.[1]);
    // A JSON upload carries the PDF base64-encoded: 4/3 of its size, plus the JSON around it.
    expect(limit).toBeGreaterThanOrEqual(Math.ceil((maxUploadMb * 4) / 3) + 1);
  });

  it('does not buffer server-sent events of agent runs', () => {
    const sse = location('~ ^/v1/agent-runs/[^/]+/events$');
    expect(sse).toContain('proxy_buffering off;');
    expect(sse).toContain('gzip off;');
    expect(sse).toMatch(/proxy_read_timeout \d+h;/);
  });

  it('never exposes /metrics', () => {
    expect(location('= /metrics')).toContain('return 404;');
  });

  it('terminates TLS with the mounted certificate, sends security headers, gzips JSON', () => {
    expect(conf).toContain('ssl_certificate /etc/nginx/certs/fullchain.pem;');
    expect(conf).toContain('ssl_certificate_key /etc/nginx/certs/privkey.pem;');
    expect(conf).toContain('ssl_protocols TLSv1.2 TLSv1.3;');
    for (const header of [
      'Strict-Transport-Security',
      'X-Content-Type-Options',
      'X-Frame-Options',
      'Referrer-Policy',
    ]) {
      expect(conf).toMatch(new RegExp(`add_header ${header} .* always;`));
    }
    // add_header inside a location would drop the server's headers there (nginx inheritance).
    const server = conf.slice(conf.indexOf('listen 443'));
    const firstLocation = server.indexOf('location ');
    expect(server.slice(firstLocation)).not.toContain('add_header');
    expect(conf).toMatch(/gzip_types [^;]*application\/json/);
  });

  it('rate-limits as a second line, uploads more strictly, and forwards to every gateway replica', () => {
    expect(conf).toMatch(/limit_req_zone \S+ zone=saeq_api:\d+m rate=\d+r\/s;/);
    expect(conf).toMatch(/limit_req_zone \$saeq_upload_key zone=saeq_upload:\d+m rate=\d+r\/s;/);
    expect(location('= /v1/plans')).toContain('limit_req zone=saeq_upload');
    expect(location('/')).toContain('limit_req zone=saeq_api');
    expect(conf).toMatch(/upstream saeq_gateway \{[^}]*server gateway:3000 resolve/);
  });
});

/**
 * nginx itself, when installed: the real config with only what a test machine needs changed
 * (ports, certificate, upstream address, temp paths; on nginx older than the image, the two
 * directives it does not know: `http2 on` and upstream `resolve`), in front of a fake gateway.
 */
function nginxVersion(): [number, number, number] | null {
  // `nginx -v` prints its version on stderr.
  const run = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
  const m = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(`${run.stdout ?? ''}${run.stderr ?? ''}`);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}
const version = nginxVersion();
const atLeast = (v: [number, number, number], [a, b, c]: [number, number, number]) =>
  v[0] !== a ? v[0] > a : v[1] !== b ? v[1] > b : v[2] >= c;

type Seen = { method: string; url: string; headers: IncomingHttpHeaders };
type Reply = { status: number; headers: IncomingHttpHeaders; body: string };

const cannotServe = version
  ? missingCommand('openssl', ['version'], 'apt-get install -y openssl')
  : '`nginx -v` does not run (apt-get install -y nginx)';
describe.skipIf(skipWhen('nginx -t and nginx serving the config', cannotServe))(
  'nginx.conf served by nginx',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'saeq-nginx-'));
    const seen: Seen[] = [];
    let releaseStream: () => void = () => {};
    let upstream: Server;
    let nginx: ChildProcess;
    let httpPort = 0;
    let httpsPort = 0;

    beforeAll(async () => {
      const upstreamPort = await getFreePort();
      httpPort = await getFreePort();
      httpsPort = await getFreePort();
      upstream = createServer((req, res) => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
        req.resume();
        if (req.url?.endsWith('/events')) {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          res.write('event: started\ndata: {}\n\n');
          releaseStream = () => res.end('event: done\ndata: {}\n\n');
          return;
        }
        if (req.url === '/v1/big') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => ({ i, text: 'disjoncteur' })) }),
          );
          return;
        }
        res.writeHead(req.method === 'POST' ? 202 : 200, { 'content-type': 'application/json' });
        res.end('{"status":"ok"}');
      });
      await new Promise<void>((r) => upstream.listen(upstreamPort, '127.0.0.1', r));

      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-keyout',
          join(dir, 'privkey.pem'),
          '-out',
          join(dir, 'fullchain.pem'),
        ],
        { stdio: 'ignore' },
      );
      for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
        mkdirSync(join(dir, sub));
        chmodSync(join(dir, sub), 0o777);
      }
      let text = conf
        .replace('worker_processes auto;', 'worker_processes 1;')
        .replace('listen 80 default_server;', `listen 127.0.0.1:${httpPort} default_server;`)
        .replace('listen 443 ssl default_server;', `listen 127.0.0.1:${httpsPort} ssl default_server;`)
        .replaceAll('/etc/nginx/certs/', `${dir}/`)
        // A socket is not a device nginx can open: Node's stdio "pipes" are socketpairs.
        .replace('access_log /dev/stdout saeq;', `access_log ${dir}/access.log saeq;`)
        .replace('server gateway:3000', `server 127.0.0.1:${upstreamPort}`)
        .replace(
          'http {',
          `http {\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  fastcgi_temp_path ${dir}/fastcgi;\n  uwsgi_temp_path ${dir}/uwsgi;\n  scgi_temp_path ${dir}/scgi;`,
        );
      if (!existsSync('/etc/nginx/mime.types')) text = text.replace('include /etc/nginx/mime.types;', '');
      if (version && !atLeast(version, [1, 25, 1])) text = text.replace('http2 on;', '');
      if (version && !atLeast(version, [1, 27, 3])) text = text.replace(' resolve max_fails', ' max_fails');
      writeFileSync(join(dir, 'nginx.conf'), text);

      nginx = spawn(
        'nginx',
        ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', `daemon off; pid ${dir}/nginx.pid;`],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      nginx.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const deadline = Date.now() + 10_000;
      for (;;) {
        const open = await new Promise<boolean>((resolve) => {
          const socket = connect(httpsPort, '127.0.0.1');
          socket.once('connect', () => {
            socket.destroy();
            resolve(true);
          });
          socket.once('error', () => resolve(false));
        });
        if (open) break;
        if (Date.now() > deadline || nginx.exitCode !== null)
          throw new Error(`nginx did not start: ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    });

    afterAll(async () => {
      releaseStream();
      if (nginx && nginx.exitCode === null) {
        const exited = new Promise((r) => nginx.once('exit', r));
        nginx.kill('SIGTERM');
        await exited;
      }
      await new Promise((r) => upstream?.close(r));
      rmSync(dir, { recursive: true, force: true });
    });

    function https(
      path: string,
      opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
    ): Promise<Reply> {
      return new Promise((resolve, reject) => {
        const req = httpsRequest(
          {
            host: '127.0.0.1',
            port: httpsPort,
            path,
            method: opts.method ?? 'GET',
            headers: opts.headers,
            rejectUnauthorized: false,
          },
          (res) => {
            let body = '';
            res.setEncoding('latin1');
            res.on('data', (d: string) => {
              body += d;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          },
        );
        req.on('error', reject);
        req.end(opts.body);
      });
    }

    it('proxies to the gateway with the forwarding headers and a request id, adding security headers', async () => {
      const reply = await https('/health/ready');
      expect(reply.status).toBe(200);
      expect(reply.headers['strict-transport-security']).toContain('max-age=');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('DENY');
      const request = seen.find((s) => s.url === '/health/ready');
      expect(request?.headers['x-forwarded-proto']).toBe('https');
      expect(request?.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(String(request?.headers['x-request-id'] ?? '')).toMatch(/^[0-9a-f]{32}$/);

      await https('/v1/plans', { headers: { 'x-request-id': 'client-chosen-id' } });
      expect(seen.at(-1)?.headers['x-request-id']).toBe('client-chosen-id');
    });

    it('answers /metrics itself with 404, never reaching the gateway', async () => {
      const before = seen.length;
      expect((await https('/metrics')).status).toBe(404);
      expect(seen.length).toBe(before);
    });

    it('redirects plain HTTP to HTTPS', async () => {
      const reply = await new Promise<Reply>((resolve, reject) => {
        httpRequest(
          { host: '127.0.0.1', port: httpPort, path: '/v1/plans', headers: { host: 'saeq.test' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
          },
        )
          .on('error', reject)
          .end();
      });
      expect(reply.status).toBe(301);
      expect(reply.headers.location).toBe('https://saeq.test/v1/plans');
    });

    it('compresses JSON responses', async () => {
      const reply = await https('/v1/big', { headers: { 'accept-encoding': 'gzip' } });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-encoding']).toBe('gzip');
    });

    it('streams server-sent events as they are written (no buffering)', async () => {
      const firstEvent = await new Promise<string>((resolve, reject) => {
        const req = httpsRequest(
          {
            host: '127.0.0.1',
            port: httpsPort,
            path: '/v1/agent-runs/abc/events',
            rejectUnauthorized: false,
          },
          (res) => {
            res.setEncoding('utf8');
            res.once('data', (d: string) => {
              resolve(d);
              res.destroy();
            });
          },
        );
        req.on('error', reject);
        req.setTimeout(3000, () =>
          reject(new Error('the first event did not come through while the stream was open')),
        );
        req.end();
      });
      expect(firstEvent).toContain('event: started');
      releaseStream();
    });

    it('rejects a body over client_max_body_size with 413 before reading it', async () => {
      const reply = await https('/v1/plans', {
        method: 'POST',
        headers: { 'content-type': 'application/pdf', 'content-length': String(200 * 1024 * 1024) },
      }).catch((err: unknown) => ({ status: -1, headers: {}, body: String(err) }));
      expect(reply.status).toBe(413);
    });

    it('limits the upload rate per client (POST) but not listing (GET)', async () => {
      const gets = await Promise.all(Array.from({ length: 12 }, () => https('/v1/plans')));
      expect(gets.every((r) => r.status === 200)).toBe(true);
      const posts = await Promise.all(
        Array.from({ length: 16 }, () =>
          https('/v1/plans', {
            method: 'POST',
            headers: { 'content-type': 'application/pdf' },
            body: '%PDF-1.7',
          }),
        ),
      );
      const statuses = posts.map((r) => r.status);
      // burst=10 nodelay at 2 r/s: about 11 pass at once, the rest are refused by nginx.
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
      expect(statuses.filter((s) => s === 202).length).toBeGreaterThanOrEqual(10);
    });
  },
);
