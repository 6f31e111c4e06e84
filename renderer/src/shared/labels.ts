import type { Role } from '../../../db/schema';
import type { Translate } from '../i18n/translate';
import type { MessageKey } from '../i18n/zh-CN';
import { zh as stored } from '../i18n/parts/vocab';

export const docTypeKey = (type: string) => `doc.${type}` as MessageKey;
export const sourceTypeKey = (type: string) => `source.${type}` as MessageKey;
/** A role's name (the roles of db/auth/access.ts). */
export const roleKey = (role: Role) => `role.${role}` as const satisfies MessageKey;

/** A word the ledger stores in Chinese (i18n/parts/vocab.ts): the catalog's Chinese is the stored value itself. */
export type StoredKey = keyof typeof stored;
export const storedWord = <K extends StoredKey>(key: K): (typeof stored)[K] => stored[key];
/** A stored word in the screen's language; one the catalog does not know (typed before, or data) is shown as it is. */
export function storedLabel(t: Translate, keys: readonly StoredKey[], word: string): string {
  const key = keys.find((k) => stored[k] === word);
  return key ? t(key) : word;
}

/** 点位 types in the order db/reference/places.ts lists them (and the API accepts them). */
export const CHECKPOINT_TYPE_KEYS = ['place.sampling', 'place.monitoring', 'place.gate', 'place.quarantine', 'place.community', 'place.estate', 'place.elderCare', 'place.other'] as const;
/** The kind at the head of a loss reason ("破损:运输挤压"). */
export const LOSS_KIND_KEYS = ['loss.expired', 'loss.damaged', 'loss.mouldy', 'loss.other'] as const;
