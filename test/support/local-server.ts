/** Plumbing shared by the local stand-ins (OpenAI, Sheets, the sidebar's host page): listen, read bodies, close. */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface Listening {
  port: number;
  /** Stops listening and cuts open keep-alive connections, so a test's afterAll never waits on a client. */
  close(): Promise<void>;
}

/** Listens on a free loopback port. */
export async function listenLocally(server: Server): Promise<Listening> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
