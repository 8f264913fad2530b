import { createHash } from 'node:crypto';
import { AppError } from '@saeq/shared/errors';
import type { RedisClient } from '@saeq/shared/redis';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { GatewayEnvBindings } from '../deps.ts';
import type { RateSpec } from '../env.ts';

export type LimitName = 'general' | 'reads' | 'agentRuns' | 'uploads' | 'anonymous';

/** One limit to draw from: which budget, whose, its size, and how many points (default one). */
export type LimitDraw = { name: LimitName; subject: string; spec: RateSpec; cost?: number };

/** What a window holds after a draw: points used so far and the time left in the window. */
type WindowState = { consumed: number; msBeforeNext: number };

/**
 * Draws each key's cost (one point unless said) in order, in one Redis call (a single script is atomic and one
 * round trip, which matters when Redis fsyncs every write: `appendfsync always`). Fixed windows:
 * the first point of a window sets its expiry. Stops after the first key over its limit, so a
 * request refused by its general budget does not also use its agent-run budget (as two separate
 * calls did). Returns `consumed, pttl` pairs for the keys it reached.
 */
const DRAW_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[3 * i - 2])
  local windowMs = tonumber(ARGV[3 * i - 1])
  local consumed = redis.call('INCRBY', key, tonumber(ARGV[3 * i]))
  local ttl = redis.call('PTTL', key)
  if consumed == tonumber(ARGV[3 * i]) or ttl < 0 then
    redis.call('PEXPIRE', key, windowMs)
    ttl = windowMs
  end
  out[#out + 1] = consumed
  out[#out + 1] = ttl
  if consumed > limit then break end
end
return out
`;
const DRAW_SCRIPT_SHA = createHash('sha1').update(DRAW_SCRIPT).digest('hex');

/**
 * Fixed-window limits in Redis, so every gateway replica shares one budget per key. Headers per
 * draft-ietf-httpapi-ratelimit-headers (`RateLimit-Policy`, `RateLimit`) plus the widely used
 * `RateLimit-Limit/Remaining/Reset`. When Redis does not answer: reads fail open (served), writes
 * fail closed (503 with Retry-After) — a documented choice: nothing is accepted that could not be
 * queued anyway, and reading results stays possible.
 *
 * Every limit a request is subject to is drawn in one Redis round trip (`consumeAll`): the
 * request's general or read budget and its route's own (agent runs, uploads).
 */
export class RateLimits {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly defaults: Record<LimitName, RateSpec>,
  ) {}

  /** The spec of limit `name`, or the organisation's override of it. */
  spec(name: LimitName, override?: RateSpec): RateSpec {
    return override ?? this.defaults[name];
  }

  /** Keys keep the layout of rate-limiter-flexible's (used before), so live windows carry over. */
  private key(draw: Pick<LimitDraw, 'name' | 'spec' | 'subject'>): string {
    return `${this.prefix}:rl:${draw.name}:${draw.spec.points}:${draw.spec.seconds}:${draw.subject}`;
  }

  /**
   * Throws 429 when `subject` has already used its budget of `name`, without consuming a point
   * (a look before an expensive step). Redis unavailable: no answer here, `consume` decides.
   */
  async refuseIfExhausted(c: Context, name: LimitName, subject: string): Promise<void> {
    const spec = this.defaults[name];
    const key = this.key({ name, spec, subject });
    if (this.redis.status !== 'ready') return;
    const replies = await this.redis
      .pipeline()
      .get(key)
      .pttl(key)
      .exec()
      .catch(() => null);
    const consumed = Number(replies?.[0]?.[1] ?? 0);
    const ttl = Number(replies?.[1]?.[1] ?? 0);
    if (consumed >= spec.points)
      throw limitReached(c, { name, subject, spec }, { consumed, msBeforeNext: Math.max(0, ttl) });
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
    await this.consumeAll(c, [{ name, subject, spec: this.spec(name, override), cost: points }]);
  }

  /**
   * Consumes one point of each draw, in order, in one Redis round trip; sets the headers of each
   * (the last one's win); throws 429 at the first exhausted limit (later ones are not drawn), or
   * 503 for writes when Redis does not answer.
   */
  async consumeAll(c: Context, draws: LimitDraw[]): Promise<void> {
    let reply: number[];
    try {
      reply = await this.runScript(draws);
    } catch (err) {
      // Redis unavailable (or slow): fail open for reads, closed for writes.
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return;
      throw new AppError('dependency_unavailable', { headers: { 'Retry-After': '5' }, cause: err });
    }
    draws.forEach((draw, i) => {
      const consumed = reply[2 * i];
      const ttl = reply[2 * i + 1];
      if (consumed === undefined || ttl === undefined) return;
      const state = { consumed, msBeforeNext: Math.max(0, ttl) };
      if (consumed > draw.spec.points) throw limitReached(c, draw, state);
      setHeaders(c, draw, state);
    });
  }

  /**
   * EVALSHA, falling back to EVAL the first time a Redis has not seen the script (or after its
   * script cache was flushed by a restart).
   */
  private async runScript(draws: LimitDraw[]): Promise<number[]> {
    const keys = draws.map((d) => this.key(d));
    const args = draws.flatMap((d) => [d.spec.points, d.spec.seconds * 1000, d.cost ?? 1]);
    // ioredis would queue the call while disconnected; a limit check must fail fast instead.
    if (this.redis.status !== 'ready') throw new Error(`redis not ready (${this.redis.status})`);
    try {
      return (await this.redis.evalsha(DRAW_SCRIPT_SHA, keys.length, ...keys, ...args)) as number[];
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return (await this.redis.eval(DRAW_SCRIPT, keys.length, ...keys, ...args)) as number[];
    }
  }
}

/** The 429 of `draw` (headers set on the context too). */
function limitReached(c: Context, draw: LimitDraw, state: WindowState): AppError {
  const { name, spec } = draw;
  setHeaders(c, draw, state);
  const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new AppError('rate_limited', {
    headers: { 'Retry-After': String(retryAfter), ...headerValues(draw, state) },
    detail: {
      fr: `Limite « ${name} » atteinte (${spec.points} requêtes par ${spec.seconds} s). Réessayez dans ${retryAfter} s.`,
      en: `"${name}" limit reached (${spec.points} requests per ${spec.seconds} s). Retry in ${retryAfter} s.`,
    },
  });
}

function headerValues({ name, spec }: LimitDraw, state: WindowState): Record<string, string> {
  const reset = Math.max(0, Math.ceil(state.msBeforeNext / 1000));
  const remaining = Math.max(0, spec.points - state.consumed);
  return {
    'RateLimit-Policy': `"${name}";q=${spec.points};w=${spec.seconds}`,
    RateLimit: `"${name}";r=${remaining};t=${reset}`,
    'RateLimit-Limit': String(spec.points),
    'RateLimit-Remaining': String(remaining),
    'RateLimit-Reset': String(reset),
  };
}

function setHeaders(c: Context, draw: LimitDraw, state: WindowState): void {
  for (const [k, v] of Object.entries(headerValues(draw, state))) c.header(k, v);
}

/** Marks a route's own limit middleware, so the request-wide one can draw it in the same call. */
const ROUTE_LIMIT = Symbol('routeLimit');
type RouteLimitHandler = MiddlewareHandler & { [ROUTE_LIMIT]?: LimitName };

/** The draw of limit `name` for the request's key (the organisation may override its keys' limits). */
function drawFor(limits: RateLimits, c: Context<GatewayEnvBindings>, name: LimitName): LimitDraw {
  const auth = c.get('auth');
  // The organisation overrides its keys' limits, never the per-IP one.
  const override = name === 'anonymous' ? undefined : auth.rateLimits?.[name];
  return { name, subject: auth.id, spec: limits.spec(name, override) };
}

/**
 * A route's own limit (agent runs, uploads), per API key. Normally drawn by `requestLimits` in
 * the same Redis call as the request's general budget; drawn here only when it was not (a
 * sub-app mounted without `requestLimits`).
 */
export function rateLimit(limits: RateLimits | null, name: LimitName): MiddlewareHandler<GatewayEnvBindings> {
  const handler: RouteLimitHandler = createMiddleware<GatewayEnvBindings>(async (c, next) => {
    if (limits && !c.get('limitsDrawn')?.includes(name))
      await limits.consumeAll(c, [drawFor(limits, c, name)]);
    await next();
  });
  handler[ROUTE_LIMIT] = name;
  return handler;
}

/**
 * The request-wide limit (reads or writes, `readOrWriteLimit`) together with the limits of the
 * route the request matched (`rateLimit` middlewares in its chain), in one Redis round trip.
 * Runs after authentication.
 */
export function requestLimits(limits: RateLimits | null) {
  return createMiddleware<GatewayEnvBindings>(async (c, next) => {
    if (limits) {
      const names: LimitName[] = [readOrWriteLimit(c)];
      for (const route of matchedRoutes(c)) {
        const own = (route.handler as RouteLimitHandler)[ROUTE_LIMIT];
        if (own && !names.includes(own)) names.push(own);
      }
      await limits.consumeAll(
        c,
        names.map((name) => drawFor(limits, c, name)),
      );
      c.set('limitsDrawn', names);
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
