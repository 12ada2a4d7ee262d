// Renders the city's progress report as one printable HTML page (server-rendered string, print CSS, zh-CN):
// the period's figures first (areas, 2027 targets, top districts and banks), then the measures and items.
import {
  AREA_HEADERS,
  DETAIL_HEADERS,
  HIGHLIGHT_HEADERS,
  highlightRow,
  SUMMARY_HEADERS,
  TARGET_HEADERS,
  targetRow,
  type ProgressReportData,
} from './domain/report-data.ts';
import { SECTION_KINDS, SECTION_ZH } from './domain/sections.ts';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
body { font-family: "Noto Serif CJK SC", "Songti SC", "SimSun", serif; margin: 2em; color: #000; }
h1 { font-size: 20pt; text-align: center; } h2 { font-size: 14pt; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; } th, td { border: 1px solid #444; padding: 4px 6px; vertical-align: top; }
th { background: #eee; } td.num { text-align: right; } .meta { text-align: center; color: #444; }
.flag { color: #b00; font-weight: bold; }
@media print { @page { size: A4 landscape; margin: 15mm; } body { margin: 0; } tr { page-break-inside: avoid; } thead { display: table-header-group; } }`;

function table<T>(headers: [keyof T, string][], rows: T[], numeric: (keyof T)[] = []): string {
  const head = headers.map(([, h]) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${headers.map(([k]) => `<td${numeric.includes(k) ? ' class="num"' : ''}>${escapeHtml(String(r[k] ?? ''))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The figures' sections (一 to 三), or a note that none are stored for the period. */
function figuresHtml(r: ProgressReportData): string {
  const f = r.figures;
  if (!f) return `<h2>一、主要指标</h2>\n<p>${escapeHtml(r.period)} 暂无统计数据。</p>`;
  return `<h2>一、主要指标（${escapeHtml(f.period)}）</h2>
${table(AREA_HEADERS, f.areas, ['balance', 'ytd_increase', 'yoy'])}
<h2>二、2027年目标进展</h2>
${table(TARGET_HEADERS, f.targets.map(targetRow), ['target', 'latest_value', 'progress', 'required_annual_growth', 'scenario_current', 'scenario_avg'])}
<h2>三、重点区县和银行</h2>
${table(HIGHLIGHT_HEADERS, f.highlights.map(highlightRow), ['balance', 'ytd_increase', 'yoy'])}`;
}

const NUMERALS = ['六', '七', '八'];

/** Problems, next steps and requests (六 to 八): each paragraph led by its unit's name. */
function sectionsHtml(r: ProgressReportData): string {
  return SECTION_KINDS.map((kind, i) => {
    const ps = r.sections[kind];
    const body = ps.length
      ? ps
          .map((p) => `<p>${p.unit ? `<b>${escapeHtml(p.unit)}：</b>` : ''}${escapeHtml(p.body)}</p>`)
          .join('\n')
      : '<p>无。</p>';
    return `<h2>${NUMERALS[i]}、${SECTION_ZH[kind]}</h2>\n${body}`;
  }).join('\n');
}

/** The whole report as one printable page. */
export function renderReportHtml(r: ProgressReportData): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(r.title)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(r.title)}</h1>
<p class="meta">生成时间：${escapeHtml(r.generated_at)}&emsp;重点任务 ${r.totals.items} 项，已完成 ${r.totals.done} 项，存在风险 ${r.totals.at_risk} 项，逾期 <span class="flag">${r.totals.overdue}</span> 项</p>
${figuresHtml(r)}
<h2>四、各项措施推进情况</h2>
${table(SUMMARY_HEADERS, r.summary, ['items', 'done', 'on_track', 'at_risk', 'overdue', 'no_report'])}
<h2>五、重点任务明细</h2>
${table(DETAIL_HEADERS, r.details)}
${sectionsHtml(r)}
</body></html>`;
}
