import { describe, expect, it } from 'vitest';
import { benchFlowPairs } from '../../../src/flow';
import { createMemoryConnector, echoServer } from './memory-socket';

describe('bench hook', () => {
  it('runs N send/expect pairs through the engine and the same N raw, and reports both', async () => {
    const result = await benchFlowPairs({
      connector: createMemoryConnector(echoServer),
      url: 'ws://echo.test/',
      pairs: 200,
    });
    expect(result).toMatchObject({ pairs: 200, passed: true });
    expect(result.engineMsPerStep).toBeGreaterThanOrEqual(0);
    expect(result.rawMsPerPair).toBeGreaterThanOrEqual(0);
    expect(result.engineMsPerStep).toBe(result.engineMs / 400);
  });
});
