import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localizedIssueMessage } from './zod-messages.ts';

const issuesOf = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues ?? [];

describe('localizedIssueMessage', () => {
  it("renders zod's defaults in French and English, received types included", () => {
    const schema = z.strictObject({
      name: z.string(),
      count: z.number().int().max(10),
      id: z.uuid(),
      edition: z.enum(['2018', '2026']),
      tags: z.array(z.string()).min(1),
    });
    const [name, count, id, edition, tags, extra] = issuesOf(schema, {
      name: 42,
      count: 11,
      id: 'pas-un-uuid',
      edition: '2020',
      tags: [],
      oops: true,
    }).map(localizedIssueMessage);
    expect(name).toEqual({
      fr: 'Entrée invalide : chaîne de caractères attendu, nombre reçu',
      en: 'Invalid input: expected string, received number',
    });
    expect(count?.fr).toBe('Trop grand : nombre doit être <=10');
    expect(id).toEqual({ fr: 'UUID invalide', en: 'Invalid UUID' });
    expect(edition?.fr).toBe('Option invalide : une valeur parmi "2018"|"2026" attendue');
    expect(tags?.fr).toMatch(/^Trop petit : tableau doit avoir >=1 éléments?$/);
    expect(extra).toEqual({ fr: 'Clé non reconnue : "oops"', en: 'Unrecognized key: "oops"' });
  });

  it('names the received type in French, whatever it is (issues do not keep the input)', () => {
    const received = [undefined, null, [], {}, true, 'x'].map(
      (input) => localizedIssueMessage(issuesOf(z.number(), input)[0] as z.core.$ZodIssue).fr,
    );
    expect(received).toEqual([
      'Entrée invalide : nombre attendu, indéfini reçu',
      'Entrée invalide : nombre attendu, null reçu',
      'Entrée invalide : nombre attendu, tableau reçu',
      'Entrée invalide : nombre attendu, objet reçu',
      'Entrée invalide : nombre attendu, booléen reçu',
      'Entrée invalide : nombre attendu, chaîne de caractères reçu',
    ]);
  });

  it('keeps a message written by the schema as it is, in both languages', () => {
    const [issue] = issuesOf(z.string({ error: 'nom requis / name required' }), 3);
    expect(localizedIssueMessage(issue as z.core.$ZodIssue)).toEqual({
      fr: 'nom requis / name required',
      en: 'nom requis / name required',
    });
  });
});
