// Runs the same WebSocket behaviour checks with and without the extension; the e2e test
// requires identical results. Every result is deterministic (no times, ids or ports).
// The finished results go, as JSON, into #results.
(() => {
  // Getters on Object.prototype count reads of event-init members: an event made with a plain
  // init object reads its missing members through here. The page makes no events itself.
  let initReads = 0;
  const INIT_MEMBERS = ['bubbles', 'cancelable', 'composed', 'detail', 'lastEventId', 'ports', 'source'];
  for (const key of INIT_MEMBERS) {
    Object.defineProperty(Object.prototype, key, {
      configurable: true,
      get() {
        initReads++;
        return undefined;
      },
    });
  }
  const echo = `ws://${location.host}/`;
  const results = {};
  const record = (name, fn) => {
    try {
      results[name] = { value: fn() };
    } catch (e) {
      results[name] = { threw: e && e.name, message: e && e.message };
    }
  };
  const describeError = (e) => ({
    name: e.name,
    message: e.message,
    isDOMException: e instanceof DOMException,
    ctor: e.constructor.name,
  });
  const toStr = (f) => Function.prototype.toString.call(f);
  const globalsBefore = Object.getOwnPropertyNames(window).sort();

  // --- Constructor and static shape -------------------------------------------------------
  record('name/length', () => [WebSocket.name, WebSocket.length, typeof WebSocket]);
  record('toString(WebSocket)', () => toStr(WebSocket));
  record('String(WebSocket)', () => String(WebSocket));
  record('toString(send)', () => toStr(WebSocket.prototype.send));
  record('toString(toString)', () => toStr(Function.prototype.toString));
  record('toString.call(toString.call)', () => toStr(toStr));
  record('send name/length', () => [WebSocket.prototype.send.name, WebSocket.prototype.send.length]);
  record('constants', () =>
    ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].map((k) => [
      k,
      WebSocket[k],
      WebSocket.prototype[k],
      Object.getOwnPropertyDescriptor(WebSocket, k),
    ]),
  );
  record('prototype descriptors', () =>
    Object.getOwnPropertyNames(WebSocket.prototype).map((k) => {
      const d = Object.getOwnPropertyDescriptor(WebSocket.prototype, k);
      return [k, typeof d.value, typeof d.get, typeof d.set, d.writable, d.enumerable, d.configurable];
    }),
  );
  record('constructor descriptors', () =>
    Object.getOwnPropertyNames(WebSocket).map((k) => {
      const d = Object.getOwnPropertyDescriptor(WebSocket, k);
      return [k, typeof d.value, d.writable, d.enumerable, d.configurable];
    }),
  );
  record('window.WebSocket descriptor', () => {
    const d = Object.getOwnPropertyDescriptor(window, 'WebSocket');
    return [typeof d.value, d.writable, d.enumerable, d.configurable];
  });
  record('prototype chain', () => [
    Object.getPrototypeOf(WebSocket) === EventTarget,
    Object.getPrototypeOf(WebSocket.prototype) === EventTarget.prototype,
    WebSocket.prototype.constructor === WebSocket,
    Object.prototype.toString.call(WebSocket.prototype),
  ]);
  record('call without new', () => {
    try {
      WebSocket(echo);
      return 'no throw';
    } catch (e) {
      return describeError(e);
    }
  });
  const ctorCase = (args) => {
    try {
      const ws = new WebSocket(...args);
      const out = {
        ok: true,
        url: ws.url.replace(location.host, 'HOST'),
        protocol: ws.protocol,
        readyState: ws.readyState,
        own: Object.getOwnPropertyNames(ws),
        ownSymbols: Object.getOwnPropertySymbols(ws).length,
      };
      ws.close();
      return out;
    } catch (e) {
      return describeError(e);
    }
  };
  const cases = {
    plain: [echo],
    oneProtocol: [echo, 'p'],
    twoProtocols: [echo, ['a', 'b']],
    emptyArray: [echo, []],
    invalidUrl: ['ht tp://x'],
    relative: ['/path'],
    httpScheme: [`http://${location.host}/`],
    ftpScheme: ['ftp://x/'],
    fragment: [echo + '#frag'],
    repeatedProtocol: [echo, ['a', 'a']],
    invalidProtocol: [echo, 'a b'],
    emptyProtocol: [echo, ''],
    nonAsciiProtocol: [echo, 'é'],
    noArgs: [],
  };
  for (const [name, args] of Object.entries(cases)) record(`ctor ${name}`, () => ctorCase(args));
  record('instance checks', () => {
    const ws = new WebSocket(echo);
    const out = [
      ws instanceof WebSocket,
      ws instanceof EventTarget,
      ws.constructor === WebSocket,
      Object.getPrototypeOf(ws) === WebSocket.prototype,
      Object.keys(ws).length,
      String(ws),
    ];
    ws.close();
    return out;
  });
  record('subclass', () => {
    let seenNewTarget = null;
    class Sub extends WebSocket {
      constructor(url) {
        super(url);
        seenNewTarget = new.target === Sub;
      }
      extra() {
        return 'sub method';
      }
    }
    const s = new Sub(echo);
    const out = [
      s instanceof Sub,
      s instanceof WebSocket,
      s.extra(),
      seenNewTarget,
      Object.getPrototypeOf(s) === Sub.prototype,
      s.constructor === Sub,
    ];
    s.close();
    return out;
  });
  record('Reflect.construct newTarget', () => {
    function F() {}
    F.prototype = Object.create(WebSocket.prototype);
    const ws = Reflect.construct(WebSocket, [echo], F);
    const out = [Object.getPrototypeOf(ws) === F.prototype, ws instanceof WebSocket];
    ws.close();
    return out;
  });

  // --- Methods before open ----------------------------------------------------------------
  record('send before open', () => {
    const ws = new WebSocket(echo);
    try {
      ws.send('x');
      return 'no throw';
    } catch (e) {
      return describeError(e);
    } finally {
      ws.close();
    }
  });
  const closeCase = (...args) => {
    const ws = new WebSocket(echo);
    try {
      ws.close(...args);
      return ['ok', ws.readyState];
    } catch (e) {
      return describeError(e);
    }
  };
  record('close(1001)', () => closeCase(1001));
  record('close(1000, long reason)', () => closeCase(1000, 'x'.repeat(124)));
  record('close(5000)', () => closeCase(5000));
  record('close(3000, ok)', () => closeCase(3000, 'ok'));
  record('close("abc")', () => closeCase('abc'));
  record('binaryType', () => {
    const ws = new WebSocket(echo);
    const seen = [ws.binaryType];
    ws.binaryType = 'arraybuffer';
    seen.push(ws.binaryType);
    ws.binaryType = 'nonsense';
    seen.push(ws.binaryType);
    ws.binaryType = 'blob';
    seen.push(ws.binaryType);
    ws.close();
    return seen;
  });
  record('send with wrong this', () => {
    try {
      WebSocket.prototype.send.call({}, 'x');
      return 'no throw';
    } catch (e) {
      return describeError(e);
    }
  });

  // --- What send and the constructor convert, and how often ---------------------------------
  // The native converts send's argument (WebIDL: BufferSource, Blob, or else ToString to a
  // USVString) after checking `this` and the argument count, and before its InvalidStateError.
  // Each case logs every call into page code and returns the exception. (Firefox names the
  // argument's expression in some messages, which a wrapper's frame hides: the argument here is
  // an array element, which it cannot name either way.)
  const loggedToString = (log, label, value) => ({
    toString() {
      log.push(`toString ${label}`);
      return value;
    },
  });
  const sendCase = (makeThis, makeArgs) => {
    const log = [];
    const ws = new WebSocket(echo);
    try {
      WebSocket.prototype.send.apply(makeThis(ws), makeArgs(log));
      log.push('no throw');
    } catch (e) {
      log.push(e === thrownByPage ? 'the page error itself' : describeError(e));
    } finally {
      ws.close();
    }
    return log;
  };
  const thrownByPage = new Error('from toString');
  const sendCases = {
    'object while connecting': [(ws) => ws, (log) => [loggedToString(log, 'data', 'x')]],
    'object, wrong this': [() => ({}), (log) => [loggedToString(log, 'data', 'x')]],
    'no argument': [(ws) => ws, () => []],
    'undefined while connecting': [(ws) => ws, () => [undefined]],
    'symbol while connecting': [(ws) => ws, () => [Symbol('s')]],
    'symbol, wrong this': [() => ({}), () => [Symbol('s')]],
    'toString throws': [
      (ws) => ws,
      () => [
        {
          toString() {
            throw thrownByPage;
          },
        },
      ],
    ],
    'no primitive value': [(ws) => ws, (log) => [{ toString: () => (log.push('toString'), {}), valueOf: () => ({}) }]],
    'Symbol.toPrimitive': [
      (ws) => ws,
      (log) => [{ [Symbol.toPrimitive]: (hint) => (log.push(`toPrimitive ${hint}`), 'p') }],
    ],
    'Symbol.toPrimitive not callable': [(ws) => ws, () => [{ [Symbol.toPrimitive]: 1 }]],
    'Symbol.toPrimitive gives an object': [(ws) => ws, (log) => [{ [Symbol.toPrimitive]: () => (log.push('tp'), {}) }]],
    'toString gives a symbol': [(ws) => ws, (log) => [{ toString: () => (log.push('toString'), Symbol('s')) }]],
    'toString not callable, valueOf': [(ws) => ws, (log) => [{ toString: 1, valueOf: () => (log.push('valueOf'), 7) }]],
    'Proxy, every trap logged': [(ws) => ws, (log) => [loggingProxy(log, {})]],
    'two arguments': [(ws) => ws, (log) => [loggedToString(log, 'first', 'x'), loggedToString(log, 'second', 'y')]],
  };
  /** A Proxy of `target` that logs every operation on it. */
  function loggingProxy(log, target) {
    const traps = {};
    for (const trap of Object.getOwnPropertyNames(Reflect)) {
      traps[trap] = (...args) => {
        log.push(
          `${trap} ${typeof args[1] === 'symbol' ? args[1].description : typeof args[1] === 'string' ? args[1] : ''}`,
        );
        return Reflect[trap](...args);
      };
    }
    return new Proxy(target, traps);
  }
  for (const [name, [makeThis, makeArgs]] of Object.entries(sendCases)) {
    record(`send: ${name}`, () => sendCase(makeThis, makeArgs));
  }

  /** ['a', <hole>, 'c'] */
  const holey = () => {
    const list = ['a', 'b', 'c'];
    delete list[1];
    return list;
  };
  // The constructor converts the URL, then the protocols: a sequence (iterated, each ToString)
  // or one string. Chromium reads a real array without its iterator; Firefox iterates it.
  const protocolCases = {
    'URL object': (log) => [loggedToString(log, 'url', echo)],
    'array with an object': (log) => [echo, [loggedToString(log, 'a', 'a'), 'b']],
    'array with a getter': (log) => {
      const list = ['a', 'b'];
      Object.defineProperty(list, 1, { enumerable: true, get: () => (log.push('getter 1'), 'b') });
      return [echo, list];
    },
    'array with a hole': () => [echo, holey()],
    'a Set': (log) => [echo, new Set(['s1', loggedToString(log, 's2', 's2')])],
    'a generator': (log) => [
      echo,
      {
        *[Symbol.iterator]() {
          log.push('iterate');
          yield 'g1';
          yield loggedToString(log, 'g2', 'g2');
        },
      },
    ],
    'an iterable Proxy, every trap logged': (log) => [
      echo,
      loggingProxy(log, {
        *[Symbol.iterator]() {
          yield 'p1';
        },
      }),
    ],
    'an object with a length getter': (log) => [
      echo,
      {
        get length() {
          log.push('length');
          return 1;
        },
        0: 'x',
        toString: () => (log.push('toString'), 'al'),
      },
    ],
    'one string object': (log) => [echo, loggedToString(log, 'p', 'p')],
  };
  for (const [name, makeArgs] of Object.entries(protocolCases)) {
    record(`protocols: ${name}`, () => {
      const log = [];
      try {
        const ws = new WebSocket(...makeArgs(log));
        log.push(ws.readyState);
        ws.close();
      } catch (e) {
        log.push(describeError(e));
      }
      return log;
    });
  }
  // A hole is read through Array.prototype (by Chromium; Firefox's array iterator does the same).
  record('protocols: a hole read through Array.prototype', () => {
    let reads = 0; // not an array: a push would meet the getter
    Object.defineProperty(Array.prototype, '1', { configurable: true, get: () => (reads++, 'q') });
    try {
      new WebSocket(echo, holey()).close();
    } finally {
      delete Array.prototype[1];
    }
    return reads;
  });

  // An argument list is an array: an argument that was not passed, read by index, is looked up
  // on Array.prototype.
  record('arguments not passed, read through Array.prototype', () => {
    // A string, not an array: writes into an array would meet these getters too.
    let log = '';
    for (const index of ['0', '1']) {
      Object.defineProperty(Array.prototype, index, { configurable: true, get: () => void (log += `[${index}] `) });
    }
    try {
      const ws = new WebSocket(echo);
      try {
        ws.send();
      } catch (e) {
        log += e.name;
      }
      ws.close();
    } finally {
      delete Array.prototype[0];
      delete Array.prototype[1];
    }
    return log;
  });

  // Every operation on a Proxy looks up its trap on the handler; a handler with a prototype
  // would be searched up to Object.prototype, where a page can put getters.
  record('Proxy trap lookups through Object.prototype', () => {
    const traps = Object.getOwnPropertyNames(Reflect);
    const reads = [];
    for (const trap of traps) {
      Object.defineProperty(Object.prototype, trap, { configurable: true, get: () => void reads.push(trap) });
    }
    const seen = [];
    try {
      const ws = new WebSocket(echo);
      seen.push(ws instanceof WebSocket, WebSocket.CONNECTING, 'OPEN' in WebSocket, Object.keys(WebSocket).length);
      seen.push(WebSocket.prototype.send.name, Function.prototype.toString.call(WebSocket.prototype.send).length);
      seen.push(Object.getPrototypeOf(WebSocket) === EventTarget, Object.isExtensible(WebSocket));
      seen.push(Function.prototype.toString.length, String(Function.prototype.toString).length);
      try {
        ws.send('x');
      } catch (e) {
        seen.push(e.name);
      }
      ws.close();
    } finally {
      for (const trap of traps) delete Object.prototype[trap];
    }
    return { reads, seen };
  });

  // --- Events with a live echo socket -----------------------------------------------------
  const live = () =>
    new Promise((resolve) => {
      const log = [];
      const ws = new WebSocket(echo, 'chat');
      const controller = new AbortController();
      ws.addEventListener('open', (e) => {
        log.push([
          'open',
          e.isTrusted,
          e.target === ws,
          e.currentTarget === ws,
          e.constructor.name,
          ws.protocol,
          ws.extensions,
          ws.bufferedAmount,
        ]);
        ws.send('one');
        ws.send(new Uint8Array([1, 2, 3]));
        ws.send('two');
        ws.send('three');
      });
      ws.onmessage = (e) =>
        log.push([
          'onmessage',
          typeof e.data === 'string' ? e.data : Object.prototype.toString.call(e.data),
          e.isTrusted,
          e.origin.replace(location.host, 'HOST'),
        ]);
      ws.addEventListener('message', (e) => log.push(['once', e.data instanceof Blob ? 'blob' : e.data]), {
        once: true,
      });
      ws.addEventListener('message', (e) => log.push(['signal', e.data instanceof Blob ? 'blob' : e.data]), {
        signal: controller.signal,
      });
      ws.addEventListener('message', {
        handleEvent(e) {
          log.push(['handleEvent', this === handler, typeof e.data]);
        },
      });
      const handler = ws.addEventListener('message', (e) => log.push(['capture', e.eventPhase]), true);
      ws.addEventListener('message', (e) => {
        if (e.data === 'two') {
          controller.abort();
          e.stopImmediatePropagation();
          log.push(['stopped']);
        }
      });
      ws.addEventListener('message', (e) => {
        log.push(['after-stop', e.data instanceof Blob ? 'blob' : e.data]);
        if (e.data === 'three') ws.close(3001, 'bye');
      });
      ws.addEventListener('error', () => log.push(['error']));
      ws.addEventListener('close', (e) => {
        log.push(['close', e.code, e.reason, e.wasClean, e.isTrusted, ws.readyState]);
        resolve(log);
      });
    });

  const listenerThrows = () =>
    new Promise((resolve) => {
      const seen = [];
      const previous = window.onerror;
      window.onerror = (message, source, line, col, error) => {
        seen.push(['window.onerror', String(message).includes('boom from listener'), error instanceof Error]);
        return true; // handled: keep the console clean
      };
      const ws = new WebSocket(echo);
      ws.onopen = () => ws.send('ping');
      ws.addEventListener('message', () => {
        throw new Error('boom from listener');
      });
      ws.addEventListener('message', () => {
        seen.push(['next listener still runs']);
        ws.close();
      });
      ws.onclose = () => {
        window.onerror = previous;
        resolve(seen);
      };
    });

  const failedConnection = () =>
    new Promise((resolve) => {
      const log = [];
      const ws = new WebSocket(`ws://${location.host}/reject?status=403`);
      ws.onopen = () => log.push('open');
      ws.onerror = (e) => log.push(['error', e.constructor.name, e.isTrusted]);
      ws.onclose = (e) => {
        log.push(['close', e.code, e.wasClean]);
        resolve(log);
      };
    });

  const binaryTypes = () =>
    new Promise((resolve) => {
      const log = [];
      const ws = new WebSocket(echo);
      ws.onopen = () => ws.send(new Uint8Array([9, 8, 7]));
      ws.onmessage = async (e) => {
        if (e.data instanceof Blob) {
          log.push(['blob', e.data.size, Array.from(new Uint8Array(await e.data.arrayBuffer()))]);
          ws.binaryType = 'arraybuffer';
          ws.send(new Uint8Array([6, 5]));
        } else {
          log.push(['arraybuffer', Array.from(new Uint8Array(e.data))]);
          ws.close();
        }
      };
      ws.onclose = () => resolve(log);
    });

  // send's argument on an open socket, converted once: each value's page code runs as often as
  // without the extension, and what the server got back is what the native sent (lone
  // surrogates as U+FFFD). Values the native refuses (a SharedArrayBuffer, which any page can get
  // from a shared WebAssembly.Memory, and a resizable buffer) throw the native's TypeError; a
  // detached buffer goes as an empty frame. The test compares the capture of this socket
  // (`?conversion`) with its echoes.
  const sendConversions = () =>
    new Promise((resolve) => {
      const log = [];
      const echoes = [];
      const ws = new WebSocket(`${echo}?conversion`);
      ws.binaryType = 'arraybuffer';
      const shared = () => new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer;
      const detached = () => {
        const buffer = new ArrayBuffer(8);
        structuredClone(buffer, { transfer: [buffer] });
        return buffer;
      };
      const values = [
        () => loggedToString(log, 'object', 'from toString'),
        () => ({ [Symbol.toPrimitive]: (hint) => (log.push(`toPrimitive ${hint}`), 'from toPrimitive') }),
        () => loggingProxy(log, {}),
        () => '\ud800 lone high surrogate',
        () => loggedToString(log, 'lone low surrogate', '\udc00 lone low surrogate'),
        () => null,
        () => undefined,
        () => 12.5,
        () => false,
        () => 10n,
        () => Symbol('s'),
        () => ({
          toString() {
            throw thrownByPage;
          },
        }),
        shared,
        () => new Uint8Array(shared(), 0, 2),
        () => new ArrayBuffer(4, { maxByteLength: 8 }),
        () => new Uint8Array(new ArrayBuffer(4, { maxByteLength: 8 })),
        detached,
        () => new Uint8Array([1, 2, 3]),
        () => new Blob(['blob text']),
        () => 'end',
      ];
      ws.onopen = () => {
        for (let i = 0; i < values.length; i++) {
          try {
            // Firefox names the argument's expression in some messages: one it cannot name.
            ws.send.apply(ws, [values[i]()]);
          } catch (e) {
            log.push(e === thrownByPage ? 'the page error itself' : describeError(e));
          }
        }
      };
      ws.onmessage = (e) => {
        echoes.push(
          typeof e.data === 'string'
            ? Array.from(e.data, (c) => c.codePointAt(0).toString(16)).join(' ')
            : `binary ${Array.from(new Uint8Array(e.data)).join(',')}`,
        );
        if (e.data === 'end') ws.close();
      };
      ws.onclose = () => resolve({ log, echoes });
    });

  // --- What a page can watch while its socket works ---------------------------------------
  // Runs alone, after the sections above. Counts lookups the hook must never make:
  // ArrayBuffer.prototype.slice reads a buffer's `constructor` and species; a Blob made from an
  // array runs Array.prototype's iterator; V8 formats a stack through Error.prepareStackTrace and
  // reads `name` and `message` for its first line. Binary frames of every kind go both ways,
  // one above the size from which the hook keeps a copy as a Blob. The array iterator is watched
  // only during the sends (the hook copies outgoing frames there, incoming ones the same way):
  // the test harness's own polling of the page iterates arrays at times of its choosing.
  const watchedLookups = () =>
    new Promise((resolve) => {
      const counts = {};
      const undo = [];
      const watch = (owner, key, label) => {
        const original = Object.getOwnPropertyDescriptor(owner, key);
        counts[label] = 0;
        const get = function () {
          counts[label]++;
          return original.get ? original.get.call(this) : original.value;
        };
        Object.defineProperty(owner, key, { configurable: true, get });
        undo.push(() => Object.defineProperty(owner, key, original));
      };
      // Only counted while `watching`: during the page's own calls into the socket, and while
      // the socket's event runs its listeners (from a capture listener, which runs before the
      // hook's, to a listener added after it). Page code and the harness's polling use arrays
      // and instanceof at other times.
      let watching = false;
      const watched = (label, fn) => {
        counts[label] = 0;
        return function (...args) {
          if (watching) counts[label]++;
          return fn.apply(this, args);
        };
      };
      // A setter on Array.prototype for each of the first indexes sees every `a[i] = x` and push
      // into a fresh array; it stores the value as a plain element.
      const indexSetter = watched('Array.prototype index setters', function (index, value) {
        Object.defineProperty(this, index, {
          __proto__: null,
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      });
      for (let i = 0; i < 32; i++) {
        Object.defineProperty(Array.prototype, i, {
          configurable: true,
          get: undefined,
          set(value) {
            indexSetter.call(this, i, value);
          },
        });
        undo.push(() => delete Array.prototype[i]);
      }
      // `x instanceof C` calls C[Symbol.hasInstance], which a page can define on any constructor.
      const hasInstance = watched('Symbol.hasInstance', function (value) {
        return Function.prototype[Symbol.hasInstance].call(this, value);
      });
      for (const C of [ArrayBuffer, DataView, Blob, Uint8Array, Float32Array, Object, Array, Error, String]) {
        Object.defineProperty(C, Symbol.hasInstance, { configurable: true, value: hasInstance });
        undo.push(() => delete C[Symbol.hasInstance]);
      }
      watch(ArrayBuffer.prototype, 'constructor', 'ArrayBuffer.prototype.constructor');
      watch(ArrayBuffer, Symbol.species, 'ArrayBuffer[Symbol.species]');
      watch(Error.prototype, 'name', 'Error.prototype.name');
      watch(Error.prototype, 'message', 'Error.prototype.message');
      counts['Error.prepareStackTrace'] = 0;
      Error.prepareStackTrace = () => `formatted ${++counts['Error.prepareStackTrace']}`;
      undo.push(() => delete Error.prepareStackTrace);

      const big = new Uint8Array(70_000).fill(5);
      const frames = [
        new Uint8Array([1, 2, 3]).buffer,
        new DataView(new ArrayBuffer(4), 1, 2),
        new Float32Array([1.5]),
        big,
        big.buffer,
        new Blob(['blob']),
        'text',
      ];
      watching = true;
      const ws = new WebSocket(echo, ['watched']);
      watching = false;
      for (const type of ['open', 'message', 'error', 'close']) {
        ws.addEventListener(type, () => (watching = true), true);
        ws.addEventListener(type, () => (watching = false));
      }
      ws.binaryType = 'arraybuffer';
      const sizes = [];
      ws.onopen = () => {
        watch(Array.prototype, Symbol.iterator, 'Array.prototype[Symbol.iterator]');
        watching = true;
        for (let i = 0; i < frames.length; i++) ws.send(frames[i]);
        watching = false;
        undo.pop()();
      };
      ws.onmessage = (e) => {
        sizes[sizes.length] = typeof e.data === 'string' ? e.data : e.data.byteLength;
        if (sizes.length === frames.length) ws.close();
      };
      ws.onclose = () => {
        for (let i = 0; i < undo.length; i++) undo[i]();
        resolve({ counts, sizes });
      };
    });

  Promise.all([live(), listenerThrows(), failedConnection(), binaryTypes(), sendConversions()]).then(
    async ([events, throwing, failed, binary, conversions]) => {
      results['page-visible lookups'] = { value: await watchedLookups() };
      results['send conversions on an open socket'] = { value: conversions };
      results['events'] = { value: events };
      results['listener exception'] = { value: throwing };
      results['failed connection'] = { value: failed };
      results['binaryType switching'] = { value: binary };
      // Counted after every socket above has come and gone, so the hook has flushed its batches.
      for (const key of INIT_MEMBERS) delete Object.prototype[key];
      results['event-init reads through Object.prototype'] = { value: initReads };
      const globalsAfter = Object.getOwnPropertyNames(window).sort();
      results['globals'] = {
        value: { added: globalsAfter.filter((g) => !globalsBefore.includes(g)), count: globalsAfter.length },
      };
      document.getElementById('results').textContent = JSON.stringify(results, null, 1);
    },
  );
})();
