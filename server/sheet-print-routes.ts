import type { ServerResponse } from 'node:http';
import { callApi } from '../db/api/call';
import type { Context } from '../db/api/handler';

/** As the slip pages (print-routes.ts): our own scripts only, nothing from elsewhere. */
const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A query parameter as a positive whole number, or left out (the method's schema judges the rest). */
function num(q: URLSearchParams, name: string): Record<string, number> {
  const v = q.get(name);
  return v === null || v === '' ? {} : { [name]: Number(v) };
}
function str(q: URLSearchParams, name: string): Record<string, string> {
  const v = q.get(name);
  return v === null || v === '' ? {} : { [name]: v };
}

/**
 * Print addresses of the ledger's sheets in browser mode (a GET records nothing; these prints are
 * not recorded at all):
 *   GET /print/card?itemId=n[&from=ISO][&to=ISO][&storeId=n][&autoPrint=1]   物资台账
 *   GET /print/count-sheet[?storeId=n][&categoryId=n][&blind=1][&autoPrint=1]  盘点表 (盲盘 with blind=1)
 *   GET /print/delivery?roundId=n[&autoPrint=1]                               居民代购 入户配送单
 *   GET /print/labels?roundId=n[&autoPrint=1]                                 居民代购 配送标签
 */
export function handleSheetPrint(ctx: Context, url: URL, res: ServerResponse): boolean {
  const q = url.searchParams;
  const auto = q.get('autoPrint') === '1' ? { autoPrint: true } : {};
  let result;
  if (url.pathname === '/print/card') {
    result = callApi(ctx, 'print.card', { ...num(q, 'itemId'), ...str(q, 'from'), ...str(q, 'to'), ...num(q, 'storeId'), ...auto });
  } else if (url.pathname === '/print/count-sheet') {
    result = callApi(ctx, 'print.countSheet', { ...num(q, 'storeId'), ...num(q, 'categoryId'), ...(q.get('blind') === '1' ? { blind: true } : {}), ...auto });
  } else if (url.pathname === '/print/delivery') {
    result = callApi(ctx, 'print.deliverySheets', { ...num(q, 'roundId'), ...auto });
  } else if (url.pathname === '/print/labels') {
    result = callApi(ctx, 'print.deliveryLabels', { ...num(q, 'roundId'), ...auto });
  } else {
    return false;
  }
  if (!result.ok) {
    res.writeHead(result.error.code === 'NOT_FOUND' ? 404 : result.error.code === 'FORBIDDEN' ? 403 : 400, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PRINT_CSP });
    res.end(`<!doctype html><meta charset="utf-8"><title>无法打印</title><p style="font:16px sans-serif;margin:2em">无法打印:${esc(result.error.message)}</p>`);
    return true;
  }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': PRINT_CSP });
  res.end(result.data.html);
  return true;
}
