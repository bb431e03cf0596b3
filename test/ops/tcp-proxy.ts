/**
 * A TCP proxy in front of a PostgreSQL server that a test can cut (every connection reset, new ones refused, as
 * when the database host goes away) and restore on the same port: the shared cluster itself is never touched.
 */
import net from 'node:net';

export interface CuttableProxy {
  port: number;
  /** Resets every open connection and stops listening: connects are refused until restore(). */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startProxy(target: { host: string; port: number }): Promise<CuttableProxy> {
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number) => new Promise<number>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      done((server.address() as net.AddressInfo).port);
    });
  });
  const stop = () => new Promise<void>((done) => {
    for (const s of sockets) s.resetAndDestroy();
    if (server.listening) server.close(() => done());
    else done();
  });
  const port = await listen(0);
  return {
    port,
    cut: stop,
    restore: async () => void (await listen(port)),
    close: stop,
  };
}
