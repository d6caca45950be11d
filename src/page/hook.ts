/**
 * Page hook: runs in the page's MAIN world at document_start, in every frame.
 *
 * It must be invisible: the constructor becomes a Proxy that forwards to the native one, `send`
 * becomes a Proxy of the native `send`, and `Function.prototype.toString` prints the natives'
 * source for both. Incoming frames are seen by one native listener added at construction; page
 * listeners are never re-dispatched by hand. Events reach the relay as CustomEvents whose type is
 * a build-time secret: no page listener can see them, and there is no window.postMessage.
 *
 * Every native used at run time is taken here, before any page script runs. At run time the hook
 * makes no lookup a page could watch: no prototype chain of a page-reachable object is walked
 * (Proxy handlers, event init dictionaries and the hook's arrays have no prototype), no
 * `instanceof` (it calls a constructor's Symbol.hasInstance, which a page can define), no array
 * iterator, no Symbol.species. test/e2e/pages/conformance.js counts each of these.
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
  const call = <R>(fn: (...args: never[]) => R, self: unknown): R => apply(fn, self, []);
  /** The getter of `o[key]`, taken now. */
  const getter = <R>(o: object, key: string | symbol) => getOwnPropertyDescriptor(o, key)!.get as () => R;
  /** The method `o[key]`, taken now, typed as the caller says (it is only ever `apply`d). */
  const method = <F>(o: object, key: string) => getOwnPropertyDescriptor(o, key)!.value as F;
  /** `fn()`, or undefined where it throws (the hook's brand checks: see `bufferLength`). */
  const attempt = <R>(fn: () => R): R | undefined => {
    try {
      return fn();
    } catch {
      return undefined;
    }
  };
  const proto = NativeWebSocket.prototype;
  const wsUrl = getter<string>(proto, 'url');
  const wsProtocol = getter<string>(proto, 'protocol');
  const wsExtensions = getter<string>(proto, 'extensions');
  const wsReadyState = getter<number>(proto, 'readyState');
  const wsBinaryType = getter<BinaryType>(proto, 'binaryType');
  const nativeClose = method<(this: WebSocket) => void>(proto, 'close');
  const NativeEvent = Event;
  const NativeMessageEvent = MessageEvent;
  const NativeCloseEvent = CloseEvent;
  const NativeCustomEvent = CustomEvent;
  const messageData = getter<unknown>(NativeMessageEvent.prototype, 'data');
  const messageOrigin = getter<string>(NativeMessageEvent.prototype, 'origin');
  const commandDetail = getter<HookCommand>(NativeCustomEvent.prototype, 'detail');
  const stopImmediate = method<(this: Event) => void>(NativeEvent.prototype, 'stopImmediatePropagation');
  const regexProto = RegExp.prototype;
  const regexExec = method<(this: RegExp, s: string) => RegExpExecArray | null>(regexProto, 'exec');
  const regexReplace = regexProto[Symbol.replace] as (this: RegExp, s: string, r: string) => string;
  const closeCode = getter<number>(NativeCloseEvent.prototype, 'code');
  const closeReason = getter<string>(NativeCloseEvent.prototype, 'reason');
  const closeWasClean = getter<boolean>(NativeCloseEvent.prototype, 'wasClean');
  const targetProto = EventTarget.prototype;
  const addListener = method<(this: EventTarget, type: string, listener: (e: Event) => void) => void>(
    targetProto,
    'addEventListener',
  );
  const dispatch = method<(this: EventTarget, event: Event) => boolean>(targetProto, 'dispatchEvent');
  const NativeProxy = Proxy;
  const NativeWeakMap = WeakMap;
  const weakProto = NativeWeakMap.prototype;
  const weakGet = method<(this: WeakMap<object, unknown>, key: unknown) => unknown>(weakProto, 'get');
  const weakSet = method<(this: WeakMap<object, unknown>, key: object, value: unknown) => void>(weakProto, 'set');
  const weakHas = method<(this: WeakMap<object, unknown>, key: unknown) => boolean>(weakProto, 'has');
  /** `map.get(key)` with the native taken at start; any key, undefined for a primitive. */
  const lookup = <V>(map: WeakMap<object, V>, key: unknown) => apply(weakGet, map, [key]) as V | undefined;
  const isView = method<(value: unknown) => value is ArrayBufferView>(ArrayBuffer, 'isView');
  const isArray = Array.isArray;
  const iteratorKey = Symbol.iterator;
  const NativeUint8Array = Uint8Array;
  const NativeDataView = DataView;
  const typedArrayProto = Object.getPrototypeOf(NativeUint8Array.prototype) as object;
  /** A typed array's name, undefined for anything else (a DataView among them); it never throws. */
  const typedArrayTag = getter<string | undefined>(typedArrayProto, Symbol.toStringTag);
  const viewGetters = (p: object) =>
    [getter<ArrayBuffer>(p, 'buffer'), getter<number>(p, 'byteOffset'), getter<number>(p, 'byteLength')] as const;
  const typedArrayView = viewGetters(typedArrayProto);
  const dataView = viewGetters(NativeDataView.prototype);
  const arrayBufferLength = getter<number>(ArrayBuffer.prototype, 'byteLength');
  const blobSize = getter<number>(Blob.prototype, 'size');
  const NativeBlob = Blob;
  // ES2024; both browsers have it (Chrome 111, Firefox 119).
  const wellFormed = method<(this: string) => string>(String.prototype, 'toWellFormed');
  const nativeToString = method<(this: unknown) => string>(Function.prototype, 'toString');
  const setTimer = setTimeout;
  const perf = performance;
  const perfNow = method<(this: Performance) => number>(Performance.prototype, 'now');
  const timeOrigin = perf.timeOrigin;
  const random = Math.random;
  const win = window;
  const loc = location;
  const { assign, create, hasOwn, setPrototypeOf } = Object;

  const now = () => timeOrigin + call(perfNow, perf);
  // TRICKY: an event constructor reads every member of its init dictionary, the missing ones
  // (bubbles, cancelable, …) through the prototype chain; getters a page put on
  // Object.prototype would see each batch. Proxy handlers are read the same way (every operation
  // on a Proxy looks up its trap: `get`, `has`, …). Such objects of ours have no prototype.
  const dict = <T extends object>(members: T): T => assign(create(null) as T, members);
  /**
   * An array without a prototype, for every array the hook writes into: `a[i] = x` and `push` on
   * a plain array run a setter a page defined on Array.prototype for that index.
   * (Measured in V8: indexed writes cost the same as into a plain array.)
   */
  const newList = <T>() => setPrototypeOf([], null) as T[];
  /**
   * An ArrayBuffer's byteLength, undefined for anything else. A brand check: the native getter
   * throws for any other value, a Proxy included, without reading anything a page can define.
   */
  const bufferLength = (value: unknown) => attempt(() => call(arrayBufferLength, value));
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
    return stackGetter ? (call(stackGetter, error) as string) : error.stack!;
  };
  const docId = `${random()}`.slice(2, 10); // Math.random needs no `this`
  let nextSocket = 0;
  const ids = new NativeWeakMap<object, string>();
  /** Open sockets by id, for panel commands; an entry goes when its socket closes. */
  const sockets: Record<string, WebSocket> = create(null) as Record<string, WebSocket>;
  const FAKE: HookFrameMark = { kind: 'fake' };
  /** Events this hook dispatched itself (fakes, rewrites, delays), with how to record them. */
  const ours = new NativeWeakMap<Event, HookFrameMark>();
  /** Sockets whose next close event is replaced by a simulated one. */
  const simulatedCloses = new NativeWeakMap<WebSocket, CloseEventInit>();
  /** Rules by socket id and direction, already filtered by the relay (which knows the URLs). */
  let rules: HookRules = create(null) as HookRules;

  /** The batch being filled: its events' fields one after another (see HookBatch). */
  let queue = newList<unknown>();
  const flush = () => {
    const batch = queue;
    queue = newList();
    // Never throws: with the relay gone (extension reloaded) nobody listens, and that is all.
    apply(dispatch, win, [new NativeCustomEvent(__HOOK_EVENT__, dict({ detail: batch }))]);
  };
  const emit = (...event: HookEvent) => {
    // One batch per ~20 ms, scheduled by its first event: each batch costs a cross-world clone
    // and a port message, so batching is what keeps the per-frame cost a few reference copies.
    let n = queue.length;
    if (!n) apply(setTimer, win, [flush, 20]);
    for (let i = 0; i < event.length; i++) queue[n++] = event[i];
  };

  const toPrimitiveKey = Symbol.toPrimitive;
  const isObject = (value: unknown): value is object =>
    (typeof value == 'object' && value !== null) || typeof value == 'function';
  const usv = (text: string) => apply(wellFormed, text, []);
  /**
   * What the native `send` makes of its argument. WebIDL `send((BufferSource or Blob or
   * USVString) data)`: a Blob, an ArrayBuffer or a view goes as it is (a SharedArrayBuffer or a
   * resizable buffer too: the native refuses them with a TypeError); anything else is converted
   * with ToString, lone surrogates then replaced by U+FFFD. The hook converts once, before the
   * native call, and hands the native the string: the page's `toString` runs once, as without
   * the hook, and the text captured is the text sent. The checks read no page-defined property:
   * `isView` and the getters' brand checks look at internal slots only.
   *
   * TRICKY: an object goes through ToPrimitive step by step as the spec has it (Symbol.toPrimitive,
   * else toString then valueOf), so each page-defined step runs once and in order and throws what
   * it throws. Where the engine itself would throw (a Symbol, a step that gives no primitive),
   * the native gets a value of ours that fails the same way with no page code, so the error is
   * the native's own: Chromium words it "Failed to execute 'send' on 'WebSocket': …".
   */
  const sendable = (data: unknown): unknown => {
    if (typeof data == 'string') return usv(data);
    if (typeof data == 'symbol') return data;
    if (!isObject(data)) return usv(`${data as string}`);
    if (
      typeof data == 'object' &&
      (isView(data) ||
        bufferLength(data) !== undefined ||
        attempt(() => new NativeDataView(data as ArrayBuffer)) || // a SharedArrayBuffer: any page can get one
        attempt(() => call(blobSize, data)) !== undefined)
    )
      return data;
    const source = data as Record<PropertyKey, unknown>;
    const exotic = source[toPrimitiveKey];
    let result: unknown = data;
    if (exotic != null) {
      if (typeof exotic != 'function') return { [toPrimitiveKey]: exotic };
      result = apply(exotic as () => unknown, data, ['string']);
      if (isObject(result)) return { [toPrimitiveKey]: () => result };
    } else {
      const step = (key: string) => {
        const method = isObject(result) && source[key];
        if (typeof method == 'function') result = apply(method as () => unknown, data, []);
      };
      step('toString');
      step('valueOf');
      if (isObject(result)) return { [toPrimitiveKey]: undefined, toString: () => result, valueOf: () => result };
    }
    return typeof result == 'symbol' ? { [toPrimitiveKey]: () => result } : usv(`${result as string}`);
  };

  // Copies, so that a page mutating a buffer after send/receive cannot change what was captured.
  // `new Uint8Array(bytes)` copies into a new ArrayBuffer; ArrayBuffer.prototype.slice would look
  // up the page's `constructor` and Symbol.species, which a page can watch or replace.
  // `asBlob`: binary of BLOB_FROM_BYTES or more is copied into a Blob (see HookPayload), for
  // payloads that are only recorded; a payload the hook hands on later keeps its own type.
  // `data` is what `sendable` returns, or an incoming frame's: text, binary or a Blob.
  const copyPayload = (data: unknown, asBlob?: boolean): HookPayload => {
    if (typeof data == 'string') return data;
    let bytes: Uint8Array | undefined;
    let length: number | undefined;
    if (isView(data)) {
      // Indexed, not destructured: destructuring calls the page-patchable array iterator.
      const view = call(typedArrayTag, data) ? typedArrayView : dataView;
      length = call(view[2], data);
      // A view of a detached buffer is sent as an empty frame, and cannot be viewed again.
      bytes = length ? new NativeUint8Array(call(view[0], data), call(view[1], data), length) : new NativeUint8Array(0);
    } else if ((length = bufferLength(data)) !== undefined) {
      bytes = length ? new NativeUint8Array(data as ArrayBuffer) : new NativeUint8Array(0);
    }
    if (bytes) {
      if (asBlob && call(typedArrayView[2], bytes) >= BLOB_FROM_BYTES) return new NativeBlob(onlyPart(bytes));
      return call(typedArrayView[0], new NativeUint8Array(bytes));
    }
    return data as Blob;
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
  const rewrite = (rule: HookRule, raw: unknown, replacement: string): string => {
    const regex = rule.regex;
    if (!regex || typeof raw !== 'string') return replacement;
    // RegExp.prototype[Symbol.replace] reads the regex's `flags` and `exec`, which a page can
    // redefine on RegExp.prototype: the regex gets its own (the relay compiles every rule with
    // "g"; matching itself follows the regex's real flags).
    defineProperty(regex, 'flags', dict({ value: 'g' }));
    defineProperty(regex, 'exec', dict({ value: regexExec }));
    return apply(regexReplace, regex, [raw, replacement]);
  };

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

  /**
   * The requested protocols, read back after the native constructor has converted them, and
   * only where that reads nothing a page could watch: a string (or another primitive, as the
   * native's ToString made it), or the own data properties of an array. Converting an object
   * again would run its toString a second time, and iterating would run the page's iterator
   * (Chromium does not, for arrays: Firefox does): such entries are left out of the record.
   */
  const requested = (protocols: unknown): string[] => {
    const list = newList<string>();
    let n = 0;
    const add = (value: unknown) => {
      if (!isObject(value)) list[n++] = `${value as string}`;
    };
    /** An own data property's value; a descriptor (an object, left out) for an accessor. */
    const own = (key: number | string): unknown => {
      const descriptor = getOwnPropertyDescriptor(protocols as object, key);
      return descriptor && hasOwn(descriptor, 'value') ? descriptor.value : descriptor;
    };
    if (isArray(protocols)) for (let i = 0, length = own('length') as number; i < length; i++) add(own(i));
    else if (protocols !== undefined) add(protocols); // null asks for "null"
    return list;
  };

  const track = (ws: WebSocket, protocols?: unknown): string => {
    const socketId = `${docId}.${nextSocket++}`;
    apply(weakSet, ids, [ws, socketId]);
    emit('created', socketId, now(), call(wsUrl, ws), requested(protocols), loc.href, initiator());
    const on = (type: string, listener: (e: Event) => void) => apply(addListener, ws, [type, listener]);
    on('open', () => emit('open', socketId, now(), call(wsProtocol, ws), call(wsExtensions, ws)));
    sockets[socketId] = ws;
    on('message', (e) => {
      const mark = lookup(ours, e);
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
      const simulated = lookup(simulatedCloses, ws);
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

  const HookedWebSocket = new NativeProxy(
    NativeWebSocket,
    dict<ProxyHandler<typeof WebSocket>>({
      construct(target, args, newTarget) {
        const ws = construct(target, args, newTarget) as WebSocket;
        try {
          // Read only when passed: `args[1]` of a shorter list is looked up on Array.prototype.
          track(ws, args.length > 1 ? args[1] : undefined);
        } catch {
          // Capture must never break the page's socket.
        }
        return ws;
      },
    }),
  );

  const nativeSend = method<(this: WebSocket, data: unknown) => void>(proto, 'send');
  const hookedSend = new NativeProxy(
    nativeSend,
    dict<ProxyHandler<typeof nativeSend>>({
      apply(target, thisArg: WebSocket, args: unknown[]) {
        const socketId = lookup(ids, thisArg);
        // The native checks `this` and the argument count before it converts the argument: where
        // either fails, it alone decides (sockets made before the hook ran pass the brand check).
        if (!args.length || !(socketId || attempt(() => call(wsReadyState, thisArg)) !== undefined))
          return apply(target, thisArg, args) as undefined;
        // Throws only what the native conversion would: the page's own toString's exception.
        const data = sendable(args[0]);
        // Rules apply to open, known sockets only; in every other state the native call decides.
        const rule =
          typeof data != 'symbol' &&
          socketId &&
          rules[socketId] &&
          call(wsReadyState, thisArg) === 1 &&
          matchRule(socketId, 'out', data);
        if (rule) {
          return applyRule(rule, socketId, 'out', data, (payload, mark) => {
            try {
              apply(target, thisArg, [payload]);
              record(socketId, 'out', payload, mark);
            } catch {
              // Closed while delayed: the frame is gone, as it would be on a real network.
            }
          });
        }
        // The native call comes first: its exceptions (InvalidStateError, TypeError) are the page's.
        const result = apply(target, thisArg, [data]) as undefined;
        try {
          // Sockets created before the hook ran are discovered on their first send.
          record(socketId ?? track(thisArg), 'out', data);
        } catch {
          // Never throw into the page.
        }
        return result;
      },
    }),
  );

  const runCommand = (command: HookCommand) => {
    // The relay's object, made in this realm: no socket id may be looked up on Object.prototype.
    if (command.type === 'set-rules') return void (rules = setPrototypeOf(command.rules, null) as HookRules);
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
  const hookedToString = new NativeProxy(
    nativeToString,
    dict<ProxyHandler<typeof nativeToString>>({
      apply(target, thisArg: unknown, args: []) {
        const original = lookup(disguised, thisArg) ?? thisArg;
        return apply(target, original, args);
      },
    }),
  );
  apply(weakSet, disguised, [hookedToString, nativeToString]);

  const replace = (owner: object, key: string, value: unknown) =>
    defineProperty(owner, key, { ...getOwnPropertyDescriptor(owner, key)!, value });
  replace(Function.prototype, 'toString', hookedToString);
  replace(proto, 'send', hookedSend);
  replace(proto, 'constructor', HookedWebSocket);
  replace(globalThis, 'WebSocket', HookedWebSocket);
})();
