/**
 * The OpenAI stand-in in a process of its own. The add-on's UrlFetchApp blocks the test process while the sync
 * server answers, and the sync server calls this stand-in meanwhile: in the test process it could never answer.
 * Prints one JSON line { baseUrl, controlUrl }; POST controlUrl/script queues answers, GET controlUrl/requests lists
 * the calls received.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOpenAiStandIn, type Scripted } from '../ai/openai-standin';

const standIn = await startOpenAiStandIn();
const control = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/script') standIn.script(...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Scripted[]));
    else if (!(req.method === 'GET' && req.url === '/requests')) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(standIn.requests));
  });
});
control.listen(0, '127.0.0.1', () => {
  const { port } = control.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ baseUrl: standIn.baseUrl, controlUrl: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => void standIn.close().then(() => process.exit(0)));
