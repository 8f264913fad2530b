export { startHealthServer } from './health-server.ts';
export { describeJobError, PermanentJobError } from './permanent-error.ts';
export { runPlanStage, type StageOutcome } from './plan-stage.ts';
export { enqueuePlanWebhookIfSettled } from './plan-webhook.ts';
export { sampleQueueMetrics } from './queue-metrics.ts';
export {
  closeOnSignals,
  type JobContext,
  type ProcessorSpec,
  startWorkerService,
  type WorkerService,
  type WorkerServiceOptions,
} from './worker-service.ts';
