// The plan as data: parses the 17 measures of 渝府办发〔2025〕45号 — section, title, full text and the
// responsible units (责任单位) exactly as listed — from the plan's text. Pure: text in, data out.

export interface PlanSection {
  no: number;
  /** e.g. '二、加大金融“五篇大文章”重点领域支持力度' without the numeral. */
  title: string;
}

export interface PlanMeasure {
  /** 1…17 */
  no: number;
  /** As printed: '（一）' … '（十七）' (normalised to full-width brackets). */
  label: string;
  section_no: number;
  section_title: string;
  /** The first sentence, without its full stop. */
  title: string;
  /** The whole measure, title sentence included, without the 责任单位 clause; page breaks removed. */
  text: string;
  /** Responsible units in the order the plan lists them. */
  units: string[];
  /** Lead units: those named before 牵头 in the text, else the first-listed unit (the plan's convention). */
  lead_units: string[];
}

const NUMERALS = '一二三四五六七八九十';

/** '一' → 1, '十' → 10, '十七' → 17, '二十' → 20; null when not a numeral below 100. */
export function chineseNumeral(s: string): number | null {
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || s === '') return null;
  const [, a = '', ten = '', b = ''] = m;
  if (!ten) return a && !b ? NUMERALS.indexOf(a) + 1 : null;
  return (a ? NUMERALS.indexOf(a) + 1 : 1) * 10 + (b ? NUMERALS.indexOf(b) + 1 : 0);
}

/** Page breaks in the published text are runs of three or more blank lines, even inside a word: join them. */
export function joinPageBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t\u3000]*\n(?:[ \t\u3000]*\n){3,}[ \t\u3000]*/g, '');
}

const SECTION = /^([一二三四五六七八九十]+)、\s*(.+)$/;
const MEASURE = /^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$/;
const UNITS = /[（(]\s*责\s*任\s*单\s*位\s*[：:]([^）)]+)[）)]\s*$/;

/** Splits a 责任单位 list on the plan's separators (、，,；). */
export function splitUnits(list: string): string[] {
  return list
    .split(/[、，,；;]/)
    .map((u) => u.replace(/\s+/g, ''))
    .filter((u) => u.length > 0);
}

export interface ParseResult {
  sections: PlanSection[];
  measures: PlanMeasure[];
  /** Problems found (e.g. a measure without 责任单位); empty for a well-formed plan. */
  problems: string[];
}

/** Parses the plan's text into sections and measures. */
export function parsePlan(raw: string): ParseResult {
  const paragraphs = joinPageBreaks(raw)
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const sections: PlanSection[] = [];
  const measures: PlanMeasure[] = [];
  const problems: string[] = [];
  let section: PlanSection | null = null;
  let current: { no: number; section: PlanSection; body: string } | null = null;
  const flush = () => {
    if (!current) return;
    const body = current.body.trim();
    const m = UNITS.exec(body);
    const units = m ? splitUnits(m[1] ?? '') : [];
    if (!m) problems.push(`measure ${current.no}: no 责任单位 clause`);
    const text = (m ? body.slice(0, m.index) : body).trim();
    const stop = text.indexOf('。');
    const lead = /由(.+?)牵头/.exec(text);
    const leadUnits = lead ? splitUnits(lead[1] ?? '').filter((u) => units.includes(u)) : [];
    measures.push({
      no: current.no,
      label: measureLabel(current.no),
      section_no: current.section.no,
      section_title: current.section.title,
      title: stop >= 0 ? text.slice(0, stop) : text,
      text,
      units,
      lead_units: leadUnits.length > 0 ? leadUnits : units.slice(0, 1),
    });
    current = null;
  };
  for (const p of paragraphs) {
    const s = SECTION.exec(p);
    if (s && chineseNumeral(s[1] ?? '') !== null) {
      flush();
      section = { no: chineseNumeral(s[1] ?? '') ?? 0, title: (s[2] ?? '').trim() };
      sections.push(section);
      continue;
    }
    const mm = MEASURE.exec(p);
    const no = mm ? chineseNumeral(mm[1] ?? '') : null;
    if (mm && no !== null && section) {
      flush();
      current = { no, section, body: mm[2] ?? '' };
      continue;
    }
    if (current) current.body += p;
  }
  flush();
  measures.forEach((m, i) => {
    if (m.no !== i + 1) problems.push(`measure at position ${i + 1} is numbered ${m.no}`);
  });
  return { sections, measures, problems };
}

/** 1 → '（一）', 17 → '（十七）'. */
export function measureLabel(no: number): string {
  const d = [...NUMERALS];
  const tens = Math.floor(no / 10);
  const ones = no % 10;
  const s = (tens > 1 ? d[tens - 1] : '') + (tens > 0 ? '十' : '') + (ones > 0 ? d[ones - 1] : '');
  return `（${s}）`;
}

/** Every distinct unit named in the measures, in order of first appearance. */
export function planUnits(measures: PlanMeasure[]): string[] {
  return [...new Set(measures.flatMap((m) => m.units))];
}
