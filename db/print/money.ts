const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿', '万亿'];

/** An amount in fen written in Chinese capitals, as on a financial form: 1234.50 → 壹仟贰佰叁拾肆元伍角整. */
export function rmbCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error('amount must be an integer number of fen');
  if (fen === 0) return '零元整';
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const jiao = Math.floor(abs / 10) % 10;
  const fenDigit = abs % 10;
  let text = '';
  if (yuan > 0) text = integerCapitals(yuan) + '元';
  if (jiao === 0 && fenDigit === 0) return (negative ? '负' : '') + text + '整';
  if (jiao > 0) text += (yuan > 0 && yuan % 10 === 0 ? '零' : '') + DIGITS[jiao] + '角';
  else if (yuan > 0) text += '零';
  if (fenDigit > 0) text += DIGITS[fenDigit] + '分';
  else text += '整';
  return (negative ? '负' : '') + text;
}

function integerCapitals(n: number): string {
  const sections: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 10000)) sections.push(v % 10000);
  let out = '';
  let needZero = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const sec = sections[i];
    if (sec === 0) {
      needZero = out !== '';
      continue;
    }
    if (needZero || (out !== '' && sec < 1000)) out += '零';
    out += sectionCapitals(sec) + SECTIONS[i];
    needZero = false;
  }
  return out;
}

function sectionCapitals(n: number): string {
  let out = '';
  let zero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    out += DIGITS[d] + UNITS[pos];
    zero = false;
  }
  return out;
}

/** "¥96.00" from 9600 fen, without floating point. */
export function yuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
