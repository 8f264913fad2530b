import type { Api } from './api.ts';
import { ApiError, nextPollDelay, sleep } from './api.ts';
import type { Plan } from './types.ts';

const isTerminal = (plan: Plan) => plan.status === 'completed' || plan.status === 'failed';

export type PlanFollower = {
  onPlan: (plan: Plan, via: 'stream' | 'polling') => void;
  /** A failed poll (the poll goes on); a 404 ends the follow instead, thrown. */
  onError: (err: unknown) => void;
};

/**
 * Follows a plan until it is completed or failed: `GET /v1/plans/{id}/events` (each `status`
 * event is the plan's JSON), reconnected when the server ends it early (its lifetime is
 * bounded), and polling `GET /v1/plans/{id}` once the stream fails (no endpoint, a proxy that
 * buffers, a dropped connection). One open stream spends one request of the rate limit where
 * polling spends one every `pollMs`.
 */
export async function followPlan(
  api: Api,
  planId: string,
  follower: PlanFollower,
  signal: AbortSignal,
  pollMs = 1500,
): Promise<Plan | null> {
  let latest: Plan | null = null;
  for (;;) {
    let received = false;
    try {
      await api.stream(
        `/v1/plans/${planId}/events`,
        (event) => {
          if (event.event !== 'status') return;
          received = true;
          latest = JSON.parse(event.data) as Plan;
          follower.onPlan(latest, 'stream');
        },
        signal,
      );
    } catch (err) {
      if (signal.aborted) throw err;
      if (!(err instanceof ApiError) && !(err instanceof TypeError) && !(err instanceof SyntaxError))
        throw err;
      break; // polling takes over
    }
    if (latest && isTerminal(latest)) return latest;
    if (!received) break; // a stream that ends empty is no stream
  }
  for (;;) {
    try {
      const plan = await api.get<Plan>(`/v1/plans/${planId}`, signal);
      follower.onPlan(plan, 'polling');
      if (isTerminal(plan)) return plan;
    } catch (err) {
      if (signal.aborted) throw err;
      if (err instanceof ApiError && err.status === 404) throw err;
      follower.onError(err);
    }
    await sleep(nextPollDelay(pollMs), signal);
  }
}
