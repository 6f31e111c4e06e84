import { Worker } from 'node:worker_threads';
import { LedgerError } from '../db/errors';
import type { CellValue } from './read-table';

/** What an import reads at most: a catalogue of 20,000 rows, and the 500 columns a mapping can name. */
export const MAX_ROWS = 20_000;
export const MAX_COLUMNS = 500;
/** A workbook that takes longer than this to read is refused (the server goes on serving meanwhile). */
export const PARSE_TIMEOUT_MS = 20_000;
/** Memory the reading may take; a workbook that needs more is refused, the server is not touched. */
const WORKER_HEAP_MB = 512;

type Reply = { rows: CellValue[][] } | { problem: string };

/**
 * Reads the first worksheet that holds data, off the main thread: a workbook is parsed in a worker
 * with its own memory limit and a time limit, so no upload can stop other users' work. Only cells
 * that hold something are visited (a sheet's declared range can reach XFD1048576: one stray cell
 * there is 17 billion empty ones), and a value beyond MAX_ROWS × MAX_COLUMNS is refused, naming it.
 */
export function readXlsx(fileName: string, bytes: Buffer, timeoutMs = PARSE_TIMEOUT_MS): Promise<CellValue[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { bytes, fileName, exceljs: require.resolve('exceljs'), maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => settle(() => reject(refusal(`读取“${fileName}”超过 ${Math.round(timeoutMs / 1000)} 秒,已停止。文件可能过大,请删除多余的工作表或内容后再导入。`))), timeoutMs);
    worker.once('message', (m: Reply) => settle(() => ('rows' in m ? resolve(m.rows) : reject(refusal(m.problem)))));
    worker.once('error', (err) => {
      const memory = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(() => reject(refusal(memory ? `“${fileName}”过大,读取时所需内存超过 ${WORKER_HEAP_MB} MB,未导入。` : `无法读取“${fileName}”:${err.message}`)));
    });
  });
}

const refusal = (message: string) => new LedgerError('INVALID_INPUT', message);

/** The worker's body, plain JavaScript (a worker cannot load the app's TypeScript). */
const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const ExcelJS = require(workerData.exceljs);
  const { bytes, fileName, maxRows, maxColumns } = workerData;
  function cellValue(v) {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return v.trim() || null;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? '是' : '否';
    if (v instanceof Date) return v;
    if (typeof v === 'object') {
      if ('richText' in v) return v.richText.map((t) => t.text).join('').trim() || null;
      if ('result' in v) return cellValue(v.result);
      if ('text' in v) return String(v.text).trim() || null;
      if ('error' in v) return null;
    }
    return String(v);
  }
  (async () => {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(bytes));
    } catch {
      return parentPort.postMessage({ problem: '无法读取“' + fileName + '”:文件已损坏或不是 Excel 工作簿。' });
    }
    const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
    if (!sheet) return parentPort.postMessage({ problem: '“' + fileName + '”中没有数据。' });
    const found = [];
    let width = 0;
    let height = 0;
    let beyond = null;
    sheet.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        const value = cellValue(cell.value);
        if (value === null || beyond) return;
        if (r > maxRows || c > maxColumns) { beyond = cell.address; return; }
        found.push([r, c, value]);
        width = Math.max(width, c);
        height = Math.max(height, r);
      });
    });
    if (beyond) {
      return parentPort.postMessage({ problem: '工作表“' + sheet.name + '”的 ' + beyond + ' 单元格有内容,超出可导入的范围(最多 ' + maxRows + ' 行、' + maxColumns + ' 列)。请删除多余的内容后再导入。' });
    }
    const rows = Array.from({ length: height }, () => new Array(width).fill(null));
    for (const [r, c, v] of found) rows[r - 1][c - 1] = v;
    parentPort.postMessage({ rows });
  })();
`;
