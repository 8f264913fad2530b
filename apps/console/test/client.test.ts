import { describe, expect, it } from 'vitest';
import { applyRunEvent } from '../src/agent-stream.ts';
import { asProblem, filenameOf, nextPollDelay } from '../src/api.ts';
import { matchRoute } from '../src/router.tsx';

const ID = '0b9a3a2e-55b1-4a43-8d7c-6c4e4a0d7f10';

describe('API client helpers', () => {
  it('keeps a problem+json answer, field errors included', () => {
    const body = {
      type: 'https://saeq.dev/problems/validation-failed',
      title: 'Données invalides',
      status: 400,
      detail: 'Un ou plusieurs champs sont invalides.',
      errors: [{ path: 'line 2, prix', message: 'Prix invalide' }, { bad: true }],
    };
    expect(asProblem(body, 400, 'Bad Request')).toEqual({
      type: body.type,
      title: body.title,
      status: 400,
      detail: body.detail,
      errors: [{ path: 'line 2, prix', message: 'Prix invalide' }],
    });
    expect(asProblem('<html>', 502, 'Bad Gateway')).toEqual({ title: 'Bad Gateway', status: 502 });
  });

  it('reads the filename of a download', () => {
    expect(filenameOf('attachment; filename="bom-1234abcd.xlsx"')).toBe('bom-1234abcd.xlsx');
    expect(filenameOf("attachment; filename*=UTF-8''bordereau%20%C3%A9t%C3%A9.csv")).toBe(
      'bordereau été.csv',
    );
    expect(filenameOf(null)).toBeNull();
  });

  it('polls at the asked interval when nothing was rate limited', () => {
    expect(nextPollDelay(2000)).toBe(2000);
  });
});

describe('agent run events', () => {
  it('builds the run from streamed events', () => {
    let run = { id: 'r1' } as Parameters<typeof applyRunEvent>[0];
    const events = [
      { event: 'status', data: '{"status":"processing"}', id: '1' },
      {
        event: 'tool_call',
        data: '{"name":"calc_dwelling_load","input":{"livingAreaM2":150},"output":{"demandLoadW":24000}}',
        id: '2',
      },
      { event: 'text', data: '{"delta":"La charge "}', id: '3' },
      { event: 'text', data: '{"delta":"est de 24 000 W."}', id: '4' },
      { event: 'unknown', data: '{}', id: '5' },
      { event: 'status', data: '{"status":"completed"}', id: '6' },
    ];
    for (const e of events) run = applyRunEvent(run, e);
    expect(run).toEqual({
      id: 'r1',
      status: 'completed',
      answer: 'La charge est de 24 000 W.',
      toolCalls: [
        { name: 'calc_dwelling_load', input: { livingAreaM2: 150 }, output: { demandLoadW: 24000 } },
      ],
    });
  });

  it('ignores a transient error the worker retries, and replaces streamed text by the answer', () => {
    let run = applyRunEvent({ id: 'r1' }, { event: 'text', data: '{"delta":"Je calc","step":1}', id: '1' });
    run = applyRunEvent(run, {
      event: 'error',
      data: '{"code":"rate_limited","message":"429","final":false}',
      id: '2',
    });
    expect(run).toEqual({ id: 'r1', answer: 'Je calc' });
    run = applyRunEvent(run, { event: 'answer', data: '{"text":"Réponse finale."}', id: '3' });
    expect(run.answer).toBe('Réponse finale.');
  });

  it('marks the run failed on an error event', () => {
    const run = applyRunEvent(
      { id: 'r1' },
      { event: 'error', data: '{"code":"llm_unavailable","message":"Panne"}', id: '' },
    );
    expect(run).toEqual({ id: 'r1', status: 'failed', error: { code: 'llm_unavailable', message: 'Panne' } });
  });
});

describe('console routes', () => {
  it('maps paths to pages', () => {
    expect(matchRoute('/')).toEqual({ name: 'plans' });
    expect(matchRoute(`/plans/${ID}`)).toEqual({ name: 'plan', planId: ID });
    expect(matchRoute(`/plans/${ID}/bom/`)).toEqual({ name: 'bom', planId: ID });
    expect(matchRoute('/calculations/voltage-drop')).toEqual({ name: 'calculations', kind: 'voltage-drop' });
    expect(matchRoute('/agents')).toEqual({ name: 'agents' });
    expect(matchRoute('/knowledge')).toEqual({ name: 'knowledge' });
    expect(matchRoute('/orchestrations')).toEqual({ name: 'orchestrations', orchestrationId: null });
    expect(matchRoute(`/orchestrations/${ID}`)).toEqual({ name: 'orchestrations', orchestrationId: ID });
    expect(matchRoute('/comparisons/')).toEqual({ name: 'comparisons', comparisonId: null });
    expect(matchRoute(`/comparisons/${ID}`)).toEqual({ name: 'comparisons', comparisonId: ID });
    expect(matchRoute('/comparisons/not-an-id')).toEqual({ name: 'not-found' });
    expect(matchRoute('/v1/plans')).toEqual({ name: 'not-found' });
  });
});
