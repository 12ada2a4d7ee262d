// One subject's assessment: score, rank and grade with a radar chart, its breakdown, a what-if and its score history.
import { Button, Card, Col, Row, Space, Statistic } from 'antd';
import { useMemo } from 'react';

import { Async, EChart, PageTitle } from '../../components.tsx';
import { useApi } from '../../hooks.ts';
import { useT } from '../../i18n.ts';
import { navigate } from '../../router.ts';
import type { AssessSubject } from '../../types.ts';
import { BreakdownTable } from './breakdown-table.tsx';
import { ScoreHistory } from './history.tsx';
import { useIndicatorNames } from './indicator-names.ts';
import { WhatIfCard } from './what-if.tsx';

export function AssessSubjectPage(props: { period: string; kind: string; code: string }) {
  const { t } = useT();
  const r = useApi<AssessSubject>(`/assess/runs/${props.period}/${props.kind}/${props.code}`);
  const nameOf = useIndicatorNames(r.data?.run.config_version, r.data?.result.subject_kind);
  const res = r.data?.result;
  const option = useMemo(() => {
    const b = res?.breakdown ?? [];
    return {
      tooltip: {},
      legend: { bottom: 0, data: [res?.name ?? '', t('peer_median')] },
      radar: { indicator: b.map((x) => ({ name: nameOf(x.indicator_id), max: 100 })), radius: '60%' },
      series: [
        {
          type: 'radar',
          data: [
            {
              name: res?.name ?? '',
              value: b.map((x) => Number(x.normalised)),
              areaStyle: { opacity: 0.2 },
              itemStyle: { color: '#b71c1c' },
            },
          ],
        },
      ],
    };
  }, [res, t, nameOf]);
  return (
    <div data-testid="page-assess-subject">
      <PageTitle extra={<Button onClick={() => navigate('/assess')}>{t('back')}</Button>}>
        {res?.name ?? props.code} · {props.period}
      </PageTitle>
      <Async loading={r.loading} error={r.error} reload={r.reload}>
        {res && (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={8}>
              <Card>
                <Space size="large">
                  <Statistic title={t('score')} value={res.score} data-testid="assess-score" />
                  <Statistic title={t('rank')} value={`${res.rank} / ${res.peer_count}`} />
                  <Statistic title={t('grade')} value={res.grade} />
                </Space>
                <EChart option={option} height={300} testId="assess-radar" />
              </Card>
              <ScoreHistory kind={props.kind} code={props.code} />
            </Col>
            <Col xs={24} xl={16}>
              <Card title={t('breakdown')} size="small">
                <BreakdownTable breakdown={res.breakdown} nameOf={nameOf} />
              </Card>
              <WhatIfCard
                period={props.period}
                kind={res.subject_kind}
                code={props.code}
                breakdown={res.breakdown}
                nameOf={nameOf}
              />
            </Col>
          </Row>
        )}
      </Async>
    </div>
  );
}
