import { describe, expect, it } from 'vitest';
import {
  type MemberOutcome,
  offlineSynthesis,
  sequentialMemberMessage,
  synthesisMessage,
} from './orchestration.ts';

const ok: MemberOutcome = {
  agentId: 'electrical-calculator',
  agentName: 'Calculateur',
  status: 'completed',
  answer: 'La charge calculée est de 24 kW.',
  error: null,
};
const failed: MemberOutcome = {
  agentId: 'electrical-safety-specialist',
  agentName: 'Spécialiste sécurité',
  status: 'failed',
  answer: null,
  error: { code: 'llm_400', message: 'requête refusée' },
};

describe('orchestration messages', () => {
  it('sends the first sequential member the question alone', () => {
    expect(sequentialMemberMessage('Ma question ?', [])).toBe('Ma question ?');
  });

  it('sends a later sequential member the question, then the answers before it, fenced as data', () => {
    const message = sequentialMemberMessage('Ma question ?', [ok]);
    expect(message.startsWith('Ma question ?\n')).toBe(true);
    expect(message).toContain(
      '<reponse numero="1" agent="electrical-calculator" nom="Calculateur">\nLa charge calculée est de 24 kW.\n</reponse>',
    );
  });

  it('gives the synthesis every answer and names the member that failed with its error', () => {
    const message = synthesisMessage('Ma question ?', [ok, failed]);
    expect(message).toContain('Réponses des 2 spécialistes');
    expect(message).toContain('La charge calculée est de 24 kW.');
    expect(message).toContain('(aucune réponse : llm_400 — requête refusée)');
  });

  it('lists the answers side by side offline, in the run’s language', () => {
    expect(offlineSynthesis([ok, failed], 'fr')).toContain(
      'Synthèse des 2 spécialistes (1 réponse(s) obtenue(s))',
    );
    const en = offlineSynthesis([ok, failed], 'en');
    expect(en).toContain('## Calculateur\nLa charge calculée est de 24 kW.');
    expect(en).toContain('no answer (requête refusée)');
  });
});
