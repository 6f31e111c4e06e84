/** Strings of one part of the app, Simplified Chinese first and English after; zh-CN.ts and en.ts merge every part. */
export const zh = {
  'district.unitCode': '区划代码',
  'district.unitCodeHint': '12 位行政区划代码,或 18 位统一社会信用代码;写在报送给上级的数据包里。',
  'district.unitCodeFormat': '区划代码应为 12 位数字(或 18 位统一社会信用代码)',
  'district.superior': '上级单位',
  'district.superiorExample': '如 西湖区疫情防控指挥部',
  'district.fingerprint': '数据包签名指纹',
  'district.fingerprintHint': '每份报送的日报都可导出签名的数据包(.slpkg),上级汇总时据此核对;请把指纹电话告知上级一次。',
  'district.noKey': '尚未生成签名密钥',
  'district.createKey': '生成签名密钥',
  'district.keyCreated': '已生成签名密钥',
  'district.package': '数据包',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'district.unitCode': 'Unit code',
  'district.unitCodeHint': 'The 12-digit administrative division code, or the 18-character unified social credit code; it is written in the packages sent to the superior.',
  'district.unitCodeFormat': 'A unit code has 12 digits (or 18 characters for a credit code)',
  'district.superior': 'Superior unit',
  'district.superiorExample': 'e.g. the district epidemic command',
  'district.fingerprint': 'Package signing fingerprint',
  'district.fingerprintHint': 'Every submitted daily report can be exported as a signed package (.slpkg) the superior checks when merging; read this fingerprint out to them once.',
  'district.noKey': 'No signing key yet',
  'district.createKey': 'Create signing key',
  'district.keyCreated': 'Signing key created',
  'district.package': 'Package',
};
