import type { SocketEvent } from '../../protocol';
import {
  decodeFrame,
  decoderLabel,
  decoderOptions,
  setSocketDecoder,
  socketDecoderChoice,
} from '../model/lazy-decoders';
import { JsonTreeView } from './json-tree-view';
import type { SocketSummary } from '../model/socket-summary';

/** The frame as its protocol reads it: decoder, summary, fields, and the decoded body. */
export function DecodedView({
  event,
  socket,
}: {
  event: Extract<SocketEvent, { type: 'frame' }>;
  socket: SocketSummary | undefined;
}) {
  const result = decodeFrame(
    event.socketId,
    { url: socket?.url ?? '', protocol: socket?.protocol ?? '' },
    event.payload,
    event.direction,
  );
  if (!result) return <p class="notice">Loading the decoders…</p>;
  const body = result.body;
  return (
    <div class="decoded">
      <label class="field decode-as">
        <span>Decode as</span>
        <select
          value={socketDecoderChoice(event.socketId)}
          onChange={(e) => setSocketDecoder(event.socketId, e.currentTarget.value)}
        >
          <option value="auto">Automatic</option>
          {decoderOptions().map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <p class="pdetail-head">{`${decoderLabel(result.decoder)}: ${result.summary}`}</p>
      {result.error && (
        <p class="notice">{`Could not decode: ${result.error}. The raw views still show the payload.`}</p>
      )}
      {result.fields.length > 0 && (
        <dl class="decoded-fields">
          {result.fields.map((f, i) => (
            <div key={i}>
              <dt>{f.name}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {body !== undefined && !(body instanceof Uint8Array) && typeof body !== 'string' && <JsonTreeView value={body} />}
      {typeof body === 'string' && <pre class="payload-text">{body}</pre>}
    </div>
  );
}
