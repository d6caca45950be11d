import { reasonName } from '../core/decoders/mqtt-codes';
import { createBoundedList } from './bounded';
import type { MqttPublishFlow } from './mqtt-messages';

const FINISHED_CAP = 100;

/** After an ack: send PUBREL (a QoS 2 flow goes on), the flow is done, or the ack is an error. */
export type AckOutcome = 'pubrel' | 'done' | { readonly error: string };
export const INFLIGHT_CAP = 100;

/**
 * Packet identifiers and the client's QoS 1/2 publishes in flight (§ 4.3.2, § 4.3.3). An id is
 * in use from the packet that takes it to the ack that ends its flow (§ 2.2.1).
 */
export function createPublishFlows(now: () => number) {
  const inUse = new Set<number>();
  const flows = new Map<number, MqttPublishFlow>();
  const finished = createBoundedList<MqttPublishFlow>(FINISHED_CAP);
  let next = 1;
  const end = (packetId: number, stage: 'completed' | 'refused' | 'closed', reason?: string) => {
    const flow = flows.get(packetId);
    if (!flow) return;
    flows.delete(packetId);
    inUse.delete(packetId);
    finished.push({ ...flow, stage, ms: now() - flow.sentAt, ...(reason ? { reason } : {}) });
  };
  return {
    /** A free packet id (1–65535), or null when every one is taken. */
    take(): number | null {
      for (let tries = 0; tries < 65535; tries++) {
        const id = next;
        next = next === 65535 ? 1 : next + 1;
        if (!inUse.has(id)) {
          inUse.add(id);
          return id;
        }
      }
      return null;
    },
    release: (id: number) => void inUse.delete(id),
    get inflight() {
      return flows.size;
    },
    start(packetId: number, topic: string, qos: 1 | 2) {
      flows.set(packetId, { packetId, topic, qos, sentAt: now(), stage: qos === 1 ? 'PUBACK' : 'PUBREC' });
    },
    /**
     * The server's PUBACK, PUBREC or PUBCOMP. Returns what to send next (PUBREL after a
     * successful PUBREC), or an error text when the ack does not fit a flow.
     */
    acked(type: 'PUBACK' | 'PUBREC' | 'PUBCOMP', packetId: number, code: number): AckOutcome {
      const flow = flows.get(packetId);
      if (!flow || flow.stage !== type) return { error: `${type} #${packetId} matches no publish waiting for it` };
      // § 2.4: reason codes from 0x80 are failures; a refused PUBREC ends the QoS 2 flow (§ 4.3.3).
      if (code >= 0x80) {
        end(packetId, 'refused', `${reasonName(code)} (0x${code.toString(16)})`);
        return { error: `${type} #${packetId}: ${reasonName(code)} (0x${code.toString(16)})` };
      }
      if (type === 'PUBREC') {
        flows.set(packetId, { ...flow, stage: 'PUBCOMP' });
        return 'pubrel';
      }
      end(packetId, 'completed', code ? reasonName(code) : undefined);
      return 'done';
    },
    closeAll() {
      for (const id of [...flows.keys()]) end(id, 'closed');
      inUse.clear();
    },
    list: (): MqttPublishFlow[] => [...finished.items(), ...flows.values()],
    get dropped() {
      return finished.dropped;
    },
  };
}
