/**
 * Page hook: runs in the page's MAIN world at document_start, in every frame.
 *
 * It must be invisible (see ../shared/DESIGN.md, "The page hook"): the constructor becomes a
 * Proxy that forwards to the native one, `send` becomes a Proxy of the native `send`, and
 * `Function.prototype.toString` prints the natives' source for both. Incoming frames are seen by
 * one native listener added at construction; page listeners are never re-dispatched by hand.
 * Events reach the relay as CustomEvents whose type is a build-time secret: no page listener
 * can see them, and there is no window.postMessage.
 *
 * Every native used at run time is taken here, before any page script runs.
 * No imports except types: this file is built as a tiny standalone IIFE.
 */
import type { HookEvent, HookPayload } from '../protocol';

declare const __HOOK_EVENT__: string;

(() => {
  const NativeWebSocket = globalThis.WebSocket;
  if (typeof NativeWebSocket !== 'function') return;

  const R = Reflect;
  const { apply, construct, defineProperty, getOwnPropertyDescriptor } = R;
  const proto = NativeWebSocket.prototype;
  const getter = (o: object, k: string) => getOwnPropertyDescriptor(o, k)!.get!;
  const wsUrl = getter(proto, 'url');
  const wsProtocol = getter(proto, 'protocol');
  const wsExtensions = getter(proto, 'extensions');
  const messageData = getter(MessageEvent.prototype, 'data');
  const closeCode = getter(CloseEvent.prototype, 'code');
  const closeReason = getter(CloseEvent.prototype, 'reason');
  const closeWasClean = getter(CloseEvent.prototype, 'wasClean');
  const addListener = EventTarget.prototype.addEventListener;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const NativeCustomEvent = CustomEvent;
  const NativeProxy = Proxy;
  const NativeWeakMap = WeakMap;
  const weakGet = WeakMap.prototype.get;
  const weakSet = WeakMap.prototype.set;
  const weakHas = WeakMap.prototype.has;
  const isView = ArrayBuffer.isView;
  const bufferSlice = ArrayBuffer.prototype.slice;
  const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  const NativeDataView = DataView;
  const viewGetters = (p: object) => [getter(p, 'buffer'), getter(p, 'byteOffset'), getter(p, 'byteLength')] as const;
  const typedArrayView = viewGetters(typedArrayProto);
  const dataView = viewGetters(DataView.prototype);
  const NativeBlob = Blob;
  const NativeArrayBuffer = ArrayBuffer;
  const nativeToString = Function.prototype.toString;
  const setTimer = setTimeout;
  const perf = performance;
  const perfNow = perf.now;
  const timeOrigin = perf.timeOrigin;
  const random = Math.random;
  const win = window;
  const loc = location;

  const now = () => timeOrigin + apply(perfNow, perf, []);
  const docId = apply(random, Math, []).toString(36).slice(2, 10);
  let nextSocket = 0;
  const ids = new NativeWeakMap<object, string>();

  let queue: HookEvent[] = [];
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    const batch = queue;
    queue = [];
    try {
      apply(dispatch, win, [new NativeCustomEvent(__HOOK_EVENT__, { detail: batch })]);
    } catch {
      // The relay is gone (extension reloaded); the page must never notice.
    }
  };
  const emit = (event: HookEvent) => {
    queue[queue.length] = event;
    if (!flushScheduled) {
      flushScheduled = true;
      apply(setTimer, win, [flush, 0]);
    }
  };

  // Copies, so that a page mutating a buffer after send/receive cannot change what was captured.
  const copyPayload = (data: unknown): HookPayload | null => {
    if (typeof data === 'string') return data;
    if (data instanceof NativeArrayBuffer) return apply(bufferSlice, data, []);
    if (data instanceof NativeBlob) return data;
    if (isView(data)) {
      // Indexed, not destructured: destructuring calls the page-patchable array iterator.
      const view = data instanceof NativeDataView ? dataView : typedArrayView;
      const start = apply(view[1], data, []);
      return apply(bufferSlice, apply(view[0], data, []), [start, start + apply(view[2], data, [])]);
    }
    return null;
  };

  const track = (ws: WebSocket, protocols: unknown): string => {
    const socketId = `${docId}.${nextSocket++}`;
    apply(weakSet, ids, [ws, socketId]);
    // Indexed copy: the array iterator is page-patchable. The native constructor has already
    // validated `protocols`, so it is a string or a sequence of strings here.
    const list: string[] = [];
    if (typeof protocols === 'string') list[0] = protocols;
    else if (protocols !== undefined) for (let i = 0; i < (protocols as string[]).length; i++) list[i] = `${(protocols as string[])[i]}`;
    emit({ type: 'created', socketId, time: now(), url: apply(wsUrl, ws, []), protocols: list, frameUrl: loc.href });
    const on = (type: string, listener: (e: Event) => void) => apply(addListener, ws, [type, listener]);
    on('open', () =>
      emit({ type: 'open', socketId, time: now(), protocol: apply(wsProtocol, ws, []), extensions: apply(wsExtensions, ws, []) }),
    );
    on('message', (e) => {
      const data = copyPayload(apply(messageData, e, []));
      if (data !== null) emit({ type: 'frame', socketId, time: now(), direction: 'in', data });
    });
    on('error', () => emit({ type: 'error', socketId, time: now(), message: 'WebSocket error' }));
    on('close', (e) =>
      emit({
        type: 'close',
        socketId,
        time: now(),
        code: apply(closeCode, e, []),
        reason: apply(closeReason, e, []),
        wasClean: apply(closeWasClean, e, []),
      }),
    );
    return socketId;
  };

  const HookedWebSocket = new NativeProxy(NativeWebSocket, {
    construct(target, args, newTarget) {
      const ws = construct(target, args, newTarget) as WebSocket;
      try {
        track(ws, args[1]);
      } catch {
        // Capture must never break the page's socket.
      }
      return ws;
    },
  });

  const nativeSend = proto.send;
  const hookedSend = new NativeProxy(nativeSend, {
    apply(target, thisArg, args) {
      // The native call comes first: its exceptions (InvalidStateError, TypeError) are the page's.
      const result = apply(target, thisArg, args);
      try {
        // Sockets created before the hook ran are discovered on their first send.
        const socketId = apply(weakHas, ids, [thisArg]) ? apply(weakGet, ids, [thisArg])! : track(thisArg, undefined);
        const data = copyPayload(args[0]);
        if (data !== null) emit({ type: 'frame', socketId, time: now(), direction: 'out', data });
      } catch {
        // Never throw into the page.
      }
      return result;
    },
  });

  // toString of our replacements prints what the natives print.
  const disguised = new NativeWeakMap<object, unknown>([
    [HookedWebSocket, NativeWebSocket],
    [hookedSend, nativeSend],
  ]);
  const hookedToString = new NativeProxy(nativeToString, {
    apply(target, thisArg, args) {
      const original = apply(weakHas, disguised, [thisArg]) ? apply(weakGet, disguised, [thisArg]) : thisArg;
      return apply(target, original, args);
    },
  });
  apply(weakSet, disguised, [hookedToString, nativeToString]);

  const replace = (owner: object, key: string, value: unknown) =>
    defineProperty(owner, key, { ...getOwnPropertyDescriptor(owner, key)!, value });
  replace(Function.prototype, 'toString', hookedToString);
  replace(proto, 'send', hookedSend);
  replace(proto, 'constructor', HookedWebSocket);
  replace(globalThis, 'WebSocket', HookedWebSocket);
})();
