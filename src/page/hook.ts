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
import type { HookCommand, HookEvent, HookFrameMark, HookPayload, HookRule, HookRules } from '../protocol';

declare const __HOOK_EVENT__: string;
declare const __COMMAND_EVENT__: string;

(() => {
  const NativeWebSocket = globalThis.WebSocket;
  if (!NativeWebSocket) return; // a worker-like global or a page that removed it before us

  const { apply, construct, defineProperty, getOwnPropertyDescriptor } = Reflect;
  const proto = NativeWebSocket.prototype;
  const getter = (o: object, k: string) => getOwnPropertyDescriptor(o, k)!.get!;
  // Destructuring is safe here: no page script has run yet.
  const getters = <K extends string[]>(o: object, ...keys: K) => keys.map((k) => getter(o, k)) as { [I in keyof K]: () => any };
  const [wsUrl, wsProtocol, wsExtensions, wsReadyState, wsBinaryType] = getters(proto, 'url', 'protocol', 'extensions', 'readyState', 'binaryType');
  const nativeClose = proto.close;
  const NativeEvent = Event;
  const NativeMessageEvent = MessageEvent;
  const NativeCloseEvent = CloseEvent;
  const NativeCustomEvent = CustomEvent;
  const [messageData, messageOrigin] = getters(NativeMessageEvent.prototype, 'data', 'origin');
  const commandDetail = getter(NativeCustomEvent.prototype, 'detail');
  const stopImmediate = NativeEvent.prototype.stopImmediatePropagation;
  const regexExec = RegExp.prototype.exec;
  const regexReplace = RegExp.prototype[Symbol.replace] as (this: RegExp, s: string, r: string) => string;
  const [closeCode, closeReason, closeWasClean] = getters(NativeCloseEvent.prototype, 'code', 'reason', 'wasClean');
  const addListener = EventTarget.prototype.addEventListener;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const NativeProxy = Proxy;
  const NativeWeakMap = WeakMap;
  const weakGet = WeakMap.prototype.get;
  const weakSet = WeakMap.prototype.set;
  const weakHas = WeakMap.prototype.has;
  const isView = ArrayBuffer.isView;
  const bufferSlice = ArrayBuffer.prototype.slice;
  const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  const NativeDataView = DataView;
  const viewGetters = (p: object) => getters(p, 'buffer', 'byteOffset', 'byteLength');
  const typedArrayView = viewGetters(typedArrayProto);
  const dataView = viewGetters(NativeDataView.prototype);
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
  // TRICKY: an event constructor reads every member of its init dictionary, the missing ones
  // (bubbles, cancelable, …) through the prototype chain; getters a page put on
  // Object.prototype would see each batch. Init dictionaries have no prototype.
  const { assign, create } = Object;
  const dict = <T extends object>(members: T): T => assign(create(null), members);
  // The page code that created a socket. Firefox has `stack` as a getter on Error.prototype
  // (taken now); V8 puts it on the instance. The relay strips the hook's own frames.
  const NativeError = Error;
  const stackGetter = getOwnPropertyDescriptor(NativeError.prototype, 'stack')?.get;
  const initiator = (): string => {
    try {
      const error = new NativeError();
      return `${stackGetter ? apply(stackGetter, error, []) : error.stack}`;
    } catch {
      return '';
    }
  };
  const docId = `${apply(random, Math, [])}`.slice(2, 10);
  let nextSocket = 0;
  const ids = new NativeWeakMap<object, string>();
  /** Open sockets by id, for panel commands; an entry goes when its socket closes. */
  const sockets: Record<string, WebSocket> = Object.create(null);
  /** Events this hook dispatched itself (fakes, rewrites, delays), with how to record them. */
  const ours = new NativeWeakMap<Event, HookFrameMark>();
  /** Sockets whose next close event is replaced by a simulated one. */
  const simulatedCloses = new NativeWeakMap<WebSocket, CloseEventInit>();
  /** Rules by socket id and direction, already filtered by the relay (which knows the URLs). */
  let rules: HookRules = {};

  let queue: HookEvent[] = [];
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    const batch = queue;
    queue = [];
    // Never throws: with the relay gone (extension reloaded) nobody listens, and that is all.
    apply(dispatch, win, [new NativeCustomEvent(__HOOK_EVENT__, dict({ detail: batch }))]);
  };
  const emit = (event: HookEvent) => {
    queue[queue.length] = event;
    if (!flushScheduled) {
      flushScheduled = true;
      // One batch per ~20 ms: each batch costs a cross-world clone and a port message, so
      // batching is what keeps the per-frame cost a reference copy.
      apply(setTimer, win, [flush, 20]);
    }
  };

  // Copies, so that a page mutating a buffer after send/receive cannot change what was captured.
  const copyPayload = (data: unknown): HookPayload => {
    if (typeof data === 'string') return data;
    if (data instanceof NativeArrayBuffer) return apply(bufferSlice, data, []);
    if (isView(data)) {
      // Indexed, not destructured: destructuring calls the page-patchable array iterator.
      const view = data instanceof NativeDataView ? dataView : typedArrayView;
      const start = apply(view[1], data, []);
      return apply(bufferSlice, apply(view[0], data, []), [start, start + apply(view[2], data, [])]);
    }
    // A Blob; or, for send(), any other value, which the native send turned into text.
    return data instanceof NativeBlob ? data : `${data}`;
  };

  const record = (socketId: string, direction: 'in' | 'out', raw: unknown, mark?: HookFrameMark) => {
    emit(['frame', socketId, now(), direction, copyPayload(raw), mark]);
  };

  const dispatchOurs = (ws: WebSocket, event: Event, mark: HookFrameMark) => {
    apply(weakSet, ours, [event, mark]);
    apply(dispatch, ws, [event]);
  };

  /** A message event as the browser would make it for this socket, with `data` in its binaryType. */
  const deliver = (ws: WebSocket, data: string | ArrayBuffer, origin: string, mark: HookFrameMark) => {
    const value = typeof data === 'string' || apply(wsBinaryType, ws, []) === 'arraybuffer' ? data : new NativeBlob([data]);
    dispatchOurs(ws, new NativeMessageEvent('message', dict({ data: value, origin })), mark);
  };

  // Rules only run once the user set some in the panel; until then no page-world method is
  // called. TRICKY: RegExp exec/replace are the page's realm functions taken at start.
  const matchRule = (socketId: string, direction: 'in' | 'out', data: unknown): HookRule | null => {
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
    return null;
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
    pass: (data: string | ArrayBuffer, mark: HookFrameMark) => void,
  ) => {
    const action = rule.action;
    const ruleId = rule.id;
    if (action.type === 'block') return record(socketId, direction, raw, { kind: 'blocked', ruleId });
    const original = copyPayload(raw) as string | ArrayBuffer; // a Blob, when one, goes on as is
    if (action.type === 'replace') return pass(rewrite(rule, raw, action.replacement), { kind: 'replaced', ruleId, original });
    apply(setTimer, win, [() => pass(original, { kind: 'delayed', ruleId, delayMs: action.ms }), action.ms]);
  };

  const track = (ws: WebSocket, protocols: unknown): string => {
    const socketId = `${docId}.${nextSocket++}`;
    apply(weakSet, ids, [ws, socketId]);
    // Indexed copy: the array iterator is page-patchable. The native constructor has already
    // validated `protocols`, so it is a string or a sequence of strings here.
    const list: string[] = [];
    if (typeof protocols === 'string') list[0] = protocols;
    else if (protocols !== undefined) for (let i = 0; i < (protocols as string[]).length; i++) list[i] = `${(protocols as string[])[i]}`;
    emit(['created', socketId, now(), apply(wsUrl, ws, []), list, loc.href, initiator()]);
    const on = (type: string, listener: (e: Event) => void) => apply(addListener, ws, [type, listener]);
    on('open', () => emit(['open', socketId, now(), apply(wsProtocol, ws, []), apply(wsExtensions, ws, [])]));
    sockets[socketId] = ws;
    on('message', (e) => {
      const mark = apply(weakGet, ours, [e]);
      // A MessageEvent the page dispatched itself is not a frame. (isTrusted is unforgeable.)
      if (!mark && !e.isTrusted) return;
      const raw = apply(messageData, e, []);
      const rule = mark ? null : matchRule(socketId, 'in', raw);
      if (rule) {
        // Runs first of all listeners: stopping here hides the frame from every page listener.
        apply(stopImmediate, e, []);
        const origin = apply(messageOrigin, e, []);
        return applyRule(rule, socketId, 'in', raw, (data, m) => deliver(ws, data, origin, m));
      }
      record(socketId, 'in', raw, mark);
    });
    on('error', (e) => emit(['error', socketId, now(), apply(weakHas, ours, [e])]));
    on('close', (e) => {
      const simulated = apply(weakGet, simulatedCloses, [ws]);
      if (simulated && !apply(weakHas, ours, [e])) {
        // Swap the real close (code 1005 from our close()) for the one the user asked for.
        apply(stopImmediate, e, []);
        return dispatchOurs(ws, new NativeCloseEvent('close', dict(simulated)), { kind: 'fake' });
      }
      delete sockets[socketId];
      emit(['close', socketId, now(), apply(closeCode, e, []), apply(closeReason, e, []), apply(closeWasClean, e, [])]);
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
      const rule = socketId && rules[socketId] && apply(wsReadyState, thisArg, []) === 1 ? matchRule(socketId, 'out', args[0]) : null;
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
        record(socketId ?? track(thisArg, undefined), 'out', args[0]);
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
      deliver(ws, command.data, command.origin, { kind: 'fake' });
    } else if (command.type === 'simulate-close') {
      apply(weakSet, simulatedCloses, [ws, { code: command.code, reason: command.reason, wasClean: true }]);
      apply(nativeClose, ws, []);
    } else {
      dispatchOurs(ws, new NativeEvent('error'), { kind: 'fake' });
    }
  };
  apply(addListener, win, [
    __COMMAND_EVENT__,
    (e: Event) => {
      try {
        runCommand(apply(commandDetail, e, []));
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
