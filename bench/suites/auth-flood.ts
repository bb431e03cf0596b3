/**
 * The flood of the auth bench, in its own process so that its sending does not slow the process that measures:
 * `tsx auth-flood.ts <server base> <clients>` posts 20 MB bodies without a token in a loop until stdin closes,
 * then prints how many requests were answered and how many connections the server closed.
 */
export {};

const [base, clients] = process.argv.slice(2);
const BODY = Buffer.alloc(20 * 1024 * 1024, 0x20);
let answered = 0;
let closed = 0;
let running = true;
process.stdin.on('close', () => (running = false)).resume();
await Promise.all(Array.from({ length: Number(clients) }, async () => {
  while (running) {
    try {
      const res = await fetch(`${base}/v1/workbooks/acme/tracks/ENG/drafts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
      await res.arrayBuffer();
      answered++;
    } catch {
      closed++;
    }
  }
}));
console.log(JSON.stringify({ answered, closed }));
