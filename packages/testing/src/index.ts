export {
  errorTypeByStatus,
  estimateTokens,
  type FakeAnthropic,
  type FakeAnthropicHandler,
  type FakeAnthropicOptions,
  type FakeContentBlock,
  type FakeErrorStatus,
  type FakeErrorStep,
  type FakeMessageStep,
  type FakeStep,
  type FakeStopReason,
  type FakeTextStep,
  type FakeToolUseStep,
  type FakeUsage,
  MessageParam,
  MessagesRequest,
  type RecordedRequest,
  startFakeAnthropic,
  TextBlockParam,
  ToolParam,
  ToolResultBlockParam,
  ToolUseBlockParam,
  toolResultsOf,
} from './fake-anthropic.ts';
export * from './infra.ts';
export * from './local-stack.ts';
export * from './otlp-receiver.ts';
export * from './pdfs.ts';
export * from './pipeline.ts';
export { getFreePort } from './ports.ts';
export * from './redis-cluster.ts';
export * from './s3-server.ts';
export * from './service-process.ts';
