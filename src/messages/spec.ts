// The ten PBoC five-area messages (金融“五篇大文章”专项贷款信息采集规范 V1.0, reference/pboc-2025/FIELDS.md):
// each message's report code, area, stock or flow, summary rows and field layout, and how its loan rows map to
// the columns of loan-file-v2. Pure data.
import {
  DIGITAL_CORE,
  INCLUSIVE_FLAGS,
  PENSION_TYPES,
  TECH_HTP,
  TECH_HTS,
  TECH_IPI,
  TECH_SEI,
} from '../loans/spec.codes.ts';

export type MessageArea = 'tech' | 'green' | 'inclusive' | 'pension' | 'digital';
export type MessageKind = 'stock' | 'flow';

/**
 * How a field is typed and when it is filled: `cat` 字段类别; `amount` D20.2, `rate` D10.5, `count` I..20 (summary
 * rows only); `text` C..n (loan rows); `flag` 1/0; `code` one of `codes`; `biz` 业务类别; `empty` 备用 or discontinued.
 */
export type FieldType = 'cat' | 'amount' | 'rate' | 'count' | 'text' | 'flag' | 'code' | 'biz' | 'empty';

export interface MessageField {
  name: string;
  type: FieldType;
  /** C..n: the most bytes (UTF-8). */
  max?: number;
  codes?: readonly string[];
  /** For a `code` field: the flag field that must be 1 exactly when the code is filled (科技, 数字核心). */
  flag?: string;
}

/** A summary row (字段类别) and the loans it sums: those where `when` (SQL over the joined message row) holds. */
export interface SummaryRow {
  code: string;
  when: string;
}

export interface MessageSpec {
  /** Report code and table-name string, e.g. HDACLKJDK. */
  code: string;
  name_zh: string;
  area: MessageArea;
  kind: MessageKind;
  /** Summary rows in the order they must come; [] for 绿色 and 普惠 (no 字段类别 column). */
  summary: readonly SummaryRow[];
  /** The 字段类别 of a loan row (T13 or T99), null when the message has no 字段类别. */
  loanMarker: string | null;
  /** Whether 业务类别 C02 (个人贷款) is allowed. */
  allowsC02: boolean;
  fields: readonly MessageField[];
}

const text = (name: string, max: number): MessageField => ({ name, type: 'text', max });
const flag = (name: string): MessageField => ({ name, type: 'flag' });
const code = (name: string, codes: Readonly<Record<string, string>>, flagName?: string): MessageField => ({
  name,
  type: 'code',
  codes: Object.keys(codes),
  ...(flagName ? { flag: flagName } : {}),
});

const SUMMARY_FIELDS = (countName: string): MessageField[] => [
  { name: '字段类别', type: 'cat' },
  { name: '贷款汇总金额', type: 'amount' },
  { name: '贷款汇总加权平均利率', type: 'rate' },
  { name: countName, type: 'count' },
];
const KEYS: MessageField[] = [
  text('金融机构代码', 18),
  text('内部机构号', 30),
  text('贷款合同编码', 100),
  text('贷款借据编码', 100),
  text('票据编号', 100),
];
const TXN = text('交易流水号', 60);
const BIZ: MessageField = { name: '业务类别', type: 'biz' };
const RESERVED: MessageField[] = Array.from({ length: 10 }, (_, i) => ({
  name: `备用字段${i + 1}`,
  type: 'empty',
}));

const TECH_FIELDS: MessageField[] = [
  { name: '是否国家技术创新示范企业贷款', type: 'empty' },
  { name: '是否制造业单项冠军企业贷款', type: 'empty' },
  flag('是否高技术制造业贷款'),
  code('高技术制造业贷款类型', TECH_HTP, '是否高技术制造业贷款'),
  flag('是否高技术服务业贷款'),
  code('高技术服务业贷款类型', TECH_HTS, '是否高技术服务业贷款'),
  flag('是否战略性新兴产业贷款'),
  code('战略性新兴产业贷款类型', TECH_SEI, '是否战略性新兴产业贷款'),
  flag('是否知识产权（专利）密集型产业贷款'),
  code('知识产权（专利）密集型产业贷款类型', TECH_IPI, '是否知识产权（专利）密集型产业贷款'),
];
/** The seven 普惠 flags, in the order of the message and of loan-file-v2's INCLUSIVE_FLAGS. */
export const INCLUSIVE_FIELDS = [
  '是否单户授信小于1000万元的小微型企业贷款',
  '是否单户授信小于1000万元的个体工商户经营性贷款',
  '是否单户授信小于1000万元的小微企业主经营性贷款',
  '是否单户授信小于500万元的农户经营性贷款',
  '是否创业担保贷款',
  '是否助学贷款',
  '是否原建档立卡贫困人口消费贷款',
] as const;
if (INCLUSIVE_FIELDS.length !== INCLUSIVE_FLAGS.length) throw new Error('普惠 flags out of step');
const PENSION_FIELDS: MessageField[] = [
  code('养老产业贷款类型', PENSION_TYPES),
  flag('是否全国养老机构贷款'),
];
const DIGITAL_FIELDS: MessageField[] = [
  flag('是否数字经济核心产业贷款'),
  code('数字经济核心产业贷款类型', DIGITAL_CORE, '是否数字经济核心产业贷款'),
  flag('是否数字化效率提升业贷款'),
];

const TECH_SUMMARY: SummaryRow[] = [
  { code: 'T08', when: `"是否高技术制造业贷款" = '1'` },
  { code: 'T09', when: `"是否高技术服务业贷款" = '1'` },
  { code: 'T10', when: `"是否战略性新兴产业贷款" = '1'` },
  { code: 'T11', when: `"是否知识产权（专利）密集型产业贷款" = '1'` },
  {
    code: 'T12',
    when: `'1' IN ("是否高技术制造业贷款", "是否高技术服务业贷款", "是否战略性新兴产业贷款", "是否知识产权（专利）密集型产业贷款")`,
  },
];
const PENSION_SUMMARY: SummaryRow[] = [
  { code: 'T01', when: 'true' },
  { code: 'T02', when: `"是否全国养老机构贷款" = '1'` },
];
const DIGITAL_SUMMARY: SummaryRow[] = [
  { code: 'T01', when: `"是否数字经济核心产业贷款" = '1'` },
  ...['DE01', 'DE02', 'DE03', 'DE04'].map((de, i) => ({
    code: `T0${i + 2}`,
    when: `"是否数字经济核心产业贷款" = '1' AND "数字经济核心产业贷款类型" = '${de}'`,
  })),
  { code: 'T06', when: `"是否数字化效率提升业贷款" = '1'` },
];

function message(
  code: string,
  name_zh: string,
  area: MessageArea,
  kind: MessageKind,
  body: MessageField[],
): MessageSpec {
  const flow = kind === 'flow';
  const keys = flow && area !== 'tech' ? [...KEYS, TXN] : KEYS;
  const tail = flow && area === 'tech' ? [TXN, BIZ] : [BIZ];
  const withSummary = area === 'tech' || area === 'pension' || area === 'digital';
  const summary = area === 'tech' ? TECH_SUMMARY : area === 'pension' ? PENSION_SUMMARY : DIGITAL_SUMMARY;
  return {
    code,
    name_zh,
    area,
    kind,
    summary: withSummary ? summary : [],
    loanMarker: area === 'tech' ? 'T13' : withSummary ? 'T99' : null,
    allowsC02: area !== 'tech' && area !== 'digital',
    fields: [
      ...(withSummary ? SUMMARY_FIELDS(area === 'pension' ? '贷款汇总户数' : '贷款汇总获贷企业数量') : []),
      ...keys,
      ...body,
      ...tail,
      ...RESERVED,
    ],
  };
}

/** The ten messages, stock before flow within each area. */
export const MESSAGES: readonly MessageSpec[] = [
  message('HDACLKJDK', '存量科技贷款信息', 'tech', 'stock', TECH_FIELDS),
  message('HDAKJDKFS', '科技贷款发生额信息', 'tech', 'flow', TECH_FIELDS),
  message('HDACLLSDK', '存量绿色贷款信息', 'green', 'stock', []),
  message('HDALSDKFS', '绿色贷款发生额信息', 'green', 'flow', []),
  message('HDACLPHDK', '存量普惠贷款信息', 'inclusive', 'stock', INCLUSIVE_FIELDS.map(flag)),
  message('HDAPHDKFS', '普惠贷款发生额信息', 'inclusive', 'flow', INCLUSIVE_FIELDS.map(flag)),
  message('HDACLYLDK', '存量养老产业贷款信息', 'pension', 'stock', PENSION_FIELDS),
  message('HDAYLDKFS', '养老产业贷款发生额信息', 'pension', 'flow', PENSION_FIELDS),
  message('HDACLSZDK', '存量数字经济产业贷款信息', 'digital', 'stock', DIGITAL_FIELDS),
  message('HDASZDKFS', '数字经济产业贷款发生额信息', 'digital', 'flow', DIGITAL_FIELDS),
];

const FIELD_COUNTS: Record<string, number> = {
  HDACLKJDK: 30,
  HDAKJDKFS: 31,
  HDACLLSDK: 16,
  HDALSDKFS: 17,
  HDACLPHDK: 23,
  HDAPHDKFS: 24,
  HDACLYLDK: 22,
  HDAYLDKFS: 23,
  HDACLSZDK: 23,
  HDASZDKFS: 24,
};
for (const m of MESSAGES)
  if (m.fields.length !== FIELD_COUNTS[m.code]) throw new Error(`${m.code}: ${m.fields.length} fields`);

const BY_CODE = new Map(MESSAGES.map((m) => [m.code, m]));

/** The message of a report code, or undefined. */
export function messageSpec(code: string): MessageSpec | undefined {
  return BY_CODE.get(code);
}

/** `<机构代码>_<报文>_<YYYYMMDD>.dat` (§2.3): the parts of a data file's name, or null. */
export function parseDatName(
  name: string,
): { institution: string; message: MessageSpec; date: string; period: string } | null {
  const m = /^([0-9A-Za-z]{1,18})_([A-Z]{9})_(\d{4})(\d{2})(\d{2})\.dat$/.exec(name);
  const spec = m ? BY_CODE.get(m[2] ?? '') : undefined;
  if (!m || !spec) return null;
  const [, institution = '', , y = '', mo = '', d = ''] = m;
  const last = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) !== last) return null;
  return { institution, message: spec, date: `${y}${mo}${d}`, period: `${y}-${mo}` };
}

/** The data file name of a message for an institution and period (YYYY-MM). */
export function datName(institution: string, code: string, period: string): string {
  const [y = 0, m = 0] = period.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${institution}_${code}_${period.replace('-', '')}${String(last).padStart(2, '0')}.dat`;
}
