import type { Database } from 'better-sqlite3';
import { up as initial } from './0001-initial';
import { up as printLog } from './0002-print-log';
import { up as dailyReports } from './0003-daily-reports';
import { up as loanIndex } from './0004-loan-index';
import { up as auditLog } from './0005-audit-log';
import { up as accounts } from './0006-accounts';
import { up as reportTemplates } from './0007-report-templates';
import { up as periodIndex } from './0008-period-index';
import { up as postingWrites } from './0009-posting-writes';
import { up as holdingsIndex } from './0010-holdings-index';
import { up as holdings } from './0011-holdings';
import { up as loginFailures } from './0012-login-failures';
import { up as catalogVersion } from './0013-catalog-version';
import { up as reportDays } from './0014-report-days';
import { up as loanDue } from './0015-loan-due';
import { up as itemUnits } from './0016-item-units';
import { rebuilds as storeMovesRebuild, up as storeMoves } from './0017-store-moves';
import { rebuilds as residentRoundsRebuild, up as residentRounds } from './0018-resident-rounds';
import { up as roundSettlement } from './0019-round-settlement';
import { rebuilds as roundPrivacyRebuild, up as roundPrivacy } from './0020-round-privacy';
import { up as freeDistribution } from './0021-free-distribution';
import { up as officeKey } from './0022-office-key';
import { up as districtInbox } from './0023-district-inbox';
import { up as donations } from './0024-donations';
import { up as allocations } from './0025-allocations';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
  /** Rebuilds a table: runs with foreign-key enforcement off (checked before its commit). */
  rebuilds?: boolean;
}

/** Static, ordered list: no folder scanning (it breaks inside an asar bundle). Versions only go up. */
export const migrations: readonly Migration[] = [
  { version: 1, name: '0001-initial', up: initial },
  { version: 2, name: '0002-print-log', up: printLog },
  { version: 3, name: '0003-daily-reports', up: dailyReports },
  { version: 4, name: '0004-loan-index', up: loanIndex },
  { version: 5, name: '0005-audit-log', up: auditLog },
  { version: 6, name: '0006-accounts', up: accounts },
  { version: 7, name: '0007-report-templates', up: reportTemplates },
  { version: 8, name: '0008-period-index', up: periodIndex },
  { version: 9, name: '0009-posting-writes', up: postingWrites },
  { version: 10, name: '0010-holdings-index', up: holdingsIndex },
  { version: 11, name: '0011-holdings', up: holdings },
  { version: 12, name: '0012-login-failures', up: loginFailures },
  { version: 13, name: '0013-catalog-version', up: catalogVersion },
  { version: 14, name: '0014-report-days', up: reportDays },
  { version: 15, name: '0015-loan-due', up: loanDue },
  { version: 16, name: '0016-item-units', up: itemUnits },
  { version: 17, name: '0017-store-moves', up: storeMoves, rebuilds: storeMovesRebuild },
  { version: 18, name: '0018-resident-rounds', up: residentRounds, rebuilds: residentRoundsRebuild },
  { version: 19, name: '0019-round-settlement', up: roundSettlement },
  { version: 20, name: '0020-round-privacy', up: roundPrivacy, rebuilds: roundPrivacyRebuild },
  { version: 21, name: '0021-free-distribution', up: freeDistribution },
  { version: 22, name: '0022-office-key', up: officeKey },
  { version: 23, name: '0023-district-inbox', up: districtInbox },
  { version: 24, name: '0024-donations', up: donations },
  { version: 25, name: '0025-allocations', up: allocations },
];

export const latestVersion = migrations[migrations.length - 1].version;
