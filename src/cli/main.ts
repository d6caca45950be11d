/**
 * `npx socket-scope run FLOW.json`: the extension's flow engine from the command line, for CI.
 * Exit 0 when every step passed, 1 when one failed, 2 for a bad flow file or bad arguments.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFlowEngine, formatProblem, formatReport, parseFlow, toJUnitXml } from '../flow';
import { parseCommandLine, USAGE } from './args';
import { createWsConnector } from './ws-connector';

const EXIT = { passed: 0, failed: 1, bad: 2 } as const;

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    console.error(`socket-scope: ${parsed.error}\n\n${USAGE}`);
    return EXIT.bad;
  }
  const { command } = parsed;
  if (command.type === 'help') {
    console.log(USAGE);
    return EXIT.passed;
  }
  let text: string;
  try {
    text = await readFile(command.file, 'utf8');
  } catch (error) {
    console.error(
      `socket-scope: cannot read ${command.file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT.bad;
  }
  const loaded = parseFlow(text);
  if (!loaded.ok) {
    console.error(`socket-scope: ${command.file} is not a valid flow:`);
    for (const problem of loaded.problems) console.error(`  ${formatProblem(problem)}`);
    return EXIT.bad;
  }
  // Sub-millisecond step times: epoch ms from the monotonic clock.
  const timers = { now: () => performance.timeOrigin + performance.now(), setTimeout, clearTimeout };
  const engine = createFlowEngine({ connector: createWsConnector(), timers });
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const report = await engine.run(loaded.flow, { variables: command.variables, signal: controller.signal });
  const human = formatReport(report).join('\n');
  if (command.reporter === 'junit') {
    const xml = toJUnitXml(report, { hostname: os.hostname(), packageName: path.basename(command.file) });
    if (command.out) {
      try {
        await writeFile(command.out, xml);
      } catch (error) {
        console.error(
          `socket-scope: cannot write ${command.out}: ${error instanceof Error ? error.message : String(error)}`,
        );
        return EXIT.bad;
      }
    } else process.stdout.write(xml);
    // With the XML on stdout, the human report must not mix into it.
    if (command.out) console.log(human);
    else console.error(human);
  } else console.log(human);
  return report.passed ? EXIT.passed : EXIT.failed;
}

// Exit explicitly: a server that never completes the closing handshake must not hold the process.
main(process.argv.slice(2)).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    console.error(`socket-scope: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(EXIT.bad);
  },
);
