import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { callApi, type ApiResult } from '../db/api/call';
import type { Ledger } from '../db/open';
import { localOperatorId } from '../db/reference/catalog';
import { handlePrint } from './print-routes';

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
  ledger: Ledger;
  /** Folder of the built renderer. */
  staticDir: string;
}

/**
 * The HTTP transport: the built renderer as static files and `POST /api/<method>` with JSON in and
 * the same `{ ok, data | error }` out as Electron IPC. Loopback only until accounts exist.
 */
export function createLedgerServer({ ledger, staticDir }: HttpOptions): Server {
  const userId = localOperatorId(ledger.db);
  return createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('[http]', err);
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', '服务器内部错误。'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!hostAllowed(req)) return sendJson(res, 421, fail('INVALID_INPUT', '访问地址不被允许。'));
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, fail('INVALID_INPUT', '接口只接受 POST 请求。'));
      if (!originAllowed(req)) return sendJson(res, 403, fail('INVALID_INPUT', '来源不被允许。'));
      const body = await readBody(req);
      if (body === 'too-large') return sendJson(res, 413, fail('INVALID_INPUT', '请求内容过大。'));
      let input: unknown;
      try {
        input = body.length === 0 ? undefined : JSON.parse(body);
      } catch {
        return sendJson(res, 400, fail('INVALID_INPUT', '请求内容不是有效的 JSON。'));
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      return sendJson(res, 200, await callApi({ ledger, userId }, method, input));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('INVALID_INPUT', '不支持的请求。'));
    if (url.pathname.startsWith('/print/') && handlePrint({ ledger, userId }, url, res)) return;
    return serveStatic(res, staticDir, url.pathname);
  }
}

function fail(code: 'INVALID_INPUT' | 'INTERNAL', message: string): ApiResult<never> {
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

/** Refuses DNS-rebinding: the page must be asked for by a loopback name. */
function hostAllowed(req: IncomingMessage): boolean {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/** A write from a browser must come from our own page. */
function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
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
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; font-src 'self' data:",
  });
  createReadStream(file).pipe(res);
}
