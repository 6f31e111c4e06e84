import { pinyin } from 'pinyin-pro';

/** Full pinyin without tones or spaces, and initials, both lower-case: 口罩 → kouzhao / kz. */
export function pinyinKeys(text: string): { pinyin: string; initials: string } {
  const full = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const first = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const clean = (parts: string[]) => parts.join('').toLowerCase().replace(/\s+/g, '');
  return { pinyin: clean(full), initials: clean(first) };
}
