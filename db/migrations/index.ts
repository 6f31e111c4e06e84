import type { Database } from 'better-sqlite3';
import { up as initial } from './0001-initial';
import { up as printLog } from './0002-print-log';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** Static, ordered list: no folder scanning (it breaks inside an asar bundle). Versions only go up. */
export const migrations: readonly Migration[] = [
  { version: 1, name: '0001-initial', up: initial },
  { version: 2, name: '0002-print-log', up: printLog },
];

export const latestVersion = migrations[migrations.length - 1].version;
