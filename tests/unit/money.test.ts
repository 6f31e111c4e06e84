import { expect, test } from 'vitest';
import { rmbCapitals } from '../../db/print/money';

test('amounts in Chinese capitals as financial forms write them', () => {
  const cases: [number, string][] = [
    [0, '零元整'],
    [1, '壹分'],
    [10, '壹角整'],
    [100, '壹元整'],
    [123450, '壹仟贰佰叁拾肆元伍角整'],
    [100005, '壹仟元零伍分'],
    [1000000, '壹万元整'],
    [10010000, '壹拾万零壹佰元整'],
    [100000000, '壹佰万元整'],
    [1000000000000, '壹佰亿元整'],
    [12345678901, '壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元零壹分'],
    [1020, '壹拾元零贰角整'],
    [-500, '负伍元整'],
  ];
  expect(cases.map(([fen]) => rmbCapitals(fen))).toEqual(cases.map(([, text]) => text));
});
