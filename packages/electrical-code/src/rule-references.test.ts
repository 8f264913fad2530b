import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clauseOf, ruleReferenceRows, ruleReferences } from './rule-references.ts';
import { complianceRules, listRules } from './rules/catalogue.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const toConfirmSection = readme.slice(readme.indexOf('## Rule references to confirm'));

describe('rule references by edition (one table with its sources)', () => {
  it('gives every clause of both editions a document, a status and a basis', () => {
    const rows = ruleReferenceRows();
    expect(rows).toHaveLength(Object.keys(ruleReferences).length * 2);
    for (const row of rows) {
      expect(row.source.document, row.key).toMatch(/C22\.1|C22\.10/);
      expect(row.source.basis.length, row.key).toBeGreaterThan(5);
    }
  });

  it('lists every clause still to confirm in the README, by key and edition', () => {
    const toConfirm = ruleReferenceRows().filter((row) => row.source.status === 'to-confirm');
    expect(toConfirm.length).toBeGreaterThan(0);
    for (const row of toConfirm)
      expect(toConfirmSection, `${row.key} ${row.edition}`).toContain(`\`${row.key}\``);
  });

  it('feeds the compliance catalogue (GET /v1/rules) from the same table', () => {
    const rules = listRules('2026');
    expect(rules.find((r) => r.id === 'panel-spare-spaces')?.ruleRef).toBe(
      ruleReferences.spareSpaces['2026'].clause,
    );
    expect(listRules('2018').find((r) => r.id === 'afci-receptacle-circuits')?.ruleRef).toBe('26-724 f)');
  });

  it('gives each compliance rule the clause and the source of its row', () => {
    for (const rule of complianceRules) {
      for (const edition of rule.editions) {
        expect(rule.ruleRef[edition], rule.id).toBe(clauseOf(rule.referenceKey, edition));
      }
    }
    const spares = listRules('2018', 'en').find((r) => r.id === 'panel-spare-spaces');
    expect(spares?.source).toEqual(ruleReferences.spareSpaces['2018'].source);
    expect(spares?.source.status).toBe('to-confirm');
  });
});
