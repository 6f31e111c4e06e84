import type { IncomingMessage, ServerResponse } from 'node:http';
import { callApi } from '../db/api/call';
import type { Context } from '../db/api/handler';
import { PRINT_PAGE_SCRIPT } from './print-page-script';
import { handleSheetPrint } from './sheet-print-routes';

const AUTO_PRINT = "window.addEventListener('load', function () { setTimeout(function () { window.print(); }, 200); });\n";
const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const SCRIPTS: Record<string, string> = { '/print/auto-print.js': AUTO_PRINT, '/print/print-page.js': PRINT_PAGE_SCRIPT };

/** Whether a refused print address was asked for by a browser tab (the address bar, a bookmark): it gets a page, not JSON. */
export const wantsPage = (req: Pick<IncomingMessage, 'headers'>) => req.headers['sec-fetch-dest'] === 'document' || /text\/html/.test(req.headers.accept ?? '');

/** A refused print address as a page a clerk can read: what happened, what to do, and the way back to the app. */
export function refusalPage(res: ServerResponse, status: 401 | 403, reason: 'login' | 'source'): void {
  const [title, text] = reason === 'login'
    ? ['请先登录', '打印页要先登录才能打开。请回到物资保障台账登录,再在相应页面点“打印”。']
    : ['请从软件里打开打印页', '打印页只能从物资保障台账的页面里打开(在地址栏直接输入、或从其他网站点开的打印地址不被接受,以防他人冒用)。请回到物资保障台账,在相应页面点“打印”。'];
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': PRINT_CSP });
  res.end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${esc(title)}</title>
<div style="font:16px/1.7 sans-serif;max-width:40em;margin:3em auto;padding:0 1em"><h1 style="font-size:20px">${esc(title)}</h1><p>${esc(text)}</p><p><a href="/">返回物资保障台账</a></p></div></html>`);
}

/**
 * Stable print addresses for browser mode:
 *   GET /print/slip/<单号 or docId>?paper=a4|a5|241x93|241x140[&copies=n][&printNo=n][&preview=1]
 *   GET /print/slips?date=YYYY-MM-DD[&checkpointId=n][&paper=…][&printed=1][&preview=1]
 * A GET never records anything. Opened by itself, a page shows the slip as the next print will look
 * and an on-screen 打印 button, which records the print (POST print.slip / print.slips) and then
 * opens that print's page (`printNo`, or `printed=1` for a day), which prints itself.
 */
export function handlePrint(ctx: Context, url: URL, res: ServerResponse): boolean {
  const script = SCRIPTS[url.pathname];
  if (script) {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(script);
    return true;
  }
  if (handleSheetPrint(ctx, url, res)) return true;
  const one = /^\/print\/slip\/([A-Za-z0-9-]{1,30})$/.exec(url.pathname);
  if (!one && url.pathname !== '/print/slips') return false;
  const q = url.searchParams;
  const preview = q.get('preview') === '1';
  const common = {
    ...(q.get('paper') ? { paper: q.get('paper') } : {}),
    ...(q.get('copies') ? { copies: Number(q.get('copies')) } : {}),
    preview: true,
  };
  // A page of a recorded print prints itself; any other page waits for its 打印 button.
  const recorded = q.has('printNo') || q.get('printed') === '1';
  const mode = preview ? {} : recorded ? { autoPrint: true } : { confirm: true, view: 'next' };
  const slip = one && (/^\d+$/.test(one[1]) ? { documentId: Number(one[1]) } : { number: one[1] });
  const result = slip
    ? callApi(ctx, 'print.slip', { ...slip, ...common, ...mode, ...(q.get('printNo') ? { printNo: Number(q.get('printNo')) } : {}) })
    : callApi(ctx, 'print.slips', { date: q.get('date') ?? '', ...(q.get('checkpointId') ? { checkpointId: Number(q.get('checkpointId')) } : {}), ...common, ...mode, ...(recorded && !preview ? { view: 'last' } : {}) });
  if (!result.ok) {
    res.writeHead(result.error.code === 'NOT_FOUND' ? 404 : 400, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PRINT_CSP });
    res.end(`<!doctype html><meta charset="utf-8"><title>无法打印</title><p style="font:16px sans-serif;margin:2em">无法打印:${esc(result.error.message)}</p>`);
    return true;
  }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': PRINT_CSP });
  res.end(result.data.html);
  return true;
}
