import { AppError } from '@saeq/shared/errors';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { GatewayEnvBindings } from '../deps.ts';
import type { RateSpec } from '../env.ts';

export type LimitName = 'general' | 'reads' | 'agentRuns' | 'uploads' | 'anonymous';

/**
 * Fixed-window limits in Redis, so every gateway replica shares one budget per key. Headers per
 * draft-ietf-httpapi-ratelimit-headers (`RateLimit-Policy`, `RateLimit`) plus the widely used
 * `RateLimit-Limit/Remaining/Reset`. When Redis does not answer: reads fail open (served), writes
 * fail closed (503 with Retry-After) — a documented choice: nothing is accepted that could not be
 * queued anyway, and reading results stays possible.
 */
export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly defaults: Record<LimitName, RateSpec>,
  ) {}

  private limiter(name: LimitName, spec: RateSpec): RateLimiterRedis {
    const id = `${name}:${spec.points}:${spec.seconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.prefix}:rl:${id}`,
        points: spec.points,
        duration: spec.seconds,
        rejectIfRedisNotReady: true,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  /**
   * Throws 429 when `subject` has already used its budget of `name`, without consuming a point
   * (a look before an expensive step). Redis unavailable: no answer here, `consume` decides.
   */
  async refuseIfExhausted(c: Context, name: LimitName, subject: string): Promise<void> {
    const spec = this.defaults[name];
    const res = await this.limiter(name, spec)
      .get(subject)
      .catch(() => null);
    if (res && res.consumedPoints >= spec.points) throw limitReached(c, name, spec, res);
  }

  /**
   * Consumes `points` (default one) of `name` for `subject`; sets headers; throws 429 or 503 as
   * needed. An orchestration consumes one agent-run point per run it creates.
   */
  async consume(
    c: Context,
    name: LimitName,
    subject: string,
    override?: RateSpec,
    points = 1,
  ): Promise<void> {
    const spec = override ?? this.defaults[name];
    try {
      const res = await this.limiter(name, spec).consume(subject, points);
      setHeaders(c, name, spec, res);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw limitReached(c, name, spec, err);
      // Redis unavailable (or slow): fail open for reads, closed for writes.
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return;
      throw new AppError('dependency_unavailable', { headers: { 'Retry-After': '5' }, cause: err });
    }
  }
}

/** The 429 of limit `name` (headers set on the context too). */
function limitReached(c: Context, name: LimitName, spec: RateSpec, res: RateLimiterRes): AppError {
  setHeaders(c, name, spec, res);
  const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new AppError('rate_limited', {
    headers: { 'Retry-After': String(retryAfter), ...headerValues(name, spec, res) },
    detail: {
      fr: `Limite « ${name} » atteinte (${spec.points} requêtes par ${spec.seconds} s). Réessayez dans ${retryAfter} s.`,
      en: `"${name}" limit reached (${spec.points} requests per ${spec.seconds} s). Retry in ${retryAfter} s.`,
    },
  });
}

function headerValues(name: LimitName, spec: RateSpec, res: RateLimiterRes): Record<string, string> {
  const reset = Math.max(0, Math.ceil(res.msBeforeNext / 1000));
  const remaining = Math.max(0, res.remainingPoints);
  return {
    'RateLimit-Policy': `"${name}";q=${spec.points};w=${spec.seconds}`,
    RateLimit: `"${name}";r=${remaining};t=${reset}`,
    'RateLimit-Limit': String(spec.points),
    'RateLimit-Remaining': String(remaining),
    'RateLimit-Reset': String(reset),
  };
}

function setHeaders(c: Context, name: LimitName, spec: RateSpec, res: RateLimiterRes): void {
  for (const [k, v] of Object.entries(headerValues(name, spec, res))) c.header(k, v);
}

/** Applies limit `name` per API key (the organisation may override the default in its settings). */
export function rateLimit(limits: RateLimits | null, name: LimitName | ((c: Context) => LimitName)) {
  return createMiddleware<GatewayEnvBindings>(async (c, next) => {
    if (limits) {
      const auth = c.get('auth');
      const limit = typeof name === 'function' ? name(c) : name;
      // The organisation overrides its keys' limits, never the per-IP one.
      const override = limit === 'anonymous' ? undefined : auth.rateLimits?.[limit];
      await limits.consume(c, limit, auth.id, override);
    }
    await next();
  });
}

/**
 * Reads (GET, HEAD) and writes draw on separate budgets: following a plan's progress (the
 * console, a client polling its status) must not use up what it needs to submit work, and the
 * write budget stays the one API clients were given.
 */
export function readOrWriteLimit(c: Context): LimitName {
  return c.req.method === 'GET' || c.req.method === 'HEAD' ? 'reads' : 'general';
}
