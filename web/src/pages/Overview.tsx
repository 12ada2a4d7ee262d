// City overview (城市概览): the five areas against their 2027 targets — progress, latest balance in 亿元,
// status tag, and a trend line with the projection and its 95% band.
import { Card, Col, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';

import { addMonths, monthsBetween } from '../../../src/shared/period.ts';
import { Async, EChart, PageTitle } from '../components.tsx';
import { pct, yuanToYi, yuanToYiNumber } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useT } from '../i18n.ts';
import type { History, TargetEvaluation, TargetReport } from '../types.ts';

const STATUS_COLOR = { on_track: 'green', at_risk: 'red', insufficient_data: 'default' } as const;

function TrendChart(props: { ev: TargetEvaluation }) {
  const { t } = useT();
  const { ev } = props;
  const h = useApi<History>(`/stats/history?area=${ev.area}`);
  const option = useMemo(() => {
    const pts = h.data?.points ?? [];
    const periods = pts.map((p) => p.report_period);
    const actual: (number | null)[] = pts.map((p) => yuanToYiNumber(p.balance));
    const proj = ev.projection;
    const last = pts[pts.length - 1];
    const lastValue = last ? yuanToYiNumber(last.balance) : null;
    const projLine: (number | null)[] = actual.map((_v, i) => (i === actual.length - 1 ? lastValue : null));
    const lower = [...projLine];
    const width: (number | null)[] = projLine.map((v) => (v === null ? null : 0));
    if (proj && last && lastValue !== null && lastValue > 0) {
      // Monthly steps from the last actual month to the projection month, interpolated geometrically (the trend
      // is log-linear), so the time axis keeps its scale.
      const steps = Math.max(1, monthsBetween(last.report_period, proj.period));
      const at = (end: number | null, k: number) =>
        end === null || end <= 0 ? null : lastValue * Math.pow(end / lastValue, k / steps);
      const c = yuanToYiNumber(proj.central);
      const lo = yuanToYiNumber(proj.lower);
      const up = yuanToYiNumber(proj.upper);
      for (let k = 1; k <= steps; k++) {
        periods.push(addMonths(last.report_period, k));
        actual.push(null);
        projLine.push(at(c, k));
        const l = at(lo, k);
        const u = at(up, k);
        lower.push(l);
        width.push(l !== null && u !== null ? u - l : null);
      }
    }
    const target = ev.kind === 'level' ? yuanToYiNumber(ev.target) : null;
    return {
      grid: { left: 48, right: 16, top: 28, bottom: 24 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('actual'), t('projection'), t('band')], textStyle: { fontSize: 11 } },
      xAxis: { type: 'category', data: periods, axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', scale: true, axisLabel: { fontSize: 10 } },
      series: [
        { name: t('actual'), type: 'line', data: actual, symbolSize: 4, itemStyle: { color: '#b71c1c' } },
        {
          name: t('projection'),
          type: 'line',
          data: projLine,
          connectNulls: true,
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#555' },
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
        {
          name: 'band-base',
          type: 'line',
          data: lower,
          stack: 'band',
          connectNulls: true,
          lineStyle: { opacity: 0 },
          symbol: 'none',
          tooltip: { show: false },
        },
        {
          name: t('band'),
          type: 'line',
          data: width,
          stack: 'band',
          connectNulls: true,
          lineStyle: { opacity: 0 },
          symbol: 'none',
          areaStyle: { color: 'rgba(120,120,120,0.25)' },
          itemStyle: { color: 'rgba(120,120,120,0.5)' },
        },
      ],
    };
  }, [h.data, ev, t]);
  return (
    <Async loading={h.loading} error={h.error} empty={(h.data?.points.length ?? 0) === 0}>
      <EChart option={option} height={220} testId={`trend-${ev.area}`} />
    </Async>
  );
}

function AreaCard(props: { ev: TargetEvaluation }) {
  const { t, td, lang } = useT();
  const { ev } = props;
  const progress = ev.progress === null ? null : Math.round(ev.progress * 1000) / 10;
  return (
    <Card
      data-testid={`area-${ev.area}`}
      title={td('area_' + ev.area)}
      extra={
        <Tag color={STATUS_COLOR[ev.status]} data-testid="status">
          {td('status_' + ev.status)}
        </Tag>
      }
    >
      <Typography.Paragraph type="secondary" style={{ minHeight: 44 }}>
        {t('target_2027')}
        {lang === 'zh' ? '：' + ev.label_zh : ': ' + ev.label_en}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col span={12}>
          <Statistic
            title={ev.kind === 'level' ? t('latest_value') : t('yoy')}
            value={ev.kind === 'level' ? yuanToYi(ev.latest_value) : pct(ev.latest_yoy)}
            data-testid="latest"
          />
          <Typography.Text type="secondary">{ev.latest_period ?? '—'}</Typography.Text>
        </Col>
        <Col span={12}>
          <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>{t('progress')}</div>
          <Progress
            type="dashboard"
            size={88}
            percent={progress === null ? 0 : Math.min(100, progress)}
            format={() => (progress === null ? '—' : `${progress}%`)}
            status={ev.status === 'at_risk' ? 'exception' : 'normal'}
          />
        </Col>
      </Row>
      <TrendChart ev={ev} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('required_growth')} {pct(ev.required_monthly_growth)} · {t('trend_growth')}{' '}
        {pct(ev.trend_monthly_growth)}
      </Typography.Text>
    </Card>
  );
}

export function OverviewPage() {
  const { t } = useT();
  const r = useApi<TargetReport>('/stats/targets');
  return (
    <div data-testid="page-overview">
      <PageTitle>{t('menu_overview')}</PageTitle>
      <Async
        loading={r.loading}
        error={r.error}
        reload={r.reload}
        empty={(r.data?.evaluations.length ?? 0) === 0}
      >
        <Row gutter={[16, 16]}>
          {r.data?.evaluations.map((ev) => (
            <Col key={ev.area} xs={24} lg={12} xxl={8}>
              <AreaCard ev={ev} />
            </Col>
          ))}
        </Row>
      </Async>
    </div>
  );
}
