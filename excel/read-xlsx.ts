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

/** A superior's form is a page or two: more than this is not a form, and filling it would stall the server. */
export const MAX_FORM_ROWS = 5_000;
export const MAX_FORM_COLUMNS = 200;

type Task = { task: 'table'; maxRows: number; maxColumns: number } | { task: 'form'; maxRows: number; maxColumns: number };
type Reply = { rows: CellValue[][] } | { fits: true } | { problem: string };

/**
 * Reads the first worksheet that holds data, off the main thread: a workbook is parsed in a worker
 * with its own memory limit and a time limit, so no upload can stop other users' work. Only cells
 * that hold something are visited (a sheet's declared range can reach XFD1048576: one stray cell
 * there is 17 billion empty ones), and a value beyond MAX_ROWS × MAX_COLUMNS is refused, naming it.
 */
export async function readXlsx(fileName: string, bytes: Buffer, timeoutMs = PARSE_TIMEOUT_MS): Promise<CellValue[][]> {
  const reply = await inWorker(fileName, bytes, { task: 'table', maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS }, timeoutMs);
  return 'rows' in reply ? reply.rows : [];
}

/**
 * Checks, off the main thread and within the same limits, that a workbook is a form that can be
 * read and filled on it: every sheet's used range (styled empty cells included, since filling
 * copies them row by row) within MAX_FORM_ROWS × MAX_FORM_COLUMNS.
 */
export async function screenForm(fileName: string, bytes: Buffer, timeoutMs = PARSE_TIMEOUT_MS): Promise<void> {
  await inWorker(fileName, bytes, { task: 'form', maxRows: MAX_FORM_ROWS, maxColumns: MAX_FORM_COLUMNS }, timeoutMs);
}

function inWorker(fileName: string, bytes: Buffer, task: Task, timeoutMs: number): Promise<Exclude<Reply, { problem: string }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { bytes, fileName, exceljs: require.resolve('exceljs'), ...task },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => settle(() => reject(refusal(`读取“${fileName}”超过 ${Math.round(timeoutMs / 1000)} 秒,已停止。文件可能过大,请删除多余的工作表或内容后再试。`))), timeoutMs);
    worker.once('message', (m: Reply) => settle(() => ('problem' in m ? reject(refusal(m.problem)) : resolve(m))));
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
  const { bytes, fileName, task, maxRows, maxColumns } = workerData;
  function columnName(n) {
    let s = '';
    for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  }
  function screenForm(workbook) {
    for (const ws of workbook.worksheets) {
      if (ws.rowCount > maxRows) return '工作表“' + ws.name + '”用到第 ' + ws.rowCount + ' 行,超出模板的范围(最多 ' + maxRows + ' 行、' + maxColumns + ' 列)。请删除多余的行后再上传。';
      if (ws.columnCount > maxColumns) return '工作表“' + ws.name + '”用到 ' + columnName(ws.columnCount) + ' 列,超出模板的范围(最多 ' + maxRows + ' 行、' + maxColumns + ' 列)。请删除多余的列后再上传。';
    }
    return null;
  }
  function cellValue(v) {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return v.trim() || null;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? '是' : '否';
    if (v instanceof Date) return v;
    if (typeof v === 'object') {
      if ('richText' in v) return v.richText.map((t) => t.text).join('').trim() || null;
      // A formula gives its cached result; one saved without it (exceljs, some generators) is empty, not "[object Object]".
      if ('formula' in v || 'sharedFormula' in v || 'result' in v) return v.result === undefined ? null : cellValue(v.result);
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
      const form = task === 'form' ? '请上传 Excel 2007 及以上版本的 .xlsx 文件(.xls 请先另存为 .xlsx)。' : '文件已损坏或不是 Excel 工作簿。';
      return parentPort.postMessage({ problem: '无法读取“' + fileName + '”:' + form });
    }
    if (task === 'form') {
      const problem = screenForm(workbook);
      return parentPort.postMessage(problem ? { problem: '“' + fileName + '”' + problem } : { fits: true });
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
