import type { MessageKey } from '../i18n';

export const docTypeKey = (type: string) => `doc.${type}` as MessageKey;
export const sourceTypeKey = (type: string) => `source.${type}` as MessageKey;
