import { createEventLog } from '../src/core/event-log';
import type { SocketEvent } from '../src/protocol';

/**
 * Bytes the capture log holds per stored frame beyond its payload (budget < 200 B), measured in
 * this V8 (Node's engine is Chrome's). Frames arrive as JSON, as over a runtime port, so each
 * carries its own strings. Needs --expose-gc for a clean reading.
 */
export function bytesPerStoredFrame(frames = 100_000, payloadChars = 100): { perFrame: number; overhead: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const batches: string[] = [];
  for (let start = 0; start < frames; start += 1_000) {
    const batch: SocketEvent[] = [];
    for (let i = start; i < start + 1_000; i++) {
      const text = `${i}`.padStart(payloadChars, 'x');
      batch.push({
        type: 'frame',
        socketId: 'k3j9x0ab.1',
        time: 1_700_000_000_000 + i / 7,
        direction: 'in',
        payload: { kind: 'text', text },
      });
    }
    batches.push(JSON.stringify(batch));
  }
  gc();
  const before = process.memoryUsage().heapUsed;
  const log = createEventLog({ maxFrames: frames, maxBytes: 1e12, maxLifecycleEvents: 10 });
  for (const json of batches) log.append(JSON.parse(json) as SocketEvent[]);
  gc();
  const perFrame = (process.memoryUsage().heapUsed - before) / frames;
  if (log.frameCount !== frames) throw new Error('frames went missing');
  return { perFrame, overhead: perFrame - payloadChars };
}
