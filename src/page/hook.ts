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
 * No imports but types and constants: this file is built as a tiny standalone IIFE.
 */
import {
  BLOB_FROM_BYTES,
  type HookCommand,
  type HookEvent,
  type HookFrameMark,
  type HookPayload,
  type HookRule,
  type HookRules,
} from '../protocol';

declare const __HOOK_EVENT__: string;
declare const __COMMAND_EVENT__: string;

(() => {
  const NativeWebSocket = globalThis.WebSocket;
  if (!NativeWebSocket) return; // a worker-like global or a page that removed it before us

  const { apply, construct, defineProperty, getOwnPropertyDescriptor } = Reflect;
  /** Calls a native taken below, a getter most often, on `self` with no arguments. */
  const call = (fn: (...args: any[]) => any, self: unknown) => apply(fn, self, []);
  const proto = NativeWebSocket.prototype;
  const getter = (o: object, k: string) => getOwnPropertyDescriptor(o, k)!.get!;
  // Destructuring is safe here: no page script has run yet.
  const getters = <K extends string[]>(o: object, ...keys: K) =>
    keys.map((k) => getter(o, k)) as { [I in keyof K]: () => any };
  const [wsUrl, wsProtocol, wsExtensions, wsReadyState, wsBinaryType] = getters(
    proto,
    'url',
    'protocol',
    'extensions',
    'readyState',
    'binaryType',
  );
  const nativeClose = proto.close;
  const NativeEvent = Event;
  const NativeMessageEvent = MessageEvent;
  const NativeCloseEvent = CloseEvent;
  const NativeCustomEvent = CustomEvent;
  const [messageData, messageOrigin] = getters(NativeMessageEvent.prototype, 'data', 'origin');
  const commandDetail = getter(NativeCustomEvent.prototype, 'detail');
  const stopImmediate = NativeEvent.prototype.stopImmediatePropagation;
  const regexProto = RegExp.prototype;
  const regexExec = regexProto.exec;
  const regexReplace = regexProto[Symbol.replace] as (this: RegExp, s: string, r: string) => string;
  const [closeCode, closeReason, closeWasClean] = getters(NativeCloseEvent.prototype, 'code', 'reason', 'wasClean');
  const { addEventListener: addListener, dispatchEvent: dispatch } = EventTarget.prototype;
  const NativeProxy = Proxy;
  const arrayPush = Array.prototype.push;
  const NativeWeakMap = WeakMap;
  const { get: weakGet, set: weakSet, has: weakHas } = NativeWeakMap.prototype;
  const NativeArrayBuffer = ArrayBuffer;
  const isView = NativeArrayBuffer.isView;
  const iteratorKey = Symbol.iterator;
  const NativeUint8Array = Uint8Array;
  const typedArrayProto = Object.getPrototypeOf(NativeUint8Array.prototype);
  const NativeDataView = DataView;
  const viewGetters = (p: object) => getters(p, 'buffer', 'byteOffset', 'byteLength');
  const typedArrayView = viewGetters(typedArrayProto);
  const dataView = viewGetters(NativeDataView.prototype);
  const NativeBlob = Blob;
  const nativeToString = Function.prototype.toString;
  const setTimer = setTimeout;
  const perf = performance;
  const perfNow = perf.now;
  const timeOrigin = perf.timeOrigin;
  const random = Math.random;
  const win = window;
  const loc = location;

  const now = () => timeOrigin + call(perfNow, perf);
  // TRICKY: an event constructor reads every member of its init dictionary, the missing ones
  // (bubbles, cancelable, …) through the prototype chain; getters a page put on
  // Object.prototype would see each batch. Init dictionaries have no prototype.
  const { assign, create, setPrototypeOf } = Object;
  const dict = <T extends object>(members: T): T => assign(create(null), members);
  /**
   * `[part]` for the Blob constructor, iterated by our own functions: a real array would be
   * iterated through Array.prototype[Symbol.iterator], which a page can replace and observe.
   * (Typed as the array the DOM typings ask for; the constructor takes any iterable.)
   */
  const onlyPart = (part: unknown): BlobPart[] => {
    let step = 0;
    // Only own members are read (the iterator method, `next`, `done`, `value`), never a prototype's.
    return { [iteratorKey]: () => ({ next: () => ({ value: part, done: step++ > 0 }) }) } as unknown as BlobPart[];
  };
  // The page code that created a socket. Firefox has `stack` as a getter on Error.prototype
  // (taken now); V8 puts it on the instance. The relay strips the hook's own frames.
  const NativeError = Error;
  const stackGetter = getOwnPropertyDescriptor(NativeError.prototype, 'stack')?.get;
  const initiator = (): string => {
    // V8 formats a stack through the page's Error.prepareStackTrace when there is one, which
    // would show the page our call: such pages get no initiator. Without a prototype, the
    // stack's first line reads no `name` or `message` that a page may have redefined.
    if ('prepareStackTrace' in (NativeError as object)) return '';
    const error = setPrototypeOf(new NativeError(), null) as Error;
    return stackGetter ? call(stackGetter, error) : error.stack!;
  };
  const docId = `${random()}`.slice(2, 10); // Math.random needs no `this`
  let nextSocket = 0;
  const ids = new NativeWeakMap<object, string>();
  /** Open sockets by id, for panel commands; an entry goes when its socket closes. */
  const sockets: Record<string, WebSocket> = create(null);
  const FAKE: HookFrameMark = { kind: 'fake' };
  /** Events this hook dispatched itself (fakes, rewrites, delays), with how to record them. */
  const ours = new NativeWeakMap<Event, HookFrameMark>();
  /** Sockets whose next close event is replaced by a simulated one. */
  const simulatedCloses = new NativeWeakMap<WebSocket, CloseEventInit>();
  /** Rules by socket id and direction, already filtered by the relay (which knows the URLs). */
  let rules: HookRules = {};

  /** The batch being filled: its events' fields one after another (see HookBatch). */
  let queue: unknown[] = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    // Never throws: with the relay gone (extension reloaded) nobody listens, and that is all.
    apply(dispatch, win, [new NativeCustomEvent(__HOOK_EVENT__, dict({ detail: batch }))]);
  };
  const emit = (...event: HookEvent) => {
    // One batch per ~20 ms, scheduled by its first event: each batch costs a cross-world clone
    // and a port message, so batching is what keeps the per-frame cost a few reference copies.
    if (!queue.length) apply(setTimer, win, [flush, 20]);
    apply(arrayPush, queue, event);
  };

  // Copies, so that a page mutating a buffer after send/receive cannot change what was captured.
  // `new Uint8Array(bytes)` copies into a new ArrayBuffer; ArrayBuffer.prototype.slice would look
  // up the page's `constructor` and Symbol.species, which a page can watch or replace.
  // `asBlob`: binary of BLOB_FROM_BYTES or more is copied into a Blob (see HookPayload), for
  // payloads that are only recorded; a payload the hook hands on later keeps its own type.
  const copyPayload = (data: unknown, asBlob?: boolean): HookPayload => {
    if (typeof data === 'string') return data;
    let bytes: Uint8Array | undefined;
    if (data instanceof NativeArrayBuffer) bytes = new NativeUint8Array(data);
    else if (isView(data)) {
      // Indexed, not destructured: destructuring calls the page-patchable array iterator.
      const view = data instanceof NativeDataView ? dataView : typedArrayView;
      bytes = new NativeUint8Array(call(view[0], data), call(view[1], data), call(view[2], data));
    }
    if (bytes) {
      if (asBlob && call(typedArrayView[2], bytes) >= BLOB_FROM_BYTES) return new NativeBlob(onlyPart(bytes));
      return call(typedArrayView[0], new NativeUint8Array(bytes));
    }
    // A Blob; or, for send(), any other value, which the native send turned into text.
    return data instanceof NativeBlob ? data : `${data}`;
  };

  const record = (socketId: string, direction: 'in' | 'out', raw: unknown, mark?: HookFrameMark) => {
    emit('frame', socketId, now(), direction, copyPayload(raw, true), mark);
  };

  const dispatchOurs = (ws: WebSocket, event: Event, mark: HookFrameMark) => {
    apply(weakSet, ours, [event, mark]);
    apply(dispatch, ws, [event]);
  };

  /** A message event as the browser would make it for this socket, with `data` in its binaryType. */
  const deliver = (ws: WebSocket, data: HookPayload, origin: string, mark: HookFrameMark) => {
    const value =
      typeof data === 'string' || call(wsBinaryType, ws) === 'arraybuffer' ? data : new NativeBlob(onlyPart(data));
    dispatchOurs(ws, new NativeMessageEvent('message', dict({ data: value, origin })), mark);
  };

  // Rules only run once the user set some in the panel; until then no page-world method is
  // called. TRICKY: RegExp exec/replace are the page's realm functions taken at start.
  const matchRule = (socketId: string, direction: 'in' | 'out', data: unknown): HookRule | undefined => {
    const list = rules[socketId]?.[direction] ?? [];
    for (let i = 0; i < list.length; i++) {
      const rule = list[i]!;
      if (rule.regex) {
        if (typeof data !== 'string') continue;
        rule.regex.lastIndex = 0;
        if (apply(regexExec, rule.regex, [data]) === null) continue;
      }
      return rule;
    }
  };

  /** The payload a replace rule produces: capture groups work for text; binary is replaced whole. */
  const rewrite = (rule: HookRule, raw: unknown, replacement: string): string =>
    rule.regex && typeof raw === 'string' ? apply(regexReplace, rule.regex, [raw, replacement]) : replacement;

  /**
   * Applies a rule's action to a frame. `pass` hands a payload on: to the page listeners for
   * incoming frames, to the server for outgoing ones.
   */
  const applyRule = (
    rule: HookRule,
    socketId: string,
    direction: 'in' | 'out',
    raw: unknown,
    pass: (data: HookPayload, mark: HookFrameMark) => void,
  ) => {
    const action = rule.action;
    const ruleId = rule.id;
    if (action.type === 'block') return record(socketId, direction, raw, { kind: 'blocked', ruleId });
    // A replace keeps the original for the record only; a delay hands it on in its own type
    // (a page's Blob frame goes on as the Blob it is).
    const original = copyPayload(raw, action.type === 'replace');
    if (action.type === 'replace')
      return pass(rewrite(rule, raw, action.replacement), { kind: 'replaced', ruleId, original });
    apply(setTimer, win, [() => pass(original, { kind: 'delayed', ruleId, delayMs: action.ms }), action.ms]);
  };

  const track = (ws: WebSocket, protocols?: unknown): string => {
    const socketId = `${docId}.${nextSocket++}`;
    apply(weakSet, ids, [ws, socketId]);
    // Indexed copy: the array iterator is page-patchable. The native constructor has already
    // validated `protocols`: a sequence of strings, or a value it took as one string.
    const list: string[] = [];
    if (protocols && typeof protocols === 'object')
      for (let i = 0; i < (protocols as string[]).length; i++) list[i] = `${(protocols as string[])[i]}`;
    else if (protocols !== undefined) list[0] = `${protocols}`; // null asks for "null"
    emit('created', socketId, now(), call(wsUrl, ws), list, loc.href, initiator());
    const on = (type: string, listener: (e: Event) => void) => apply(addListener, ws, [type, listener]);
    on('open', () => emit('open', socketId, now(), call(wsProtocol, ws), call(wsExtensions, ws)));
    sockets[socketId] = ws;
    on('message', (e) => {
      const mark = apply(weakGet, ours, [e]);
      // A MessageEvent the page dispatched itself is not a frame. (isTrusted is unforgeable.)
      if (!mark && !e.isTrusted) return;
      const raw = call(messageData, e);
      const rule = !mark && matchRule(socketId, 'in', raw);
      if (rule) {
        // Runs first of all listeners: stopping here hides the frame from every page listener.
        call(stopImmediate, e);
        const origin = call(messageOrigin, e);
        return applyRule(rule, socketId, 'in', raw, (data, m) => deliver(ws, data, origin, m));
      }
      record(socketId, 'in', raw, mark);
    });
    on('error', (e) => emit('error', socketId, now(), apply(weakHas, ours, [e])));
    on('close', (e) => {
      const simulated = apply(weakGet, simulatedCloses, [ws]);
      if (simulated && !apply(weakHas, ours, [e])) {
        // Swap the real close (code 1005 from our close()) for the one the user asked for.
        call(stopImmediate, e);
        return dispatchOurs(ws, new NativeCloseEvent('close', dict(simulated)), FAKE);
      }
      delete sockets[socketId];
      emit('close', socketId, now(), call(closeCode, e), call(closeReason, e), call(closeWasClean, e));
    });
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
      const socketId = apply(weakGet, ids, [thisArg]);
      // Rules apply to open, known sockets only; in every other state the native call decides.
      const rule =
        socketId && rules[socketId] && call(wsReadyState, thisArg) === 1 && matchRule(socketId, 'out', args[0]);
      if (rule) {
        return applyRule(rule, socketId!, 'out', args[0], (data, mark) => {
          try {
            apply(target, thisArg, [data]);
            record(socketId!, 'out', data, mark);
          } catch {
            // Closed while delayed: the frame is gone, as it would be on a real network.
          }
        });
      }
      // The native call comes first: its exceptions (InvalidStateError, TypeError) are the page's.
      const result = apply(target, thisArg, args);
      try {
        // Sockets created before the hook ran are discovered on their first send.
        record(socketId ?? track(thisArg), 'out', args[0]);
      } catch {
        // Never throw into the page.
      }
      return result;
    },
  });

  const runCommand = (command: HookCommand) => {
    if (command.type === 'set-rules') return void (rules = command.rules);
    const ws = sockets[command.socketId];
    if (!ws) return;
    if (command.type === 'send') {
      apply(nativeSend, ws, [command.data]);
      record(command.socketId, 'out', command.data, { kind: 'panel-send' });
    } else if (command.type === 'fake-incoming') {
      deliver(ws, command.data, command.origin, FAKE);
    } else if (command.type === 'simulate-close') {
      apply(weakSet, simulatedCloses, [ws, { code: command.code, reason: command.reason, wasClean: true }]);
      call(nativeClose, ws);
    } else {
      dispatchOurs(ws, new NativeEvent('error'), FAKE);
    }
  };
  apply(addListener, win, [
    __COMMAND_EVENT__,
    (e: Event) => {
      try {
        runCommand(call(commandDetail, e));
      } catch {
        // A command for a socket in the wrong state fails quietly, like the page never saw it.
      }
    },
  ]);

  // toString of our replacements prints what the natives print.
  const disguised = new NativeWeakMap<object, unknown>([
    [HookedWebSocket, NativeWebSocket],
    [hookedSend, nativeSend],
  ]);
  const hookedToString = new NativeProxy(nativeToString, {
    apply(target, thisArg, args) {
      const original = apply(weakGet, disguised, [thisArg]) ?? thisArg;
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
