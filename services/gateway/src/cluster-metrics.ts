import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

/**
 * Metrics of a gateway cluster (`GATEWAY_PROCESSES` > 1), summed over its processes. Process 0
 * serves METRICS_PORT; at each scrape it asks the primary for the other processes' registries,
 * the primary asks each of them over the cluster's IPC channel and hands the answers back, and
 * process 0 aggregates them with its own (prom-client's `AggregatorRegistry.aggregate`: counters
 * and histograms summed per label set, default process metrics by their own aggregators).
 *
 * The queue gauges are sampled by process 0 alone (they are global, not per process), so they are
 * not multiplied by the summing. A process that does not answer within `PEER_TIMEOUT_MS`
 * (starting, stuck) is left out of that scrape, and `saeq_gateway_processes{state}` says how many
 * were counted and how many were missing: a partial sum is never silent.
 */

/** One process's registry as `getMetricsAsJSON` gives it (and IPC carries it). */
type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;
type PeerRequest = { type: 'saeq:peer-metrics-request'; requestId: number };
type PeerReply = { type: 'saeq:peer-metrics-reply'; requestId: number; metrics: MetricsJson };
type ClusterRequest = { type: 'saeq:cluster-metrics-request'; requestId: number };
type ClusterReply = {
  type: 'saeq:cluster-metrics-reply';
  requestId: number;
  peers: MetricsJson[];
  missing: number;
};

/** How long the primary waits for each process's registry. */
const PEER_TIMEOUT_MS = 2_000;
/** How long process 0 waits for the primary's answer (its peers' wait, plus the relay). */
const CLUSTER_TIMEOUT_MS = PEER_TIMEOUT_MS + 1_000;

function isMessage<T extends { type: string }>(msg: unknown, type: T['type']): msg is T {
  return typeof msg === 'object' && msg !== null && 'type' in msg && msg.type === type;
}

/**
 * In every cluster process: answers the primary's requests for this process's registry. No-op
 * outside a cluster.
 */
export function answerPeerMetricsRequests(registry: Registry): void {
  if (!cluster.isWorker) return;
  process.on('message', (msg: unknown) => {
    if (!isMessage<PeerRequest>(msg, 'saeq:peer-metrics-request')) return;
    registry.getMetricsAsJSON().then(
      (metrics) =>
        process.send?.({
          type: 'saeq:peer-metrics-reply',
          requestId: msg.requestId,
          metrics,
        } satisfies PeerReply),
      // No reply: the primary counts this process as missing.
      () => {},
    );
  });
}

/**
 * In the primary: relays a process's request for its peers' registries. `processes` lists the
 * processes currently forked.
 */
export function relayClusterMetrics(processes: () => Iterable<Worker>): void {
  let nextId = 0;
  cluster.on('message', (asker: Worker, msg: unknown) => {
    if (!isMessage<ClusterRequest>(msg, 'saeq:cluster-metrics-request')) return;
    const peers = [...processes()].filter((w) => w !== asker && w.isConnected());
    const requestId = nextId++;
    const answers: MetricsJson[] = [];
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      for (const peer of peers) peer.off('message', onReply);
      if (!asker.isConnected()) return;
      asker.send({
        type: 'saeq:cluster-metrics-reply',
        requestId: msg.requestId,
        peers: answers,
        missing: peers.length - answers.length,
      } satisfies ClusterReply);
    };
    const onReply = (reply: unknown) => {
      if (!isMessage<PeerReply>(reply, 'saeq:peer-metrics-reply') || reply.requestId !== requestId) return;
      answers.push(reply.metrics);
      if (answers.length === peers.length) finish();
    };
    const timer = setTimeout(finish, PEER_TIMEOUT_MS);
    for (const peer of peers) {
      peer.on('message', onReply);
      peer.send({ type: 'saeq:peer-metrics-request', requestId } satisfies PeerRequest);
    }
    if (peers.length === 0) finish();
  });
}

let nextRequestId = 0;

/** Asks the primary for the other processes' registries (none when it does not answer in time). */
function peerMetrics(): Promise<{ peers: MetricsJson[]; missing: number | null }> {
  const requestId = nextRequestId++;
  return new Promise((resolve) => {
    const onMessage = (msg: unknown) => {
      if (!isMessage<ClusterReply>(msg, 'saeq:cluster-metrics-reply') || msg.requestId !== requestId) return;
      done({ peers: msg.peers, missing: msg.missing });
    };
    const done = (result: { peers: MetricsJson[]; missing: number | null }) => {
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve(result);
    };
    const timer = setTimeout(() => done({ peers: [], missing: null }), CLUSTER_TIMEOUT_MS);
    process.on('message', onMessage);
    process.send?.({ type: 'saeq:cluster-metrics-request', requestId } satisfies ClusterRequest);
  });
}

/**
 * Process 0's scrape in a cluster: its own registry plus every other process's, aggregated, and
 * `saeq_gateway_processes{state="counted"|"missing"}`. `processes` is GATEWAY_PROCESSES (when the
 * primary did not answer at all, every other process counts as missing).
 */
export async function clusterMetricsText(
  registry: Registry,
  processes: number,
): Promise<{ text: string; contentType: string }> {
  const [own, { peers, missing }] = await Promise.all([registry.getMetricsAsJSON(), peerMetrics()]);
  const aggregated = AggregatorRegistry.aggregate([own, ...peers]);
  const counted = 1 + peers.length;
  const help = 'Gateway processes whose metrics this scrape summed (counted) or lacked (missing)';
  const service = own.find((m) => m.values[0]?.labels.service !== undefined)?.values[0]?.labels.service;
  const labels = (state: string) =>
    `{${service === undefined ? '' : `service="${service}",`}state="${state}"}`;
  const text = [
    await aggregated.metrics(),
    `# HELP saeq_gateway_processes ${help}`,
    '# TYPE saeq_gateway_processes gauge',
    `saeq_gateway_processes${labels('counted')} ${counted}`,
    `saeq_gateway_processes${labels('missing')} ${missing ?? Math.max(0, processes - counted)}`,
    '',
  ].join('\n');
  return { text, contentType: registry.contentType };
}
