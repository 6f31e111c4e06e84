import type { ServerResponse } from 'node:http';
import { callApi } from '../db/api/call';
import type { Context } from '../db/api/handler';

const AUTO_PRINT = "window.addEventListener('load', function () { setTimeout(function () { window.print(); }, 200); });\n";
const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; frame-ancestors 'none'";
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Stable print addresses for browser mode:
 *   GET /print/slip/<docId>?paper=a4|a5|241x93|241x140[&copies=n][&printNo=n][&preview=1]
 *   GET /print/slips?date=YYYY-MM-DD[&checkpointId=n][&paper=…][&preview=1]
 * A GET never records anything: the screen records the print first (POST print.slip / print.slips)
 * and then opens the page, which shows that print's number (补打 after the first) and, unless it is a
 * preview, opens the browser's print dialog.
 */
export function handlePrint(ctx: Context, url: URL, res: ServerResponse): boolean {
  if (url.pathname === '/print/auto-print.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(AUTO_PRINT);
    return true;
  }
  const one = /^\/print\/slip\/(\d{1,10})$/.exec(url.pathname);
  if (!one && url.pathname !== '/print/slips') return false;
  const q = url.searchParams;
  const preview = q.get('preview') === '1';
  const common = {
    ...(q.get('paper') ? { paper: q.get('paper') } : {}),
    ...(q.get('copies') ? { copies: Number(q.get('copies')) } : {}),
    preview: true,
    autoPrint: !preview,
  };
  const result = one
    ? callApi(ctx, 'print.slip', { documentId: Number(one[1]), ...common, ...(q.get('printNo') ? { printNo: Number(q.get('printNo')) } : {}) })
    : callApi(ctx, 'print.slips', { date: q.get('date') ?? '', ...(q.get('checkpointId') ? { checkpointId: Number(q.get('checkpointId')) } : {}), ...common });
  if (!result.ok) {
    res.writeHead(result.error.code === 'NOT_FOUND' ? 404 : 400, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PRINT_CSP });
    res.end(`<!doctype html><meta charset="utf-8"><title>无法打印</title><p style="font:16px sans-serif;margin:2em">无法打印:${esc(result.error.message)}</p>`);
    return true;
  }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': PRINT_CSP });
  res.end(result.data.html);
  return true;
}
