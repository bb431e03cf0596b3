import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The client's address: the socket's peer, or behind `trustedProxies` reverse proxies the address the outermost of
 * them received the request from (each proxy appends its peer to X-Forwarded-For; entries before those are the
 * client's own claims and are not trusted). null for a request that came through no socket (an in-process call).
 */
export function peerAddress(c: Context, trustedProxies: number): string | null {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const socketAddress = incoming?.socket?.remoteAddress ?? null;
  if (socketAddress === null || trustedProxies <= 0) return socketAddress;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (hops.length === 0) return socketAddress;
  return hops[Math.max(0, hops.length - trustedProxies)];
}
