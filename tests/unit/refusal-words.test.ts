import { expect, test } from 'vitest';
import { refusalText } from '../../renderer/src/i18n/error-words';
import { rememberLanguage } from '../../renderer/src/i18n/translate';

test('a refusal keeps the ledger’s own Chinese words; in English mode it is headed by what its code means', () => {
  const said = '医用外科口罩 库存不足:现有 120 只,申请 200 只';
  rememberLanguage('zh-CN');
  expect(refusalText('INSUFFICIENT_STOCK', said)).toBe(said);
  rememberLanguage('en');
  expect(refusalText('INSUFFICIENT_STOCK', said)).toBe(`Not enough stock: ${said}`);
  expect(refusalText('SOMETHING_NEW', said)).toBe(said);
  rememberLanguage('zh-CN');
});
