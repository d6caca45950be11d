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
        'text',
      ];
      const ws = new WebSocket(echo);
      ws.binaryType = 'arraybuffer';
      const sizes = [];
      ws.onopen = () => {
        watch(Array.prototype, Symbol.iterator, 'Array.prototype[Symbol.iterator]');
        for (let i = 0; i < frames.length; i++) ws.send(frames[i]);
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

  Promise.all([live(), listenerThrows(), failedConnection(), binaryTypes()]).then(
    async ([events, throwing, failed, binary]) => {
      results['page-visible lookups'] = { value: await watchedLookups() };
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
