// The plan as data: all 17 measures and every responsible unit, parsed from the plan text kept with the code,
// checked against a transcription of the published plan and against the shared copy of the plan when present.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { createOutput } from '../cli/kernel/output.ts';
import { chineseNumeral, joinPageBreaks, measureLabel, parsePlan, planUnits } from './domain/plan.ts';
import { PLAN_FILE, loadPlan } from './plan.load.ts';

const A = '人行重庆市分行';
const B = '市委金融办';
const N = '重庆金融监管局';
const C = '重庆证监局';
// 责任单位 of （一）…（十七）, transcribed by hand from 渝府办发〔2025〕45号 in the order printed.
const EXPECTED: [string, string[]][] = [
  ['为建设具有全国影响力的科技创新中心强化金融支持', [A, B, N, C, '市科技局', '市经济信息委']],
  ['为美丽重庆建设提供高质量金融供给', [A, B, N, C, '市生态环境局', '市经济信息委']],
  ['为拓宽金融服务深度和广度优化普惠金融服务体系', [A, B, N, C, '市发展改革委', '市经济信息委']],
  ['为高质量养老服务建设优化金融支持', [A, B, N, C, '市民政局']],
  ['为数字经济高质量发展夯实数字金融底座', [A, B, N, C, '市经济信息委']],
  ['立足职能定位加大支持力度', [A, B, N, C]],
  ['强化金融机构内部机制建设', [A, B, N, C]],
  ['加强产品和服务创新', [A, B, N, C]],
  ['发挥债券市场支持作用', [A, B, C]],
  ['拓宽股权融资渠道', [B, C, A, N, '市国资委', '市发展改革委']],
  ['优化跨境金融服务', [A, '外汇局重庆市分局', B, '市政府口岸物流办', '市大数据发展局']],
  ['强化配套设施支撑', [A, B, N, '市发展改革委', C, '市知识产权局']],
  ['强化货币政策工具支持', [A]],
  ['强化财政金融联动', [A, B, N, C, '市财政局']],
  ['推进标准体系建设', [A, N, C, '市科技局']],
  ['加强统筹协调', [A, B, N, C, '市财政局', '各区县政府']],
  ['强化风险防范', [A, B, N, C, '各区县政府']],
];
const SECTIONS = [2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6];

test('all 17 measures with title, section and units exactly as the plan lists them', () => {
  const { measures, problems } = loadPlan();
  assert.deepEqual(problems, []);
  assert.equal(measures.length, 17);
  measures.forEach((m, i) => {
    const [title, units] = EXPECTED[i] ?? ['', []];
    assert.equal(m.no, i + 1);
    assert.equal(m.label, measureLabel(i + 1));
    assert.equal(m.title, title);
    assert.deepEqual(m.units, units, `units of ${m.label}`);
    assert.equal(m.section_no, SECTIONS[i]);
    assert.ok(m.text.startsWith(title), `${m.label} text starts with its title`);
    assert.ok(!m.text.includes('责任单位') && !m.text.includes('\n'), `${m.label} text is clean`);
  });
  assert.equal(measures[0]?.section_title, '加大金融“五篇大文章”重点领域支持力度');
  assert.ok(measures[15]?.text.includes('按季度推进重点任务'), 'page break inside （十六） is joined');
});

test('every responsible unit of the plan; lead units by convention and by 牵头', () => {
  const { measures } = loadPlan();
  const expectedUnits = [...new Set(EXPECTED.flatMap(([, u]) => u))];
  assert.deepEqual(new Set(planUnits(measures)), new Set(expectedUnits));
  assert.equal(planUnits(measures).length, 16);
  assert.deepEqual(measures[15]?.lead_units, [A, B]);
  assert.deepEqual(measures[9]?.lead_units, [B]);
  assert.deepEqual(measures[12]?.lead_units, [A]);
});

test('the shipped plan text equals the shared copy of the plan and parses the same', (t) => {
  const shared = fileURLToPath(new URL('../../../shared/policy/000_8e0c48cddfacef56.txt', import.meta.url));
  if (!existsSync(shared)) return t.skip('shared/policy not beside the repository');
  const a = parsePlan(readFileSync(shared, 'utf8'));
  assert.deepEqual(a, parsePlan(readFileSync(PLAN_FILE, 'utf8')));
});

test('numerals, labels, page breaks', () => {
  assert.deepEqual(
    ['一', '十', '十一', '十七', '二十', '二十三'].map(chineseNumeral),
    [1, 10, 11, 17, 20, 23],
  );
  assert.equal(chineseNumeral('零'), null);
  assert.equal(measureLabel(17), '（十七）');
  assert.equal(joinPageBreaks('重\n\n\n\n点任务\n\n下一段'), '重点任务\n\n下一段');
  const r = parsePlan('二、测试\n\n(一) 题目。内容\n(责任单位：甲、乙，丙)\n\n（二）无单位。');
  assert.deepEqual(r.measures[0]?.units, ['甲', '乙', '丙']);
  assert.deepEqual(r.problems, ['measure 2: no 责任单位 clause']);
});

test('CLI: `promote measures` lists all 17 as JSON; bad flags are usage errors', async () => {
  const promoteCommands = (await import('./cli.ts')).createPromoteCommands();
  const printed: unknown[] = [];
  const out = createOutput({
    json: true,
    tty: false,
    sink: { stdout: (text) => void printed.push(JSON.parse(text)), stderr: () => undefined },
  });
  const ctx = {
    config: {} as never,
    stores: () => Promise.reject(new Error('no store needed')),
    out,
    now: () => new Date('2026-05-10T00:00:00Z'),
  };
  const cmd = (name: string) => promoteCommands.find((c) => c.path[1] === name);
  assert.equal(await cmd('measures')?.run([], ctx), 0);
  assert.equal((printed[0] as unknown[]).length, 17);
  assert.equal(await cmd('report')?.run(['--year', '2026', '--out', 'x.pdf'], ctx), 2);
  assert.equal(await cmd('matrix')?.run(['--bogus', '1'], ctx), 2);
});
