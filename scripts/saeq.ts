/**
 * `pnpm saeq mcp` — the MCP server on stdio (for Claude Desktop / Claude Code), acting with
 *   SAEQ_API_KEY; stdout carries the protocol only (see services/gateway/src/mcp/stdio.ts).
 * `pnpm saeq keys create --org acme --scopes plans:write,agents:run [--name ci] [--json]`
 * `pnpm saeq keys list [--org acme] [--json]`
 * `pnpm saeq keys revoke <key-id>`
 * `pnpm saeq blobs migrate --to s3|file`: copies every blob from the other store into the named
 *   one (S3_* variables name the bucket, DATA_DIR the directory) and verifies each digest.
 * Uses DATABASE_URL like the services (embedded PGlite under DATA_DIR when unset; stop
 * `pnpm start` first in that case, PGlite admits one process).
 */
import { parseArgs } from 'node:util';
import { allScopes, createApiKey, listApiKeys, revokeApiKey, Scope } from '@saeq/shared/auth';
import { createDb } from '@saeq/shared/db';
import { BaseEnv, parseEnv } from '@saeq/shared/env';
import { openBlobStore } from '@saeq/shared/storage';
import { migrateBlobs } from './blobs-migrate.ts';

const usage = `usage:
  saeq mcp                      (MCP server on stdio; needs SAEQ_API_KEY, optional SAEQ_LANG=fr|en)
  saeq keys create --org <slug> --scopes <s1,s2> [--name <label>] [--json]
  saeq keys list [--org <slug>] [--json]
  saeq keys revoke <key-id>
  saeq blobs migrate --to <s3|file>
scopes: ${allScopes.join(', ')}`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

if (process.argv[2] === 'mcp') {
  // Loaded only for this command: the MCP server pulls in the gateway's use cases. From the
  // sources (scripts/saeq.ts under tsx) or compiled (scripts/dist/saeq.js, `pnpm build`): each
  // finds the gateway's module of its own kind.
  const compiled = import.meta.url.endsWith('.js');
  const gatewayModule = (name: string) =>
    new URL(
      compiled ? `../../services/gateway/dist/mcp/${name}.js` : `../services/gateway/src/mcp/${name}.ts`,
      import.meta.url,
    ).href;
  const { loadMcpStdioEnv } = (await import(
    gatewayModule('env')
  )) as typeof import('../services/gateway/src/mcp/env.ts');
  const { runStdioMcpServer } = (await import(
    gatewayModule('stdio')
  )) as typeof import('../services/gateway/src/mcp/stdio.ts');
  try {
    await runStdioMcpServer(loadMcpStdioEnv(process.env));
    process.exit(0);
  } catch (err) {
    process.stderr.write(`saeq mcp: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    org: { type: 'string' },
    scopes: { type: 'string' },
    name: { type: 'string' },
    json: { type: 'boolean', default: false },
    to: { type: 'string' },
  },
});
const [group, action, arg] = positionals;
if (!['keys', 'blobs'].includes(group ?? '') || !action) fail('unknown command');

const env = parseEnv(BaseEnv, process.env);
if (group === 'blobs') {
  if (action !== 'migrate') fail(`unknown action ${action}`);
  const to = values.to;
  if (to !== 's3' && to !== 'file') fail('--to must be s3 or file');
  const target = await openBlobStore(parseEnv(BaseEnv, { ...process.env, BLOB_STORE: to }));
  const source = await openBlobStore(
    parseEnv(BaseEnv, { ...process.env, BLOB_STORE: to === 's3' ? 'file' : 's3' }),
  );
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const result = await migrateBlobs({ from: source, to: target, log });
  process.stdout.write(
    `${result.listed} blobs: ${result.copied} copied, ${result.alreadyThere} already there, ${result.mismatched.length} mismatched\n`,
  );
  process.exit(result.mismatched.length > 0 ? 1 : 0);
}
const db = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  await db.migrate();
  if (action === 'create') {
    const org = values.org ?? fail('--org is required');
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(org)) fail('--org must be a lowercase slug (a-z, 0-9, -)');
    const scopes = (values.scopes ?? fail('--scopes is required')).split(',').map((s) => s.trim());
    const parsed = scopes.map((s) => Scope.safeParse(s));
    const bad = scopes.filter((_, i) => !parsed[i]?.success);
    if (bad.length > 0) fail(`unknown scope(s): ${bad.join(', ')}`);
    const created = await createApiKey(db.db, { org, scopes: scopes as Scope[], name: values.name ?? '' });
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ id: created.id, key: created.key, org: created.org, scopes: created.scopes })}\n`,
      );
    } else {
      process.stdout.write(`created key ${created.id} for ${org} with scopes ${scopes.join(',')}\n`);
      process.stdout.write(`${created.key}\n`);
    }
  } else if (action === 'list') {
    const rows = await listApiKeys(db.db, values.org);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(rows)}\n`);
    } else {
      for (const r of rows) {
        const state = r.revokedAt ? `revoked ${r.revokedAt.toISOString()}` : 'active';
        process.stdout.write(
          `${r.id}  ${r.org}  ${r.prefix}…  ${r.scopes.join(',')}  ${state}  last used ${r.lastUsedAt?.toISOString() ?? 'never'}\n`,
        );
      }
    }
  } else if (action === 'revoke') {
    if (!arg || !/^[0-9a-f-]{36}$/i.test(arg)) fail('revoke needs a key id (UUID)');
    const done = await revokeApiKey(db.db, arg, new Date());
    if (!done) {
      process.stderr.write(`no active key ${arg}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(`revoked ${arg}\n`);
    }
  } else {
    fail(`unknown action ${action}`);
  }
} finally {
  await db.close();
}
