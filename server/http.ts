import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { hostname } from 'node:os';
import type { ApiResult } from '../db/api/call';
import type { ErrorCode } from '../db/errors';
import { gateCall, type Caller } from '../db/host/gate';
import { isMethod } from '../db/api/call';
import { handlers } from '../db/api/handlers';
import { ACCESS, PUBLIC } from '../db/auth/access';
import type { LedgerHost } from '../db/host/host';
import { handlePrint, refusalPage, wantsPage } from './print-routes';
import { isLoopback } from './listen';

export const SESSION_COOKIE = 'sl_session';

/** Large enough for a catalog workbook sent as base64, small enough to refuse abuse. */
export const MAX_BODY_BYTES = 24 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface HttpOptions {
  host: LedgerHost;
  /** Folder of the built renderer. */
  staticDir: string;
  /** LAN mode: other machines may connect (by IP address or this machine's name), all with login. */
  lan?: boolean;
}

/** Refusals that have their own HTTP status; every other answer is 200 with `{ ok, … }`. */
const STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/**
 * The HTTP transport: the built renderer as static files and `POST /api/<method>` with JSON in and
 * the same `{ ok, data | error }` out as Electron IPC. The session is an HttpOnly, SameSite=Strict
 * cookie; without one every method but login and first-run setup answers 401.
 */
export function createLedgerServer({ host, staticDir, lan = false }: HttpOptions): Server {
  return createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('[http]', err);
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', '服务器内部错误。'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // A refusal answered before the body is read still drains it, so a kept-alive connection stays usable.
    res.once('finish', () => req.resume());
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    if (!hostAllowed(req, lan)) return sendJson(res, 421, fail('INVALID_INPUT', '访问地址不被允许。'));
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, fail('INVALID_INPUT', '接口只接受 POST 请求。'));
      let method: string;
      try {
        method = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        return sendJson(res, 400, fail('INVALID_INPUT', '接口名称无效。'));
      }
      const caller = callerOf(req);
      if (!originAllowed(req, caller.local, writes(method))) return sendJson(res, 403, fail('INVALID_INPUT', '来源不被允许。'));
      // The body is read only for a caller the door would serve: no session, no 24 MB upload.
      const early = earlyRefusal(host, caller, method);
      if (early) return sendJson(res, STATUS[early.code] ?? 200, fail(early.code, early.message));
      const body = await readBody(req);
      if (body === 'too-large') return sendJson(res, 413, fail('INVALID_INPUT', '请求内容过大。'));
      let input: unknown;
      try {
        input = body.length === 0 ? undefined : JSON.parse(body);
      } catch {
        return sendJson(res, 400, fail('INVALID_INPUT', '请求内容不是有效的 JSON。'));
      }
      const answer = await gateCall(host, caller, method, input);
      if (answer.token !== undefined) res.setHeader('Set-Cookie', sessionCookie(answer.token));
      const code = answer.result.ok ? undefined : answer.result.error.code;
      return sendJson(res, (code && STATUS[code]) ?? 200, answer.result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('INVALID_INPUT', '不支持的请求。'));
    // The session status rides along with the page, so the app renders without waiting for a round trip.
    if (url.pathname === '/boot.js') {
      const { result } = await gateCall(host, callerOf(req), 'auth.status', undefined);
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(`window.__LEDGER_BOOT__ = ${JSON.stringify(result).replace(/</g, '\\u003c')};\n`);
    }
    if (url.pathname.startsWith('/print/')) {
      // Print pages open from our own page only (a link from elsewhere cannot make one).
      // A browser tab (the address bar, a bookmark) is told in words, a script in JSON.
      if (req.headers['sec-fetch-site'] !== 'same-origin') {
        return wantsPage(req) ? refusalPage(res, 403, 'source') : sendJson(res, 403, fail('INVALID_INPUT', '来源不被允许。'));
      }
      const userId = host.ledger ? host.sessions.userOf(sessionToken(req)) : undefined;
      if (url.pathname !== '/print/auto-print.js' && (!host.ledger || userId === undefined)) {
        return wantsPage(req) ? refusalPage(res, 401, 'login') : sendJson(res, 401, fail('UNAUTHENTICATED', '请先登录。'));
      }
      if (handlePrint({ ledger: host.ledger!, userId: userId ?? 0 }, url, res)) return;
    }
    return serveStatic(res, staticDir, url.pathname);
  }
}

function fail(code: ErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sessionToken(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return v.join('=') || undefined;
  }
  return undefined;
}

function sessionCookie(token: string | null): string {
  const base = `${SESSION_COOKIE}=${token ?? ''}; HttpOnly; SameSite=Strict; Path=/`;
  return token ? base : `${base}; Max-Age=0`;
}

/** The session, whether the request comes from this machine, and from which address. */
export function callerOf(req: Pick<IncomingMessage, 'headers' | 'socket'>): Caller {
  const address = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  return { token: sessionToken(req), local: isLoopback(address), address };
}

/**
 * Refuses DNS rebinding: the page must be asked for by a loopback name, or in LAN mode by an IP
 * address or this machine's own name (a hostile domain pointing at us is still refused).
 */
function hostAllowed(req: IncomingMessage, lan: boolean): boolean {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]') return true;
  if (!lan) return false;
  const name = hostname().toLowerCase();
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^\[[0-9a-f:]+\]$/.test(host) || host === name || host === `${name}.local`;
}

/**
 * A call from a browser must come from our own page. With an Origin header it must be ours; without
 * one, a write is taken only when the browser says it is same-origin, or, with no Sec-Fetch-Site
 * either (a script, not a browser), from this machine.
 */
function originAllowed(req: IncomingMessage, local: boolean, write: boolean): boolean {
  const origin = req.headers.origin;
  if (!origin) {
    if (!write) return true;
    const site = req.headers['sec-fetch-site'];
    return site === 'same-origin' || (site === undefined && local);
  }
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Whether the method may write (an unknown name is treated as one). */
function writes(method: string): boolean {
  return !isMethod(method) || handlers[method].kind !== 'query';
}

/** What the door would refuse before reading the body: a method that needs a session, without one. */
function earlyRefusal(host: LedgerHost, caller: Caller, method: string): { code: ErrorCode; message: string } | null {
  if (!host.ledger || !isMethod(method) || ACCESS[method] === PUBLIC) return null;
  if (host.sessions.peek(caller.token) === undefined) return { code: 'UNAUTHENTICATED', message: '请先登录。' };
  return null;
}

function serveStatic(res: ServerResponse, root: string, pathname: string) {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    rel = '/';
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep)) return sendJson(res, 404, fail('INVALID_INPUT', '文件不存在。'));
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    return sendJson(res, 404, fail('INVALID_INPUT', '文件不存在。'));
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    'Content-Security-Policy':
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'",
  });
  createReadStream(file).pipe(res);
}
