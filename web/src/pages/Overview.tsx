// City overview (城市概览): the five areas against their 2027 targets at a period — 进度评估 on the official series
// where imported (fivefin's beside it), the growth a level target needs beside the current and 3-year average
// YoY, the two scenarios to the deadline, the pension target's December YoY by year with its monthly monitoring,
// and how the plan's wording (力争 · 左右 / 突破 / 以上) is read.
import { Card, Col, Descriptions, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';

import { addMonths, monthsBetween } from '../../../src/shared/period.ts';
import { Async, EChart, PageTitle } from '../components.tsx';
import { pct, yuanToYi, yuanToYiNumber } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useT } from '../i18n.ts';
import { ReleasePanel } from '../release.tsx';
import type { History, TargetEvaluation, TargetReport } from '../types.ts';

const STATUS_COLOR = {
  achieved: 'green',
  on_pace: 'green',
  needs_effort: 'orange',
  lagging: 'red',
  insufficient_data: 'default',
} as const;

/** The judged series' evaluation (official where imported). */
const judgedOf = (ev: TargetEvaluation) => ev.official ?? ev.fivefin;

function TrendChart(props: { ev: TargetEvaluation }) {
  const { t } = useT();
  const { ev } = props;
  const h = useApi<History>(`/stats/history?area=${ev.area}`);
  const option = useMemo(() => {
    const pts = (h.data?.points ?? []).filter((p) => p.report_period <= ev.latest_period);
    const periods = pts.map((p) => p.report_period);
    const actual: (number | null)[] = pts.map((p) => yuanToYiNumber(p.balance));
    const judged = judgedOf(ev);
    const start = yuanToYiNumber(ev.latest_value);
    const steps = Math.max(0, monthsBetween(ev.latest_period, ev.deadline));
    for (let k = 1; k <= steps; k++) periods.push(addMonths(ev.latest_period, k));
    // Each scenario grows the judged value at its yearly rate, month by month, to the deadline.
    const scenarios = (judged?.scenarios ?? []).map((s) => ({
      name: t(`scenario_${s.name}`),
      type: 'line',
      symbol: 'none',
      lineStyle: { type: 'dashed' },
      data: periods.map((p) => {
        const k = monthsBetween(ev.latest_period, p);
        return k < 0 || start === null ? null : start * (1 + s.growth) ** (k / 12);
      }),
    }));
    const target = ev.kind === 'level' ? yuanToYiNumber(ev.target) : null;
    return {
      grid: { left: 48, right: 16, top: 28, bottom: 24 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
      legend: { top: 0, textStyle: { fontSize: 11 } },
      xAxis: { type: 'category', data: periods, axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', scale: true, axisLabel: { fontSize: 10 } },
      series: [
        {
          name: t('actual'),
          type: 'line',
          data: actual,
          symbolSize: 4,
          itemStyle: { color: '#b71c1c' },
          markLine:
            target !== null
              ? {
                  symbol: 'none',
                  data: [{ yAxis: target, name: t('target') }],
                  lineStyle: { color: '#1677ff' },
                  label: { formatter: t('target'), position: 'insideEndTop' },
                }
              : undefined,
        },
        ...scenarios,
      ],
    };
  }, [h.data, ev, t]);
  return (
    <Async loading={h.loading} error={h.error} empty={(h.data?.points.length ?? 0) === 0}>
      <EChart option={option} height={220} testId={`trend-${ev.area}`} />
    </Async>
  );
}

function AreaCard(props: { ev: TargetEvaluation; strive: string }) {
  const { t, td, lang } = useT();
  const { ev } = props;
  const judged = judgedOf(ev);
  const progress = ev.progress === null ? null : Math.round(ev.progress * 1000) / 10;
  const zh = lang === 'zh';
  return (
    <Card
      data-testid={`area-${ev.area}`}
      title={td('area_' + ev.area)}
      extra={
        <>
          <Tag data-testid="judged-on">
            {t(ev.judged_on === 'official' ? 'judged_official' : 'judged_fivefin')}
          </Tag>
          <Tag color={STATUS_COLOR[ev.status]} data-testid="status">
            {zh ? ev.status_zh : ev.status_en}
          </Tag>
        </>
      }
    >
      <Typography.Paragraph type="secondary" style={{ minHeight: 44 }}>
        {t('target_2027')}
        {zh ? `：${props.strive}${ev.label_zh}` : `: ${ev.label_en}`}
        <Tag style={{ marginLeft: 8 }} title={zh ? ev.reading.note_zh : ev.reading.note_en}>
          {zh ? ev.reading.label_zh : ev.reading.label_en}
        </Tag>
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col span={12}>
          <Statistic
            title={ev.kind === 'level' ? t('latest_value') : t('yoy')}
            value={ev.kind === 'level' ? yuanToYi(ev.latest_value) : pct(ev.latest_yoy)}
            data-testid="latest"
          />
          <Typography.Text type="secondary">{ev.latest_period}</Typography.Text>
        </Col>
        <Col span={12}>
          <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>{t('progress')}</div>
          <Progress
            type="dashboard"
            size={88}
            percent={progress === null ? 0 : Math.min(100, progress)}
            format={() => (progress === null ? '—' : `${progress}%`)}
            status={ev.status === 'lagging' ? 'exception' : 'normal'}
          />
        </Col>
      </Row>
      <Descriptions size="small" column={2} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('yoy')}>{pct(judged?.yoy)}</Descriptions.Item>
        <Descriptions.Item label={t('avg_yoy')}>
          {pct(judged?.avg_yoy)}
          {judged?.avg_yoy_years && judged.avg_yoy_years < 3 ? ` (${judged.avg_yoy_years}y)` : ''}
        </Descriptions.Item>
        {ev.kind === 'level' && (
          <Descriptions.Item label={t('required_annual_growth')}>
            {pct(ev.required_annual_growth)}
          </Descriptions.Item>
        )}
        {ev.judged_on === 'official' && (
          <Descriptions.Item label={t('fivefin_value')}>{yuanToYi(ev.fivefin?.value)}</Descriptions.Item>
        )}
        {(judged?.scenarios ?? []).map((s) => (
          <Descriptions.Item key={s.name} label={`${t(`scenario_${s.name}`)} ${ev.deadline}`}>
            {yuanToYi(s.value_at_deadline)} {s.reaches ? '✓' : ''}
          </Descriptions.Item>
        ))}
        {ev.kind === 'growth' && (
          <Descriptions.Item label={t('december_yoy')} span={2}>
            <span data-testid="december-yoy">
              {(judged?.december_yoy ?? []).map((d) => `${d.year}: ${pct(d.yoy, 1)}`).join(' · ')}
            </span>
          </Descriptions.Item>
        )}
        {ev.kind === 'growth' && (
          <Descriptions.Item label={t('monthly_yoy')} span={2}>
            {(judged?.monthly_yoy ?? [])
              .filter((m) => m.yoy !== null)
              .map((m) => `${m.period.slice(5)}: ${pct(m.yoy, 1)}`)
              .join(' · ') || '—'}
          </Descriptions.Item>
        )}
      </Descriptions>
      <TrendChart ev={ev} />
    </Card>
  );
}

export function OverviewPage() {
  const { t, lang } = useT();
  const r = useApi<TargetReport>('/stats/targets');
  const readings = [...new Map((r.data?.evaluations ?? []).map((e) => [e.reading.key, e.reading])).values()];
  const zh = lang === 'zh';
  return (
    <div data-testid="page-overview">
      <PageTitle>{t('menu_overview')}</PageTitle>
      <ReleasePanel />
      <Async
        loading={r.loading}
        error={r.error}
        reload={r.reload}
        empty={(r.data?.evaluations.length ?? 0) === 0}
      >
        <Typography.Paragraph type="secondary" data-testid="readings">
          {t('assessment_period')} {r.data?.period ?? '—'} · {t('readings')}：
          {r.data
            ? `${r.data.strive.label_zh} — ${zh ? r.data.strive.note_zh : r.data.strive.note_en}；`
            : ''}
          {readings.map((x) => (zh ? x.note_zh : x.note_en)).join('；')}
        </Typography.Paragraph>
        <Row gutter={[16, 16]}>
          {r.data?.evaluations.map((ev) => (
            <Col key={ev.area} xs={24} lg={12} xxl={8}>
              <AreaCard ev={ev} strive={r.data?.strive.label_zh ?? ''} />
            </Col>
          ))}
        </Row>
      </Async>
    </div>
  );
}
