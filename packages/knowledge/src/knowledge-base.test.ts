import { complianceRules, listRules } from '@saeq/electrical-code';
import { describe, expect, it } from 'vitest';
import { knowledgeContentHash, knowledgeEntries } from './knowledge-base.ts';
import { KnowledgeSource } from './knowledge-entry.ts';
import { ruleEntryId } from './rule-catalogue-entries.ts';

const entries = knowledgeEntries();

describe('knowledge base content', () => {
  it('has at least 150 entries with unique ids, every source represented', () => {
    expect(entries.length).toBeGreaterThanOrEqual(150);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    for (const source of KnowledgeSource.options) {
      expect(entries.filter((e) => e.source === source).length, source).toBeGreaterThanOrEqual(10);
    }
  });

  // Issue 19: CEQ sections 2, 4, 6, 8, 10, 12, 14, 26, 30, 32, 62, 64, 86 at least.
  it.each([2, 4, 6, 8, 10, 12, 14, 26, 30, 32, 62, 64, 86])('covers CEQ section %i', (section) => {
    const covering = entries.filter(
      (e) =>
        e.source === 'ceq' &&
        (e.reference.startsWith(`${section}-`) ||
          e.reference.startsWith(`Section ${section}`) ||
          e.id.startsWith(`ceq-section-${section}`)),
    );
    expect(covering.length).toBeGreaterThan(0);
  });

  it('writes every title and summary in both languages, differently', () => {
    for (const e of entries) {
      expect(e.title.fr, e.id).not.toBe(e.title.en);
      expect(e.summary.fr, e.id).not.toBe(e.summary.en);
      expect(e.summary.fr.length, e.id).toBeGreaterThan(40);
    }
  });

  it('relates entries only to compliance rules that exist', () => {
    const ruleIds = new Set(complianceRules.map((r) => r.id));
    for (const e of entries)
      for (const id of e.relatedRuleIds) expect(ruleIds.has(id), `${e.id} → ${id}`).toBe(true);
  });

  it('derives one entry per compliance rule and edition, with that edition’s rule number', () => {
    for (const edition of ['2018', '2026'] as const) {
      for (const rule of listRules(edition, 'en')) {
        const e = entries.find((x) => x.id === ruleEntryId(rule.id, edition));
        expect(e, rule.id).toMatchObject({
          source: 'ceq',
          edition,
          reference: rule.ruleRef,
          relatedRuleIds: [rule.id],
        });
        expect(e?.title.en).toBe(rule.title);
      }
    }
  });

  it('hashes content: same entries, same hash; an edited summary, another', () => {
    const edited = entries.map((e, i) =>
      i === 0 ? { ...e, summary: { ...e.summary, fr: `${e.summary.fr} ` } } : e,
    );
    expect(knowledgeContentHash(knowledgeEntries())).toBe(knowledgeContentHash(entries));
    expect(knowledgeContentHash(edited)).not.toBe(knowledgeContentHash(entries));
  });
});
