import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  composeVariables,
  configDocPath,
  envExampleComments,
  envSources,
  jsdocByName,
  renderConfigDoc,
} from '../../scripts/gen-config-doc.ts';
import { repoRoot } from './helpers.ts';

describe('docs/configuration.md', () => {
  it('is what scripts/gen-config-doc.ts generates from the current schemas (regenerate when stale)', async () => {
    expect(readFileSync(configDocPath, 'utf8')).toBe(await renderConfigDoc());
  });

  it('documents every variable of every service schema and every compose variable', async () => {
    const doc = await renderConfigDoc();
    for (const { schema } of envSources) {
      for (const name of Object.keys(schema.shape)) expect(doc, name).toContain(`| \`${name}\` |`);
    }
    const compose = composeVariables(readFileSync(join(repoRoot, 'docker-compose.prod.yml'), 'utf8'));
    for (const v of compose) expect(doc, v.name).toContain(`| \`${v.name}\` |`);
  });

  it('infra/env.prod.example describes every variable docker-compose.prod.yml requires', () => {
    const example = envExampleComments(readFileSync(join(repoRoot, 'infra/env.prod.example'), 'utf8'));
    const compose = composeVariables(readFileSync(join(repoRoot, 'docker-compose.prod.yml'), 'utf8'));
    for (const v of compose.filter((c) => c.required)) {
      expect(example.get(v.name)?.comment ?? '', v.name).not.toBe('');
    }
  });
});

describe('.env.example', () => {
  it('lists every variable of every service schema', () => {
    const example = envExampleComments(readFileSync(join(repoRoot, '.env.example'), 'utf8'));
    const missing = envSources.flatMap(({ service, schema }) =>
      Object.keys(schema.shape)
        .filter((name) => !example.has(name))
        .map((name) => `${service}: ${name}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('gen-config-doc parsers', () => {
  it('reads JSDoc comments of schema fields without spanning two comments', () => {
    const source = `/** Module comment. */\nconst x = 1;\nexport const E = z.object({\n  /** First field. */\n  A: z.string(),\n  B: z.string(),\n  /**\n   * Second,\n   * on two lines.\n   */\n  C_D: z.number(),\n});`;
    expect([...jsdocByName(source)]).toEqual([
      ['A', 'First field.'],
      ['C_D', 'Second, on two lines.'],
    ]);
  });

  it('reads env example lines, commented-out ones included', () => {
    const parsed = envExampleComments(
      '# header\nPORT=3000   # gateway port\n# KEY=abc # optional key\nBARE=1\n',
    );
    expect([...parsed]).toEqual([
      ['PORT', { value: '3000', comment: 'gateway port' }],
      ['KEY', { value: 'abc', comment: 'optional key' }],
      ['BARE', { value: '1', comment: '' }],
    ]);
  });

  it('reads compose interpolations with defaults and required markers, ignoring $$ and comments', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not JavaScript
    const text = '# ${IGNORED:-x}\na: ${A:-1}\nb: ${B:?set B}\nc: $${NOT_ONE}\nd: ${A}\ne: ${E}\n';
    const vars = composeVariables(text);
    expect(vars).toEqual([
      { name: 'A', defaultValue: '1', required: false },
      { name: 'B', defaultValue: null, required: true },
      { name: 'E', defaultValue: null, required: false },
    ]);
  });
});
