import { buildTextPdf } from '@saeq/testing';

/**
 * The client side of a chaos run: submits plans and agent runs over HTTP the way a well-behaved
 * client does (on 503/429 or a refused connection it waits `Retry-After` and tries again), and
 * records every answer. A job counts as accepted only once the gateway answered 202 with its id.
 */

export type AttemptRecord = { at: number; status: number | 'network-error'; retryAfter: string | null };

export type Submission = {
  kind: 'plan' | 'run';
  /** Set once accepted (202). */
  id: string | null;
  attempts: AttemptRecord[];
  acceptedAt: number | null;
};

/** Small generated one-page plans (unique text, so each is its own stored file). */
export async function chaosPlanPdf(n: number): Promise<Uint8Array<ArrayBuffer>> {
  return buildTextPdf([
    `PLAN ÉLECTRIQUE — CHAOS ${n}`,
    'ÉCHELLE 1:50',
    `PANNEAU A — 120/240 V — circuit ${(n % 40) + 1}`,
  ]);
}

/** Messages the offline intent parser answers with a tool call (see worker-agents offline/). */
const runMessages = [
  'Quel calibre pour 40 A cuivre 90 °C ?',
  'Chute de tension pour 30 m de 12 AWG en cuivre à 15 A sous 120 V',
  'What wire size for 30 A copper 75 °C?',
];

export class ChaosClient {
  readonly submissions: Submission[] = [];

  constructor(
    private readonly baseUrl: () => string,
    private readonly key: string,
  ) {}

  private async post(
    path: string,
    body: BodyInit,
    headers: Record<string, string>,
  ): Promise<AttemptRecord & { id?: string }> {
    const at = Date.now();
    try {
      const res = await fetch(`${this.baseUrl()}${path}`, {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${this.key}`, ...headers },
        signal: AbortSignal.timeout(30_000),
      });
      const retryAfter = res.headers.get('retry-after');
      if (res.status === 202) {
        const { id } = (await res.json()) as { id: string };
        return { at, status: 202, retryAfter, id };
      }
      await res.arrayBuffer().catch(() => undefined);
      return { at, status: res.status, retryAfter };
    } catch {
      return { at, status: 'network-error', retryAfter: null };
    }
  }

  /**
   * Submits until accepted or `giveUpAfterMs` passes; waits `Retry-After` (default 1 s, at most
   * 5 s) between attempts on 503, 429, 5xx and network errors. Other 4xx are not retried.
   */
  async submit(kind: 'plan' | 'run', n: number, giveUpAfterMs = 120_000): Promise<Submission> {
    const submission: Submission = { kind, id: null, attempts: [], acceptedAt: null };
    this.submissions.push(submission);
    const deadline = Date.now() + giveUpAfterMs;
    const pdf = kind === 'plan' ? await chaosPlanPdf(n) : null;
    while (Date.now() < deadline) {
      let attempt: AttemptRecord & { id?: string };
      if (pdf) {
        const form = new FormData();
        form.set('file', new File([pdf], `chaos-${n}.pdf`, { type: 'application/pdf' }));
        form.set('name', `Chaos ${n}`);
        attempt = await this.post('/v1/plans', form, {});
      } else {
        const message = runMessages[n % runMessages.length] ?? 'Quel calibre pour 40 A cuivre 90 °C ?';
        attempt = await this.post('/v1/agents/electrical-calculator/runs', JSON.stringify({ message }), {
          'content-type': 'application/json',
        });
      }
      submission.attempts.push({ at: attempt.at, status: attempt.status, retryAfter: attempt.retryAfter });
      if (attempt.status === 202 && attempt.id) {
        submission.id = attempt.id;
        submission.acceptedAt = Date.now();
        return submission;
      }
      const retryable = attempt.status === 'network-error' || attempt.status === 429 || attempt.status >= 500;
      if (!retryable) return submission;
      const wait = Math.min(5, Number(attempt.retryAfter ?? '1') || 1) * 1000;
      await new Promise((r) => setTimeout(r, wait));
    }
    return submission;
  }

  accepted(kind?: 'plan' | 'run'): string[] {
    return this.submissions.flatMap((s) => (s.id && (kind === undefined || s.kind === kind) ? [s.id] : []));
  }

  /** Answers by status across all attempts, e.g. {202: 140, 503: 12, 'network-error': 3}. */
  statusCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const s of this.submissions)
      for (const a of s.attempts) counts[String(a.status)] = (counts[String(a.status)] ?? 0) + 1;
    return counts;
  }
}

/**
 * Submits `total` jobs at `perSecond` (plans and runs alternating by `planShare`), each
 * submission running concurrently with the next ones; resolves when all are accepted or given up.
 */
export async function submitAtRate(
  client: ChaosClient,
  opts: {
    total: number;
    perSecond: number;
    planShare: number;
    offset?: number;
    giveUpAfterMs?: number;
    /** Stops submitting early (the submissions already made still complete). */
    stop?: () => boolean;
  },
): Promise<void> {
  const pending: Promise<Submission>[] = [];
  const started = Date.now();
  let planDebt = 0;
  for (let i = 0; i < opts.total && !opts.stop?.(); i++) {
    const due = started + (i * 1000) / opts.perSecond;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    planDebt += opts.planShare;
    const kind = planDebt >= 1 ? 'plan' : 'run';
    if (kind === 'plan') planDebt -= 1;
    pending.push(client.submit(kind, (opts.offset ?? 0) + i, opts.giveUpAfterMs));
  }
  await Promise.all(pending);
}
