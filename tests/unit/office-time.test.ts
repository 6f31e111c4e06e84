import { expect, test } from 'vitest';
import { officeInstant } from '../../renderer/src/shared/format';
import { expiryWarnings, type DatedLine } from '../../renderer/src/features/receipts/expiry';

test('a typed document time keeps its seconds, in the office zone whatever the machine zone', () => {
  expect(officeInstant('2026-12-01', '10:00:07', 'Asia/Shanghai')).toBe('2026-12-01T02:00:07.000Z');
  expect(officeInstant('2026-12-01', '10:00', 'Asia/Shanghai')).toBe('2026-12-01T02:00:00.000Z');
  expect(officeInstant('2026-07-01', '10:00:30', 'Europe/Berlin')).toBe('2026-07-01T08:00:30.000Z');
  expect(officeInstant('2026-01-01', '00:00:59', 'Asia/Shanghai')).toBe('2025-12-31T16:00:59.000Z');
});

test('receiving a batch that has expired or expires soon is named line by line before posting', () => {
  const item = (name: string) => ({ name });
  const lines: (DatedLine & { key: number })[] = [
    { key: 1, item: item('医用外科口罩'), qty: '100' },
    { key: 2, item: item('核酸检测试剂'), qty: '10', batchNo: 'R1', expiryDate: '2026-11-29' },
    { key: 3, item: item('核酸检测试剂'), qty: '10', batchNo: 'R2', expiryDate: '2026-12-01' },
    { key: 4, item: item('牛奶'), qty: '10', expiryDate: '2026-12-31' },
    { key: 5, item: item('鸡蛋'), qty: '10', expiryDate: '2027-01-01' },
    { key: 6, qty: '' },
  ];
  expect(expiryWarnings(lines, '2026-12-01', 30)).toEqual([
    '第 2 行 核酸检测试剂 批号 R1 有效期 2026-11-29:已过期 2 天',
    '第 3 行 核酸检测试剂 批号 R2 有效期 2026-12-01:今天到期',
    '第 4 行 牛奶 有效期 2026-12-31:30 天后到期(临近效期 30 天内)',
  ]);
});
