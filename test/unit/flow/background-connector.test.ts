/** Flows over the background's ConnectionManager (the popup's connections), against the echo server. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startEchoServer, type EchoServer } from '../../../server/echo-server.mjs';
import { createConnectionManager, type WebSocketLike } from '../../../src/background/connection-manager';
import { createManagerFlowConnector } from '../../../src/background/flow-connector';
import { createFlowEngine, fromLog, loadFlowOrThrow } from '../../../src/flow';

let server: EchoServer;
beforeAll(async () => void (server = await startEchoServer()));
afterAll(async () => await server?.close());

const createManager = () =>
  createConnectionManager((url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike);
const example = (name: string) =>
  loadFlowOrThrow(JSON.parse(readFileSync(path.resolve(__dirname, '../../../docs/flows', name), 'utf8')));

describe('flows over the popup connections', () => {
  it('runs the examples; their traffic is in the connection log, and Save as flow replays it', async () => {
    const manager = createManager();
    const engine = createFlowEngine({ connector: createManagerFlowConnector(manager) });
    for (const name of ['echo.json', 'binary.json', 'server-close.json']) {
      const report = await engine.run(example(name), { variables: { server: server.url } });
      expect({ name, failure: report.steps.find((s) => s.failure)?.failure }).toEqual({ name, failure: undefined });
    }
    const [first] = manager.summaries();
    const log = manager.events().filter((e) => e.socketId === first?.id);
    expect(log.filter((e) => e.type === 'frame').map((e) => e.type === 'frame' && e.direction)).toEqual([
      'out',
      'in',
      'out',
      'in',
    ]);
    const saved = fromLog(log);
    if (!saved.ok) throw new Error(saved.error);
    expect((await engine.run(saved.flow)).passed).toBe(true);
  });

  it('a refused handshake fails the connect step', async () => {
    const engine = createFlowEngine({ connector: createManagerFlowConnector(createManager()) });
    const report = await engine.run(
      loadFlowOrThrow({ version: 1, steps: [{ kind: 'connect', url: `${server.url}/reject?status=403` }] }),
    );
    expect(report.steps[0]?.failure?.message).toMatch(/^the connection to .* failed: code 1006/);
  });

  it('handshake headers the background cannot set fail the connect step instead of hanging', async () => {
    const engine = createFlowEngine({ connector: createManagerFlowConnector(createManager()) });
    const flow = loadFlowOrThrow({
      version: 1,
      steps: [{ kind: 'connect', url: `${server.url}/`, headers: { 'X-A': '1' }, timeoutMs: 2000 }],
    });
    const report = await engine.run(flow);
    expect(report.steps[0]?.failure?.message).toMatch(/failed: code 1006.*handshake headers/);
  });
});
