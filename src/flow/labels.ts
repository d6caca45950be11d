/** One-line summaries of steps as written (variables unexpanded), for reports. */
import { quote } from './frames';
import { show } from './json-compare';
import type { Expectation, FlowStep, SendPayload } from './types';

export function stepLabel(step: FlowStep): string {
  if (step.name !== undefined) return step.name;
  switch (step.kind) {
    case 'connect':
      return `connect ${step.url}${step.protocols?.length ? ` (${step.protocols.join(', ')})` : ''}`;
    case 'close':
      return `close ${step.code ?? 1000}${step.reason ? ` ${quote(step.reason, 40)}` : ''}`;
    case 'expect-close':
      return `expect close${step.code === undefined ? '' : ` ${step.code}`}`;
    case 'send':
      return `send ${payloadLabel(step)}`;
    case 'expect':
      return `expect ${expectationLabel(step)}`;
    case 'expect-none':
      return `expect no message for ${step.durationMs} ms`;
    case 'extract':
      return `extract ${Object.keys(step.variables).join(', ')}`;
    case 'wait':
      return `wait ${step.ms} ms`;
    case 'repeat':
      return `repeat ${step.times} times`;
  }
}

function payloadLabel(payload: SendPayload): string {
  if ('text' in payload) return `text ${quote(payload.text, 60)}`;
  if ('json' in payload) return `JSON ${show(payload.json, 60)}`;
  return 'hex' in payload ? `binary ${payload.hex.slice(0, 40)}` : `binary (base64) ${payload.base64.slice(0, 40)}`;
}

export function expectationLabel(expectation: Expectation): string {
  if ('text' in expectation) return `text ${quote(expectation.text, 60)}`;
  if ('regex' in expectation) return `text matching /${expectation.regex}/${expectation.flags ?? ''}`;
  if ('json' in expectation) return `JSON matching ${show(expectation.json, 60)}`;
  if ('schema' in expectation) return 'JSON valid against a schema';
  if ('path' in expectation) return `JSON whose ${expectation.path} is ${show(expectation.equals, 40)}`;
  return 'hex' in expectation
    ? `binary ${expectation.hex.slice(0, 40)}`
    : `binary (base64) ${expectation.base64.slice(0, 40)}`;
}
