export { ORPHAN_BLOB_GRACE_MS, removeOrphanBlobs } from './blob-gc.ts';
export { DatabaseGate, databaseDown, databaseRetryDelayMs } from './database-gate.ts';
export { clearDeadLetter, failedJobCode, purgeDeadLetters, recordDeadLetter } from './dead-letters.ts';
export { startHealthServer } from './health-server.ts';
export { describeJobError, PermanentJobError } from './permanent-error.ts';
export { planStageRecovery } from './plan-recovery.ts';
export { runPlanStage, type StageOutcome } from './plan-stage.ts';
export { enqueuePlanWebhookIfSettled, reconcilePlanWebhooks } from './plan-webhook.ts';
export { sampleQueueMetrics } from './queue-metrics.ts';
export {
  type ReconcileReport,
  type ReconcileSource,
  reconcileQueue,
  type UnsettledRecord,
  unrecordedFailureError,
} from './reconciler.ts';
export { type WorkerRuntimeEnv, type WorkerRuntimeOptions, workerRuntimeOptions } from './runtime-options.ts';
export {
  closeOnSignals,
  type JobContext,
  type ProcessorSpec,
  type ShutdownSignals,
  type Sweep,
  shutdownHandoverMarginMs,
  startWorkerService,
  type WorkerService,
  type WorkerServiceOptions,
} from './worker-service.ts';
