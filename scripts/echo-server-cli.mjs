// `npm run echo-server`: the local echo/test server alone (PORT or 8765), with the demo page.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEchoServer } from '../server/echo-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = await startEchoServer({
  port: Number(process.env.PORT) || 8765,
  pages: { '/demo': path.join(root, 'demo') },
});
console.log(
  `Echo server on ${server.url}/ (routes: see README, "Echo server"); demo page ${server.httpUrl}/demo/index.html`,
);
console.log('Ctrl+C stops it.');
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
