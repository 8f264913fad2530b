/**
 * Generates docs/configuration.md from the zod env schemas every SAEQ process parses at start
 * (packages/shared/src/env and services/*\/src/env.ts), with descriptions taken from the schemas'
 * JSDoc comments, then from `.env.example`; and the deployment variables of
 * docker-compose.prod.yml with their descriptions from infra/env.prod.example.
 *
 *   node --import tsx scripts/gen-config-doc.ts           # rewrites docs/configuration.md
 *   node --import tsx scripts/gen-config-doc.ts --check   # exit 1 when the file is stale
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BaseEnv } from '@saeq/shared/env';
import { z } from 'zod';
import { GatewayEnv } from '../services/gateway/src/env.ts';
import { McpStdioOwnEnv } from '../services/gateway/src/mcp/env.ts';
import { WorkerAgentsEnv } from '../services/worker-agents/src/env.ts';
import { WorkerBomEnv } from '../services/worker-bom/src/env.ts';
import { WorkerPdfEnv } from '../services/worker-pdf/src/env.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const configDocPath = join(repoRoot, 'docs/configuration.md');

type EnvSchema = z.ZodObject<Record<string, z.ZodType>>;

/** Each service's schema and the source file whose JSDoc comments describe its fields. */
export const envSources: { service: string; schema: EnvSchema; file: string }[] = [
  { service: 'all', schema: BaseEnv, file: 'packages/shared/src/env/index.ts' },
  { service: 'gateway', schema: GatewayEnv, file: 'services/gateway/src/env.ts' },
  { service: 'saeq mcp', schema: McpStdioOwnEnv, file: 'services/gateway/src/mcp/env.ts' },
  { service: 'worker-pdf', schema: WorkerPdfEnv, file: 'services/worker-pdf/src/env.ts' },
  { service: 'worker-agents', schema: WorkerAgentsEnv, file: 'services/worker-agents/src/env.ts' },
  { service: 'worker-bom', schema: WorkerBomEnv, file: 'services/worker-bom/src/env.ts' },
];

export type EnvVariable = {
  name: string;
  /** `all` for the shared schema, else the services that read it. */
  services: string[];
  /** Per service when they differ (METRICS_PORT), else one entry. */
  defaults: Map<string, string>;
  accepted: string;
  /** Per service; services may describe a shared variable differently (what it means to them). */
  descriptions: Map<string, string>;
};

type JsonSchemaLike = {
  type?: string;
  anyOf?: JsonSchemaLike[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
};

const booleanWords = ['0', '1', 'false', 'no', 'true', 'yes'];

/** Human summary of what a field accepts, from its JSON schema (input side). */
export function describeAccepted(field: z.ZodType): string {
  const top = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as JsonSchemaLike;
  // A union (e.g. "points/seconds" text or an object given in code): what env text can be.
  const js = top.anyOf?.find((branch) => branch.type === 'string') ?? top.anyOf?.[0] ?? top;
  if (js.enum) {
    const values = js.enum.map(String);
    if ([...values].sort().join() === booleanWords.join())
      return '`true` / `false` (also `1`/`0`, `yes`/`no`)';
    return values.map((v) => `\`${v}\``).join(', ');
  }
  if (js.type === 'integer' || js.type === 'number') {
    const kind = js.type === 'integer' ? 'integer' : 'number';
    const low =
      js.exclusiveMinimum !== undefined
        ? `> ${js.exclusiveMinimum}`
        : js.minimum !== undefined
          ? `≥ ${js.minimum}`
          : '';
    const high = js.maximum !== undefined && js.maximum < Number.MAX_SAFE_INTEGER ? `≤ ${js.maximum}` : '';
    return [kind, [low, high].filter(Boolean).join(', ')].filter(Boolean).join(' ');
  }
  if (js.format === 'uri') return 'URL';
  if (js.pattern) return `text matching \`${js.pattern}\``;
  if (js.minLength !== undefined && js.minLength > 1) return `text, ≥ ${js.minLength} characters`;
  return 'text';
}

function schemaEnumValues(field: z.ZodType): string[] {
  const js = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as JsonSchemaLike;
  return (js.enum ?? []).map(String);
}

/**
 * The default a field takes when the variable is unset: a value, `unset` or `required`. Defaults
 * that are parsed objects (rate specs, price tables) are shown as the example file writes them
 * (`exampleValue`), else as short JSON, else as "built-in".
 */
export function describeDefault(field: z.ZodType, exampleValue?: string): string {
  // A default followed by a transform (DATA_DIR → an absolute path on this machine) is documented
  // as written, before the transform.
  const written = field instanceof z.ZodPipe && field.out instanceof z.ZodTransform ? field.in : field;
  const parsed = (written as z.ZodType).safeParse(undefined);
  if (!parsed.success) return 'required';
  const value: unknown = parsed.data;
  if (value === undefined) return 'unset';
  if (value === '') return 'empty';
  if (typeof value !== 'object' || value === null) return `\`${String(value)}\``;
  if (Array.isArray(value) && value.length === 0) return 'empty';
  if (exampleValue) return `\`${exampleValue}\``;
  const json = JSON.stringify(value);
  return json.length <= 60 ? `\`${json}\`` : 'built-in (see the schema)';
}

/** `/** text *\/` comments right above `NAME:` in a schema source file. */
export function jsdocByName(source: string): Map<string, string> {
  const out = new Map<string, string>();
  // The comment body may not contain "*/": a match never spans two comments.
  for (const m of source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*([A-Z][A-Z0-9_]*)\s*:/g)) {
    const text = (m[1] ?? '')
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, '').trim())
      .filter(Boolean)
      .join(' ');
    if (m[2]) out.set(m[2], text);
  }
  return out;
}

/** `NAME=value   # comment` lines of an env example file (commented-out assignments included). */
export function envExampleComments(source: string): Map<string, { value: string; comment: string }> {
  const out = new Map<string, { value: string; comment: string }>();
  for (const line of source.split('\n')) {
    const m = /^#?\s*([A-Z][A-Z0-9_]*)=(\S*)\s*(?:#\s*(.*))?$/.exec(line.trim());
    if (m?.[1] && !out.has(m[1])) out.set(m[1], { value: m[2] ?? '', comment: (m[3] ?? '').trim() });
  }
  return out;
}

export type ComposeVariable = { name: string; defaultValue: string | null; required: boolean };

/** `${NAME}`, `${NAME:-default}` and `${NAME:?message}` interpolations of a compose file. */
export function composeVariables(source: string): ComposeVariable[] {
  const found = new Map<string, ComposeVariable>();
  const text = source
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n');
  for (const m of text.matchAll(/(?<!\$)\$\{([A-Z_][A-Z0-9_]*)(?:(:?[-?])([^}]*))?\}/g)) {
    const name = m[1] ?? '';
    const op = m[2] ?? '';
    const prev = found.get(name);
    const entry: ComposeVariable = {
      name,
      defaultValue: op.endsWith('-') ? (m[3] ?? '') : (prev?.defaultValue ?? null),
      required: op.endsWith('?') || (prev?.required ?? false),
    };
    found.set(name, entry);
  }
  return [...found.values()];
}

/** Every variable of every schema, merged across services. */
export async function collectEnvVariables(root = repoRoot): Promise<EnvVariable[]> {
  const example = envExampleComments(await readFile(join(root, '.env.example'), 'utf8'));
  const byName = new Map<string, EnvVariable>();
  const base = new Set(Object.keys(BaseEnv.shape));
  for (const { service, schema, file } of envSources) {
    const docs = jsdocByName(await readFile(join(root, file), 'utf8'));
    for (const [name, field] of Object.entries(schema.shape)) {
      if (service !== 'all' && base.has(name)) continue;
      const entry = byName.get(name) ?? {
        name,
        services: [],
        defaults: new Map<string, string>(),
        accepted: describeAccepted(field),
        descriptions: new Map<string, string>(),
      };
      entry.services.push(service);
      entry.defaults.set(service, describeDefault(field, example.get(name)?.value));
      let description = docs.get(name) ?? example.get(name)?.comment ?? '';
      // .env.example often lists an enum's values as its comment: the Accepted column says that.
      if (description.replaceAll(' ', '') === schemaEnumValues(field).join('|')) description = '';
      if (description) entry.descriptions.set(service, description);
      byName.set(name, entry);
    }
  }
  return [...byName.values()];
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function descriptionCell(v: EnvVariable): string {
  const unique = [...new Set(v.descriptions.values())];
  if (unique.length === 0) return '—';
  if (unique.length === 1) return unique[0] ?? '';
  return [...v.descriptions.entries()].map(([service, d]) => `${service}: ${d}`).join(' ');
}

function defaultCell(v: EnvVariable): string {
  const values = [...new Set(v.defaults.values())];
  if (values.length === 1) return values[0] ?? '';
  return [...v.defaults.entries()].map(([service, d]) => `${d} (${service})`).join(', ');
}

function table(rows: EnvVariable[], withServices: boolean): string[] {
  if (!withServices) {
    const lines = ['| Variable | Default | Accepted values | Description |', '|---|---|---|---|'];
    for (const v of rows) {
      lines.push(
        `| \`${v.name}\` | ${cell(defaultCell(v))} | ${cell(v.accepted)} | ${cell(descriptionCell(v))} |`,
      );
    }
    return lines;
  }
  const lines = [
    '| Variable | Services | Default | Accepted values | Description |',
    '|---|---|---|---|---|',
  ];
  for (const v of rows) {
    lines.push(
      `| \`${v.name}\` | ${v.services.join(', ')} | ${cell(defaultCell(v))} | ${cell(v.accepted)} | ${cell(descriptionCell(v))} |`,
    );
  }
  return lines;
}

/** The whole of docs/configuration.md; deterministic (no dates), so `--check` can compare. */
export async function renderConfigDoc(root = repoRoot): Promise<string> {
  const variables = await collectEnvVariables(root);
  const exampleSource = await readFile(join(root, '.env.example'), 'utf8');
  const example = envExampleComments(exampleSource);
  const prodExample = envExampleComments(await readFile(join(root, 'infra/env.prod.example'), 'utf8'));
  const compose = composeVariables(await readFile(join(root, 'docker-compose.prod.yml'), 'utf8'));
  const known = new Set(variables.map((v) => v.name));

  const out: string[] = [
    '# Configuration',
    '',
    '<!-- Generated by `node --import tsx scripts/gen-config-doc.ts` from the zod env schemas',
    '     (packages/shared/src/env/index.ts, services/*/src/env.ts), .env.example,',
    '     docker-compose.prod.yml and infra/env.prod.example. Do not edit by hand: change the',
    '     schema or the example file and run the command again (infra/test checks it is current). -->',
    '',
    'Every SAEQ process reads its configuration from environment variables, parsed once at start',
    'by a zod schema: an invalid value stops the process with a message naming each bad variable.',
    'An empty value counts as unset. `pnpm start` also reads `.env` at the repository root;',
    '[`.env.example`](../.env.example) lists every variable with its default.',
    '',
    'Secrets (`DATABASE_URL` with its password, `REDIS_URL` with its password, `BOOTSTRAP_API_KEY`,',
    '`ANTHROPIC_API_KEY`) belong in the environment or a secret store, never in the repository:',
    'docker-compose.prod.yml builds the URLs from `POSTGRES_PASSWORD` and `REDIS_PASSWORD`, and',
    'Kubernetes reads them from the Secret `saeq-secrets` (infra/k8s/base/secret.example.yaml).',
    '',
  ];

  const sections: { title: string; services: string[]; intro: string }[] = [
    { title: 'Every service', services: ['all'], intro: 'Read by the gateway and the three workers.' },
    {
      title: 'Gateway',
      services: ['gateway', 'saeq mcp'],
      intro:
        'A variable also read by a worker is listed in both tables (**Services** column). ' +
        '`pnpm saeq mcp` (the stdio MCP server) reads the gateway’s variables and its own.',
    },
    {
      title: 'Workers',
      services: ['worker-pdf', 'worker-agents', 'worker-bom'],
      intro:
        'Each worker serves `/health`, `/health/ready` and `/metrics` on `METRICS_PORT`, and so ' +
        'does the gateway when it is set (never on its `PORT`). The ' +
        '**Services** column says which processes read a variable.',
    },
  ];
  for (const section of sections) {
    const rows = variables.filter((v) => v.services.some((s) => section.services.includes(s)));
    if (rows.length === 0) continue;
    out.push(
      `## ${section.title}`,
      '',
      section.intro,
      '',
      ...table(rows, !section.services.includes('all')),
      '',
    );
  }

  const startOnly = [...example.entries()].filter(([name]) => !known.has(name));
  if (startOnly.length > 0) {
    out.push(
      '## `pnpm start` only',
      '',
      'Read by `scripts/start.ts` (the one-machine launcher), not by the services.',
      '',
      '| Variable | Example | Description |',
      '|---|---|---|',
    );
    for (const [name, { value, comment }] of startOnly) {
      out.push(`| \`${name}\` | \`${cell(value)}\` | ${cell(comment || '—')} |`);
    }
    out.push('');
  }

  out.push(
    '## Deployment with docker-compose.prod.yml',
    '',
    'Interpolated by Docker Compose from the env file given to `scripts/deploy.sh --env-file`',
    '(model: [`infra/env.prod.example`](../infra/env.prod.example)). **Required** variables stop',
    '`docker compose` with an error when unset. Service variables passed through keep the',
    'meaning given above.',
    '',
    '| Variable | Default | Description |',
    '|---|---|---|',
  );
  for (const v of [...compose].sort((a, b) => a.name.localeCompare(b.name))) {
    const description =
      prodExample.get(v.name)?.comment || (known.has(v.name) ? 'service variable, see above' : '') || '—';
    const def = v.required ? '**required**' : v.defaultValue ? `\`${cell(v.defaultValue)}\`` : 'empty';
    out.push(`| \`${v.name}\` | ${def} | ${cell(description)} |`);
  }
  out.push('');
  return out.join('\n');
}

async function main(argv: string[]) {
  const doc = await renderConfigDoc();
  if (argv.includes('--check')) {
    const current = await readFile(configDocPath, 'utf8').catch(() => '');
    if (current !== doc) {
      process.stderr.write(
        'docs/configuration.md is stale: run node --import tsx scripts/gen-config-doc.ts\n',
      );
      process.exit(1);
    }
    process.stdout.write('docs/configuration.md is current\n');
    return;
  }
  await writeFile(configDocPath, doc);
  process.stdout.write(`wrote ${configDocPath}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
