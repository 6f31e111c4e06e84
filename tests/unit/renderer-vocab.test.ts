import { expect, test } from 'vitest';
import { ROLE_LABELS } from '../../db/auth/access';
import { OPENING_SOURCE } from '../../db/import/commit';
import { CHECKPOINT_TYPES } from '../../db/reference/places';
import { zh as stored } from '../../renderer/src/i18n/parts/vocab';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { CHECKPOINT_TYPE_KEYS } from '../../renderer/src/shared/labels';

// The catalog's Chinese for these is what the ledger stores or says: the screens send it and read it back.
test('the words the ledger stores, and its role names, are the catalog’s Chinese', () => {
  expect(CHECKPOINT_TYPE_KEYS.map((k) => stored[k])).toEqual([...CHECKPOINT_TYPES]);
  expect(stored['source.opening']).toBe(OPENING_SOURCE);
  for (const [role, label] of Object.entries(ROLE_LABELS)) expect([role, zhCN[`role.${role}` as keyof typeof zhCN]]).toEqual([role, label]);
});
