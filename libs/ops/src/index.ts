export { Metrics, MetricsModule, METRIC_NAMES } from './metrics';
export type { QueueDepth, ScrapeSources } from './metrics';
export { OpsModule } from './ops.module';
export { Readiness } from './readiness';
export type { ReadinessAnswer } from './readiness';
export { closeAfterResponse, drainHttp, installGracefulShutdown, ShutdownState } from './shutdown';
export type { GracefulShutdownOptions } from './shutdown';
