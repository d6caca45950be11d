import { composeMessage } from '../core/repeat';
import type { RepeatPlan, RepeatStatus, WirePayload } from '../protocol';

type Result<T = object> = ({ ok: true } & T) | { ok: false; error: string };

export interface RunningRepeat {
  status(): RepeatStatus;
  /** False once every send is done, the timer is stopped, or a send failed. */
  isRunning(): boolean;
  stop(): void;
}

export interface RepeatClock {
  readonly now: () => number;
  readonly uuid: () => string;
}

const systemClock: RepeatClock = { now: () => Date.now(), uuid: () => crypto.randomUUID() };

/**
 * Sends the plan's message at once, then every `intervalMs`, in the background so that it goes
 * on with the popup closed. Each send expands the {{variables}} again ({{counter}} = 1, 2, …).
 * The first send happens before this returns, so a bad message or template is an error to show
 * and nothing keeps running. It ends by itself after `times` sends or at the first failed send
 * (connection gone): `onEnd` is then called once (not when it ends within this call).
 */
export function startRepeat(
  plan: RepeatPlan,
  send: (payload: WirePayload) => Result,
  onEnd: () => void,
  clock: RepeatClock = systemClock,
): Result<{ repeat: RunningRepeat }> {
  let sent = 0;
  let timer: ReturnType<typeof setInterval> | null = null;

  const sendNext = (): Result => {
    const payload = composeMessage(plan.mode, plan.message, plan.variables, {
      counter: sent + 1,
      now: clock.now(),
      uuid: clock.uuid,
    });
    if (!payload.ok) return payload;
    const result = send(payload.value);
    if (result.ok) sent++;
    return result;
  };
  const stop = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  const done = () => plan.times !== null && sent >= plan.times;

  const first = sendNext();
  if (!first.ok) return first;
  const repeat: RunningRepeat = {
    status: () => ({ intervalMs: plan.intervalMs, times: plan.times, sent }),
    isRunning: () => timer !== null,
    stop,
  };
  if (done()) return { ok: true, repeat };
  timer = setInterval(() => {
    const result = sendNext();
    if (!result.ok || done()) {
      stop();
      onEnd();
    }
  }, plan.intervalMs);
  return { ok: true, repeat };
}
