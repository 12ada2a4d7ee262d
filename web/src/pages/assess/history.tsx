// One subject's score history: score (where visible) and rank in every quarter's published run, chart and table.
import { Card, Table } from 'antd';
import { useMemo } from 'react';

import { Async, EChart } from '../../components.tsx';
import { useApi } from '../../hooks.ts';
import { useT } from '../../i18n.ts';
import type { AssessHistory, AssessHistoryEntry } from '../../types.ts';

/** Score (where visible) and rank of one subject in the published run of every quarter it was scored in. */
export function ScoreHistory(props: { kind: string; code: string }) {
  const { t } = useT();
  const r = useApi<AssessHistory>(`/assess/history/${props.kind}/${props.code}`);
  const entries = (r.data?.entries ?? []).filter((e) => e.period.includes('-Q'));
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, data: [t('score'), t('rank')] },
      grid: { left: 48, right: 48, top: 24, bottom: 48 },
      xAxis: { type: 'category', data: entries.map((e) => e.period) },
      yAxis: [
        { type: 'value', name: t('score'), min: 0, max: 100 },
        { type: 'value', name: t('rank'), inverse: true, minInterval: 1, min: 1 },
      ],
      series: [
        {
          name: t('score'),
          type: 'line',
          data: entries.map((e) => (e.score === null ? null : Number(e.score))),
        },
        { name: t('rank'), type: 'line', yAxisIndex: 1, step: 'middle', data: entries.map((e) => e.rank) },
      ],
    }),
    [entries, t],
  );
  return (
    <Card title={t('score_history')} size="small" style={{ marginTop: 16 }}>
      <Async loading={r.loading} error={r.error} reload={r.reload}>
        <EChart option={option} height={240} testId="assess-history-chart" />
        <Table
          data-testid="assess-history"
          size="small"
          rowKey="period"
          pagination={false}
          dataSource={r.data?.entries ?? []}
          columns={[
            { title: t('period'), dataIndex: 'period' },
            { title: t('score'), dataIndex: 'score', align: 'right', render: (v: string | null) => v ?? '—' },
            {
              title: t('rank'),
              align: 'right',
              render: (_x, e: AssessHistoryEntry) => `${e.rank} / ${e.peer_count}`,
            },
            { title: t('grade'), dataIndex: 'grade' },
          ]}
        />
      </Async>
    </Card>
  );
}
