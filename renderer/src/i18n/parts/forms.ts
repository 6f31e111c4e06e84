/** Strings of one part of the app, Simplified Chinese first and English after; zh-CN.ts and en.ts merge every part. */
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
