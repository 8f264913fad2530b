import { describe, expect, it } from 'vitest';
import {
  assessConnectionBudget,
  CONNECTION_BUDGET_WARN_SHARE,
  describeConnectionBudget,
} from './connection-budget.ts';

// Postgres' defaults: max_connections 100, superuser_reserved_connections 3 → 97 usable.
const server = { maxConnections: 100, reservedConnections: 3, openConnections: 5 };

describe('assessConnectionBudget', () => {
  it('is ok while this host’s pools and the open connections stay under the warning share', () => {
    const budget = assessConnectionBudget(server, { poolMax: 10, processes: 4 });
    expect(budget).toMatchObject({ usableConnections: 97, hostPoolConnections: 40, status: 'ok' });
  });

  it('is near from the warning share of the usable slots, and over past them', () => {
    const threshold = Math.ceil(97 * CONNECTION_BUDGET_WARN_SHARE);
    expect(assessConnectionBudget(server, { poolMax: threshold - 1, processes: 1 }).status).toBe('ok');
    expect(assessConnectionBudget(server, { poolMax: threshold, processes: 1 }).status).toBe('near');
    // The example: 10 processes × DATABASE_POOL_MAX 10 against the default 100.
    expect(assessConnectionBudget(server, { poolMax: 10, processes: 10 })).toMatchObject({
      hostPoolConnections: 100,
      status: 'over',
    });
    expect(assessConnectionBudget(server, { poolMax: 97, processes: 1 }).status).toBe('near');
  });

  it('counts the connections open now (replicas on other hosts) even when this host’s pools are small', () => {
    const crowded = { ...server, openConnections: 90 };
    expect(assessConnectionBudget(crowded, { poolMax: 4, processes: 1 }).status).toBe('near');
    expect(
      assessConnectionBudget({ ...server, openConnections: 98 }, { poolMax: 4, processes: 1 }).status,
    ).toBe('over');
  });

  it('says what is short and what to change', () => {
    const text = describeConnectionBudget(assessConnectionBudget(server, { poolMax: 10, processes: 10 }));
    expect(text).toContain('DATABASE_POOL_MAX 10 × 10 process(es) here = 100');
    expect(text).toContain('97 usable Postgres connections (max_connections 100 − 3 reserved)');
    expect(text).toContain('PgBouncer');
  });
});
