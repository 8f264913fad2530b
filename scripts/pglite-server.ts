import { createServer, type Server, type Socket } from 'node:net';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import type { DbHandle } from '@saeq/shared/db';

type PGlite = NonNullable<DbHandle['pglite']>;

/**
 * Serves one embedded PGlite database to several Postgres-protocol clients (the services of
 * `pnpm start`) over TCP.
 *
 * PGlite is a single backend session. pglite-socket's own server (0.2.17) shares it by queueing
 * protocol *messages*, and keeps a client's messages together only while a SQL transaction is
 * open. An extended-query batch (Parse, Bind, Describe, Execute, Sync) is not a transaction, so
 * two connections' batches interleave: B's Parse replaces the unnamed statement between A's Parse
 * and A's Bind, and A gets an error or another query's rows (electric-sql/pglite#1046, open).
 * Under `pnpm start` that surfaced as a 500 on an analysis read racing a correction's write.
 * A failed message also left its queue flagged as busy for good (same report).
 *
 * This queue gives the session to one connection from its first message until PGlite answers
 * ReadyForQuery with the session idle (no open transaction), then to the next connection in
 * arrival order. The connections' socket handling (framing, SSL refusal) stays pglite-socket's.
 */
export class PgliteSessionQueue {
  private readonly pending: Pending[] = [];
  private running = false;
  /** The connection that holds the session: in an unfinished batch, a transaction or a COPY. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.pending.length;
  }

  /** A connection went away: its queued messages are dropped. */
  clearQueueForHandler(handlerId: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const item = this.pending[i];
      if (item?.handlerId !== handlerId) continue;
      this.pending.splice(i, 1);
      item.reject(new Error('connection closed'));
    }
  }

  /**
   * A connection went away while holding the session: end what it left open (a batch that never
   * reached Sync would make the backend skip the next client's messages; a transaction would
   * hold its locks and writes), then serve the others.
   */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    await this.db.runExclusive(() => this.db.execProtocolRaw(SYNC));
    // exec takes PGlite's query lock itself: outside runExclusive, which holds it.
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    void this.drain();
  }

  private next(): Pending | undefined {
    if (this.owner === null) return this.pending.shift();
    const i = this.pending.findIndex((p) => p.handlerId === this.owner);
    return i === -1 ? undefined : this.pending.splice(i, 1)[0];
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        const current = item;
        let bytes = 0;
        const tail = new ReadyForQueryTail();
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                tail.push(data);
                current.onData(data);
              },
            }),
          );
        } catch (err) {
          current.reject(err);
          continue;
        }
        this.owner = this.holdsSession(current.message, tail.status()) ? current.handlerId : null;
        current.resolve(bytes);
      }
    } finally {
      this.running = false;
    }
  }

  /** Whether the session stays with the connection that sent `message` once it is answered. */
  private holdsSession(message: Uint8Array, readyStatus: string | null): boolean {
    const type = String.fromCharCode(message[0] ?? 0);
    // Parse, Bind, Describe, Execute, Close, Flush: the batch goes on until its Sync.
    if (EXTENDED_QUERY_STEPS.has(type)) return true;
    if (type === 'X') return false; // Terminate
    // Sync, a simple Query, the start-up message: ReadyForQuery says whether a transaction
    // ('T', or 'E' when it failed) is still open. No ReadyForQuery: a COPY or an unfinished
    // exchange, which keeps the session too.
    if (readyStatus !== null) return readyStatus !== 'I';
    return type === 'Q' || type === 'S' ? this.db.isInTransaction() : true;
  }
}

type Pending = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
};

const EXTENDED_QUERY_STEPS = new Set(['P', 'B', 'D', 'E', 'C', 'H']);
/** Sync: 'S' and its length (4). */
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/** Keeps the last 6 bytes of a response: ReadyForQuery ('Z', length 5, status) ends it when present. */
class ReadyForQueryTail {
  private readonly last = new Uint8Array(6);
  private filled = 0;

  push(data: Uint8Array): void {
    if (data.length >= 6) {
      this.last.set(data.subarray(data.length - 6));
      this.filled = 6;
      return;
    }
    const keep = Math.min(this.filled, 6 - data.length);
    this.last.copyWithin(0, this.filled - keep, this.filled);
    this.last.set(data, keep);
    this.filled = keep + data.length;
  }

  status(): string | null {
    const b = this.last;
    if (this.filled < 6 || b[0] !== 0x5a || b[1] !== 0 || b[2] !== 0 || b[3] !== 0 || b[4] !== 5) return null;
    return String.fromCharCode(b[5] ?? 0);
  }
}

export type PgliteServer = { port: number; stop(): Promise<void> };

/** Listens on host:port (port 0: any free one) and serves `db` with a PgliteSessionQueue. */
export async function servePglite(opts: {
  db: PGlite;
  host: string;
  port: number;
  maxConnections: number;
}): Promise<PgliteServer> {
  const queue = new PgliteSessionQueue(opts.db);
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket: Socket) => {
    if (handlers.size >= opts.maxConnections) {
      socket.end('Too many connections\n');
      return;
    }
    const handler = new PGLiteSocketHandler({
      // The handler only calls the four methods above; its option is typed with the library's
      // own queue class, whose private fields no other class can match.
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    port,
    async stop() {
      for (const handler of handlers) await handler.detach(true).catch(() => {});
      handlers.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
