/** `npm run demo -- --data <dir>`: a fictional office with a week of work, for newcomers. */
import { holdFolder } from '../db/host/folder-lock';
import { openLedger } from '../db/open';
import { defaultDataDir, parseFlags } from '../server/paths';
import { buildDemo } from './demo-data';

const flags = parseFlags(process.argv.slice(2));
const dir = flags.get('data') ?? defaultDataDir();
let lock: ReturnType<typeof holdFolder>;
try {
  lock = holdFolder(dir, '物资保障台账演示数据生成(npm run demo)');
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const ledger = openLedger(dir);
try {
  const existing = (ledger.db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
  if (existing > 0) {
    console.error(`数据文件夹 ${dir} 中的台账已有 ${existing} 张单据,演示数据不会覆盖它。请用 --data 指定一个新的文件夹。`);
    process.exitCode = 1;
  } else {
    const { documents } = buildDemo(ledger);
    console.log(`演示台账已生成 demo ledger ready: ${dir}`);
    console.log(`  单据 documents: ${documents}`);
    console.log(`  运行 run: npm run serve -- --data "${dir}"`);
  }
} finally {
  ledger.close();
  lock.release();
}
