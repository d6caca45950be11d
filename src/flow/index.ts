/**
 * Flows: a versioned JSON document of steps (connect, send, expect, …) and the one engine that
 * runs it, shared by the extension's background and the `socket-scope` CLI. See docs/flow.schema.json.
 */
export { benchFlowPairs, type FlowBenchOptions, type FlowBenchResult } from './bench';
export type { ConnectSpec, FlowConnector, FlowSocket, FlowSocketEvent } from './connector';
export { createFlowEngine, type FlowEngine, type FlowEngineOptions, type FlowRunOptions } from './engine';
export type { FlowFrame } from './frames';
export { fromLog, type FromLogOptions, type FromLogResult } from './from-log';
export type { FlowTimers } from './inbox';
export { toJUnitXml, type JUnitOptions } from './junit';
export { countSteps, firstFailure, flattenSteps, formatMs, formatReport } from './report';
export type { FlowReport, StepFailure, StepReport, StepStatus } from './report';
export { formatProblem, loadFlow, loadFlowOrThrow, parseFlow, type FlowLoad, type FlowProblem } from './schema';
export * from './types';
