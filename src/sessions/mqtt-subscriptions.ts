import { reasonName, subackCode } from '../core/decoders/mqtt-codes';
import type { MqttFilterState, MqttSubscription } from './mqtt-messages';

const hex = (code: number) => `0x${code.toString(16).padStart(2, '0')}`;

/** Topic filters and their SUBSCRIBE / UNSUBSCRIBE requests waiting for SUBACK / UNSUBACK (§ 3.8–3.11). */
export function createSubscriptionBook() {
  const filters = new Map<string, MqttFilterState>();
  const pending = new Map<number, { type: 'SUBACK' | 'UNSUBACK'; filters: string[] }>();
  return {
    get pending() {
      return pending.size;
    },
    subscribe(packetId: number, subscriptions: readonly MqttSubscription[]) {
      pending.set(packetId, { type: 'SUBACK', filters: subscriptions.map((s) => s.filter) });
      for (const s of subscriptions) filters.set(s.filter, { filter: s.filter, requestedQos: s.qos, state: 'pending' });
    },
    unsubscribe(packetId: number, list: readonly string[]) {
      pending.set(packetId, { type: 'UNSUBACK', filters: [...list] });
      for (const filter of list) {
        const state = filters.get(filter);
        if (state) filters.set(filter, { ...state, state: 'unsubscribing' });
      }
    },
    /**
     * A SUBACK or UNSUBACK: one code per filter, in order (§ 3.9.3). Returns false when no request
     * waits for it, and the last refusal in the protocol's words.
     */
    acked(
      type: 'SUBACK' | 'UNSUBACK',
      packetId: number,
      codes: readonly number[],
    ): { matched: boolean; refusal?: string } {
      const request = pending.get(packetId);
      if (request?.type !== type) return { matched: false };
      pending.delete(packetId);
      let refusal: string | undefined;
      request.filters.forEach((filter, i) => {
        // An MQTT 3.1.1 UNSUBACK carries no codes: every filter is gone.
        const code = codes[i] ?? (type === 'UNSUBACK' ? 0 : 0x80);
        const state = filters.get(filter);
        if (type === 'UNSUBACK') {
          if (code < 0x80) filters.delete(filter);
          else refusal = `UNSUBACK refused "${filter}": ${reasonName(code)} (${hex(code)})`;
        } else if (state && code <= 2) {
          filters.set(filter, { ...state, state: 'granted', grantedQos: code as 0 | 1 | 2 });
        } else if (state) {
          const reason = `${subackCode(code)} (${hex(code)})`;
          filters.set(filter, { ...state, state: 'refused', reason });
          refusal = `SUBACK refused "${filter}": ${reason}`;
        }
      });
      return refusal ? { matched: true, refusal } : { matched: true };
    },
    list: () => [...filters.values()],
  };
}
