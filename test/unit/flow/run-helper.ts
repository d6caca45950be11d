/** Runs a flow document over in-memory sockets under vitest's fake timers. */
import { vi } from 'vitest';
import { createFlowEngine, loadFlowOrThrow, type FlowReport, type FlowRunOptions } from '../../../src/flow';
import { createMemoryConnector, type MemoryPeer, type MemoryServer } from './memory-socket';

export interface FakeRun {
  readonly report: FlowReport;
  readonly peers: MemoryPeer[];
}

export async function runFake(document: unknown, server: MemoryServer, options: FlowRunOptions = {}): Promise<FakeRun> {
  const flow = loadFlowOrThrow(document);
  const connector = createMemoryConnector(server);
  const engine = createFlowEngine({ connector, uuid: () => 'uuid-1', inboxCapacity: 50 });
  const running = engine.run(flow, options);
  // Fake time runs until the flow has nothing left to wait for: timeouts fire without real waiting.
  await vi.runAllTimersAsync();
  return { report: await running, peers: connector.peers };
}

export const flowOf = (...steps: unknown[]) => ({ version: 1, name: 'test', steps });

/** The report's steps as "number status" lines, for compact assertions. */
export function statuses(report: FlowReport): string[] {
  const lines: string[] = [];
  const walk = (steps: FlowReport['steps']) => {
    for (const step of steps) {
      lines.push(`${step.number} ${step.status}`);
      walk(step.steps ?? []);
    }
  };
  walk(report.steps);
  return lines;
}
