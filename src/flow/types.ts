/**
 * The flow document (version 1), as the loader hands it to the engine: every field checked,
 * defaults not yet applied (the engine applies them, so a saved flow keeps what the user wrote).
 * docs/flow.schema.json publishes the same shape for editors and other tools.
 */
export const FLOW_VERSION = 1;

export interface Flow {
  readonly version: typeof FLOW_VERSION;
  readonly name?: string;
  readonly description?: string;
  /** Initial values of {{variables}}; the CLI's --var and the caller's variables override them. */
  readonly variables?: Readonly<Record<string, string>>;
  /** Timeout of connect, close, expect and expect-close steps that set none (ms). */
  readonly timeoutMs?: number;
  readonly steps: readonly FlowStep[];
}

export type FlowStep =
  | ConnectStep
  | CloseStep
  | ExpectCloseStep
  | SendStep
  | ExpectStep
  | ExpectNoneStep
  | ExtractStep
  | WaitStep
  | RepeatStep;

export type StepKind = FlowStep['kind'];

interface StepBase {
  /** Shown in reports instead of the generated summary. */
  readonly name?: string;
}

export interface ConnectStep extends StepBase {
  readonly kind: 'connect';
  readonly url: string;
  readonly protocols?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export interface CloseStep extends StepBase {
  readonly kind: 'close';
  readonly code?: number;
  readonly reason?: string;
  readonly timeoutMs?: number;
}

export interface ExpectCloseStep extends StepBase {
  readonly kind: 'expect-close';
  readonly code?: number;
  readonly reason?: string;
  readonly timeoutMs?: number;
  /** Messages that arrive before the close: skipped (true) or a failure (false, the default). */
  readonly skipOthers?: boolean;
}

/** Exactly one payload: text, a JSON value (sent as its JSON text), or bytes as hex or base64. */
export type SendPayload =
  { readonly text: string } | { readonly json: unknown } | { readonly hex: string } | { readonly base64: string };

export type SendStep = StepBase & { readonly kind: 'send' } & SendPayload;

/** What an expected message must be; exactly one per expect step. */
export type Expectation =
  | { readonly text: string }
  | { readonly regex: string; readonly flags?: string }
  | { readonly json: unknown }
  | { readonly schema: JsonSchemaDocument }
  | { readonly path: string; readonly equals: unknown }
  | { readonly hex: string }
  | { readonly base64: string };

/** A JSON Schema (draft 2020-12) as written in the flow: an object or a boolean. */
export type JsonSchemaDocument = boolean | Readonly<Record<string, unknown>>;

export type ExpectStep = StepBase & {
  readonly kind: 'expect';
  readonly timeoutMs?: number;
  /** Messages that do not match: skipped (true) or a failure (false, the default). */
  readonly skipOthers?: boolean;
} & Expectation;

export interface ExpectNoneStep extends StepBase {
  readonly kind: 'expect-none';
  /** The quiet period: any message or close within it fails the step. */
  readonly durationMs: number;
}

/** Where an extracted variable comes from in the last message an expect matched. */
export type ExtractSource =
  { readonly path: string } | { readonly regex: string; readonly flags?: string; readonly group?: number | string };

export interface ExtractStep extends StepBase {
  readonly kind: 'extract';
  readonly variables: Readonly<Record<string, ExtractSource>>;
}

export interface WaitStep extends StepBase {
  readonly kind: 'wait';
  readonly ms: number;
}

export interface RepeatStep extends StepBase {
  readonly kind: 'repeat';
  readonly times: number;
  readonly steps: readonly FlowStep[];
}

export const FLOW_LIMITS = {
  maxTimeoutMs: 3_600_000,
  maxRepeatTimes: 1_000_000,
  maxRepeatDepth: 8,
  /** Steps in the document, counting those inside repeats once. */
  maxSteps: 10_000,
  defaultTimeoutMs: 5_000,
} as const;

/** Names the engine defines itself: a flow may not set or extract them. */
export const RESERVED_VARIABLES: ReadonlySet<string> = new Set(['counter', 'timestamp', 'iso', 'uuid', 'iteration']);
