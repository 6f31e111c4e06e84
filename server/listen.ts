import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/** Listens on a loopback address; LAN mode is refused until accounts and login exist. */
export function listen(server: Server, host: string, port: number): Promise<{ url: string; port: number }> {
  if (!isLoopback(host)) {
    return Promise.reject(
      new Error(`局域网模式(监听 ${host})需要登录功能,当前版本只允许本机访问(127.0.0.1)。`),
    );
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address() as AddressInfo;
      const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({ url: `http://${shown}:${addr.port}/`, port: addr.port });
    });
  });
}
