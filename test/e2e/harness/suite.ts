import { afterAll, beforeAll } from 'vitest';
import { startEchoServer, type EchoServer } from '../../../server/echo-server.mjs';
import { TEST_PAGES } from './browsers';
import { launch, type BrowserName, type ExtensionSession, type LaunchOptions } from './session';

/** What a describe block runs against; read it in tests and in hooks registered after browserSuite(). */
export interface BrowserSuite {
  /** Serves test/e2e/pages at /pages (harmless where a test only uses the WebSocket routes). */
  readonly server: EchoServer;
  readonly session: ExtensionSession;
  /** The same browser without the extension (options.baseline): what a page does unhooked. */
  readonly baseline: ExtensionSession;
}

export interface BrowserSuiteOptions {
  /** For the extension's session, e.g. a short Firefox idle timeout or Chromium flags. */
  readonly launch?: LaunchOptions;
  /** Also launch the browser without the extension, alongside the other one. */
  readonly baseline?: boolean;
}

/**
 * Nearly every e2e describe block needs an echo server and the built extension in one browser,
 * both started once and closed even when a test fails: this registers that beforeAll/afterAll so
 * a file states only what differs. Browsers close before the server, as a page may still be
 * connected to it. Hooks a file registers after this call run after its beforeAll and, Vitest
 * running "after" hooks in reverse, before its afterAll.
 */
export function browserSuite(browserName: BrowserName, options: BrowserSuiteOptions = {}): BrowserSuite {
  let server: EchoServer | undefined;
  let session: ExtensionSession | undefined;
  let baseline: ExtensionSession | undefined;

  beforeAll(async () => {
    server = await startEchoServer({ pages: { '/pages': TEST_PAGES } });
    // Each kept as soon as it is up, so that afterAll closes it even if the other launch fails.
    await Promise.all([
      launch(browserName, options.launch).then((s) => (session = s)),
      options.baseline && launch(browserName, { withExtension: false }).then((s) => (baseline = s)),
    ]);
  });
  afterAll(async () => {
    await Promise.all([session?.close(), baseline?.close()]);
    await server?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: read it in a test or a later hook`);
    return value;
  };
  return {
    get server() {
      return started(server, 'the echo server');
    },
    get session() {
      return started(session, 'the browser');
    },
    get baseline() {
      return started(baseline, 'the baseline browser (options.baseline)');
    },
  };
}
