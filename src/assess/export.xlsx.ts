// XLSX export of an assessment run (exceljs): a ranking sheet, a per-indicator breakdown sheet and the
// configuration used. Chinese headers, number formats, and no formula injection (text cells that start with
// = + - @ or a control character are prefixed with an apostrophe; numbers are written as numbers).
import ExcelJS from 'exceljs';

import type { StateStore } from '../store/state/pg.ts';
import type { Result } from './errors.ts';
import { getRunView, type Scope } from './query.ts';
import { getConfigVersion } from './store.ts';

/** Neutralises spreadsheet formula injection in a text cell. */
export function safeText(s: string | null | undefined): string {
  const v = s ?? '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** A decimal string as a cell number (display only; the stored figure stays the exact string). */
const num = (s: string | null): number | null => (s === null ? null : Number(s));

const KIND_ZH: Record<string, string> = { bank: '银行机构', district: '区县' };

export async function exportRunXlsx(
  state: StateStore,
  period: string,
  scope: Scope,
): Promise<Result<Buffer>> {
  const view = await getRunView(state, period, scope);
  if (!view.ok) return view;
  const { run, detailed, ranks } = view.value;
  const cv = await getConfigVersion(state, run.config_version);
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(run.created_at);

  const summary = wb.addWorksheet('排名');
  summary.columns = [
    { header: '考核对象类型', key: 'kind', width: 12 },
    { header: '代码', key: 'code', width: 14 },
    { header: '名称', key: 'name', width: 24 },
    { header: '同业组别', key: 'peer', width: 16 },
    { header: '得分', key: 'score', width: 10, style: { numFmt: '0.00' } },
    { header: '组内排名', key: 'rank', width: 10 },
    { header: '组内机构数', key: 'peers', width: 10 },
    { header: '等级', key: 'grade', width: 8 },
  ];
  const scores = new Map(detailed.map((d) => [`${d.subject_kind}:${d.code}`, d.score]));
  for (const r of ranks) {
    summary.addRow({
      kind: KIND_ZH[r.subject_kind] ?? r.subject_kind,
      code: safeText(r.code),
      name: safeText(r.name),
      peer: safeText(r.peer_group),
      score: num(scores.get(`${r.subject_kind}:${r.code}`) ?? null),
      rank: r.rank,
      peers: r.peer_count,
      grade: safeText(r.grade),
    });
  }

  const detail = wb.addWorksheet('指标明细');
  detail.columns = [
    { header: '代码', key: 'code', width: 14 },
    { header: '名称', key: 'name', width: 24 },
    { header: '指标', key: 'indicator', width: 28 },
    { header: '类型', key: 'kind', width: 8 },
    { header: '权重', key: 'weight', width: 8, style: { numFmt: '0.00' } },
    { header: '原始值', key: 'raw', width: 12, style: { numFmt: '0.0000' } },
    { header: '缺失', key: 'missing', width: 6 },
    { header: '标准化值', key: 'normalised', width: 12, style: { numFmt: '0.0000' } },
    { header: '贡献分', key: 'contribution', width: 12, style: { numFmt: '0.0000' } },
    { header: '同组最小值', key: 'pmin', width: 12, style: { numFmt: '0.0000' } },
    { header: '同组中位数', key: 'pmed', width: 12, style: { numFmt: '0.0000' } },
    { header: '同组最大值', key: 'pmax', width: 12, style: { numFmt: '0.0000' } },
  ];
  for (const d of detailed) {
    const names = new Map(cv?.config.subjects[d.subject_kind].indicators.map((i) => [i.id, i.name_zh]) ?? []);
    for (const b of d.breakdown) {
      detail.addRow({
        code: safeText(d.code),
        name: safeText(d.name),
        indicator: safeText(names.get(b.indicator_id) ?? b.indicator_id),
        kind: b.kind === 'quantitative' ? '定量' : '定性',
        weight: num(b.weight),
        raw: num(b.raw),
        missing: b.missing ? '是' : '否',
        normalised: num(b.normalised),
        contribution: num(b.contribution),
        pmin: num(b.peer.min),
        pmed: num(b.peer.median),
        pmax: num(b.peer.max),
      });
    }
  }

  const meta = wb.addWorksheet('说明');
  meta.addRows([
    ['考核期', safeText(run.period)],
    ['运行编号', run.run_id],
    ['指标体系版本', run.config_version],
    ['指标体系名称', safeText(cv?.label ?? '')],
    ['数据版本（报送批次）', safeText(run.submission_ids.join(', '))],
    ['认定规则版本', safeText(run.rule_versions.join(', '))],
    ['计算时间', safeText(run.created_at)],
  ]);
  for (const ws of [summary, detail]) ws.getRow(1).font = { bold: true };
  return { ok: true, value: Buffer.from(await wb.xlsx.writeBuffer()) };
}
