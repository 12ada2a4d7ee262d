// Assessment pages: a regulator runs a quarter's scoring; the ranking table (banks and districts); one subject's
// breakdown with a radar chart against the peer median; a what-if simulation; the XLSX export; the district map
// coloured by score (by published grade for users who may not see every district's score); score history.
import { DownloadOutlined, PlayCircleOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useMemo, useState } from 'react';

import { api, ApiError, download } from '../api.ts';
import { Async, EChart, ErrorAlert, PageTitle } from '../components.tsx';
import { DistrictMap, type DistrictValue, type MapPiece } from '../district-map.tsx';
import { useAction, useApi } from '../hooks.ts';
import { errorText, useT } from '../i18n.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session.ts';
import type {
  AssessBreakdown,
  AssessConfig,
  AssessHistory,
  AssessHistoryEntry,
  AssessRank,
  AssessRun,
  AssessRunBody,
  AssessSubject,
  SubjectKind,
  WhatIf,
  WhatIfBody,
} from '../types.ts';

/** Grades (A best) as map pieces; grades are published, so every user can see this colouring. */
const GRADE_PIECES: MapPiece[] = [
  { value: 4, label: 'A', color: '#2e7d32' },
  { value: 3, label: 'B', color: '#81c784' },
  { value: 2, label: 'C', color: '#fbc02d' },
  { value: 1, label: 'D', color: '#c62828' },
];
const GRADE_VALUE = new Map(GRADE_PIECES.map((p) => [p.label, p.value]));

/** District map of a run: by score where the caller sees every district's score, else by published grade. */
function AssessMap(props: { view: AssessRun; period: string }) {
  const { t } = useT();
  const ranks = props.view.ranks.filter((x) => x.subject_kind === 'district');
  const scores = new Map(
    props.view.detailed.filter((d) => d.subject_kind === 'district').map((d) => [d.code, d.score]),
  );
  const byScore = ranks.length > 0 && ranks.every((x) => scores.has(x.code));
  const data: DistrictValue[] = ranks.map((x) => {
    const score = scores.get(x.code);
    return {
      code: x.code,
      name: x.name,
      value: byScore ? Number(score) : (GRADE_VALUE.get(x.grade) ?? null),
      label: `${score !== undefined ? `${t('score')} ${score} · ` : ''}${t('grade')} ${x.grade} · ${t('rank')} ${x.rank}/${x.peer_count}`,
    };
  });
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={byScore ? t('map_by_score') : t('map_by_grade')}
        data-testid="assess-map-mode"
      />
      <DistrictMap
        data={data}
        pieces={byScore ? undefined : GRADE_PIECES}
        height={560}
        testId="assess-map"
        onPick={(code) => {
          if (scores.has(code)) navigate(`/assess/${props.period}/district/${code}`);
        }}
      />
    </>
  );
}

/** Score (where visible) and rank of one subject in the published run of every quarter it was scored in. */
function ScoreHistory(props: { kind: string; code: string }) {
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

/** The quarters up to the current one (newest first) for the picker. */
function quarters(): string[] {
  const d = new Date();
  const out: string[] = [];
  let y = d.getFullYear();
  let q = Math.floor(d.getMonth() / 3) + 1;
  for (let i = 0; i < 8; i++) {
    out.push(`${y}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

export function AssessPage() {
  const { t } = useT();
  const { user } = useSession();
  const { message } = App.useApp();
  const qs = quarters();
  const [period, setPeriod] = useState(qs[1] ?? qs[0] ?? '');
  const action = useAction();
  const r = useApi<AssessRun>(`/assess/runs/${period}`);
  const canRun = user.role === 'admin' || user.role === 'regulator';
  const run = () =>
    action.run(async () => {
      await api('/assess/runs', { body: { period } satisfies AssessRunBody });
      void message.success(t('run_done'));
      r.reload();
    });
  const scores = new Map((r.data?.detailed ?? []).map((d) => [`${d.subject_kind}/${d.code}`, d.score]));
  const table = (kind: SubjectKind) => (
    <Table<AssessRank>
      data-testid={`assess-ranks-${kind}`}
      size="small"
      rowKey="code"
      dataSource={(r.data?.ranks ?? []).filter((x) => x.subject_kind === kind)}
      pagination={{ pageSize: 15, showSizeChanger: false }}
      onRow={(x) => ({
        style: { cursor: 'pointer' },
        onClick: () => navigate(`/assess/${period}/${kind}/${x.code}`),
      })}
      columns={[
        { title: t('rank'), dataIndex: 'rank', width: 70, sorter: (a, b) => a.rank - b.rank },
        { title: kind === 'bank' ? t('bank') : t('district'), dataIndex: 'name' },
        { title: t('peer_group'), dataIndex: 'peer_group' },
        { title: t('score'), align: 'right', render: (_x, x) => scores.get(`${kind}/${x.code}`) ?? '—' },
        {
          title: t('grade'),
          dataIndex: 'grade',
          render: (g: string) => <Tag color={g === 'A' ? 'green' : g === 'D' ? 'red' : 'gold'}>{g}</Tag>,
        },
      ]}
    />
  );
  return (
    <div data-testid="page-assess">
      <PageTitle
        extra={
          <Space>
            <Select
              data-testid="quarter-select"
              style={{ width: 120 }}
              value={period}
              onChange={setPeriod}
              options={qs.map((q) => ({ value: q, label: q }))}
            />
            {canRun && (
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                loading={action.busy}
                onClick={() => void run()}
                data-testid="run-assessment"
              >
                {t('run_assessment')}
              </Button>
            )}
            <Button
              icon={<DownloadOutlined />}
              disabled={!r.data}
              onClick={() => download(`/assess/runs/${period}/export.xlsx`)}
              data-testid="assess-export"
            >
              {t('export_xlsx')}
            </Button>
          </Space>
        }
      >
        {t('assess_title')}
      </PageTitle>
      <ErrorAlert error={action.error} />
      {r.error?.status === 404 ? (
        <Alert type="info" showIcon title={t('no_run')} data-testid="no-run" />
      ) : (
        <Async loading={r.loading} error={r.error} reload={r.reload}>
          <Card>
            <Tabs
              items={[
                { key: 'bank', label: t('subject_bank'), children: table('bank') },
                { key: 'district', label: t('subject_district'), children: table('district') },
                {
                  key: 'map',
                  label: t('assess_map'),
                  children: r.data ? <AssessMap view={r.data} period={period} /> : null,
                },
              ]}
            />
          </Card>
        </Async>
      )}
    </div>
  );
}

/** Indicator id → name in the current language, from the configuration version the run used. */
function useIndicatorNames(
  version: number | undefined,
  kind: SubjectKind | undefined,
): (id: string) => string {
  const { lang } = useT();
  const c = useApi<AssessConfig>(version === undefined ? null : `/assess/config?version=${version}`);
  return useMemo(() => {
    const names = new Map(
      (kind === undefined ? [] : (c.data?.config.subjects[kind].indicators ?? [])).map((i) => [
        i.id,
        lang === 'zh' ? i.name_zh : i.name_en,
      ]),
    );
    return (id: string) => names.get(id) ?? id;
  }, [c.data, kind, lang]);
}

/** The what-if form: one indicator and either a raw value or a weight (the weight wins when both are given). */
type WhatIfForm = { indicator_id: string; raw?: string; weight?: string };

export function AssessSubjectPage(props: { period: string; kind: string; code: string }) {
  const { t, lang } = useT();
  const r = useApi<AssessSubject>(`/assess/runs/${props.period}/${props.kind}/${props.code}`);
  const nameOf = useIndicatorNames(r.data?.run.config_version, r.data?.result.subject_kind);
  const [sim, setSim] = useState<WhatIf | null>(null);
  const [simError, setSimError] = useState<ApiError | null>(null);
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
  const simulate = async (kind: SubjectKind, v: WhatIfForm) => {
    setSimError(null);
    try {
      const body: WhatIfBody = { subject_kind: kind, subject_code: props.code, indicator_id: v.indicator_id };
      if (v.weight) body.weight = v.weight;
      else if (v.raw) body.raw = v.raw;
      setSim(await api<WhatIf>(`/assess/runs/${props.period}/what-if`, { body }));
    } catch (e) {
      if (e instanceof ApiError) setSimError(e);
      else throw e;
    }
  };
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
                <Table<AssessBreakdown>
                  size="small"
                  rowKey="indicator_id"
                  pagination={false}
                  dataSource={res.breakdown}
                  columns={[
                    {
                      title: t('indicator'),
                      dataIndex: 'indicator_id',
                      render: (id: string) => <span title={id}>{nameOf(id)}</span>,
                    },
                    { title: t('weight'), dataIndex: 'weight', align: 'right' },
                    { title: t('raw'), dataIndex: 'raw', align: 'right' },
                    { title: t('normalised'), dataIndex: 'normalised', align: 'right' },
                    { title: t('contribution'), dataIndex: 'contribution', align: 'right' },
                    { title: t('peer_median'), render: (_x, b) => b.peer.median ?? '—', align: 'right' },
                  ]}
                />
              </Card>
              <Card title={t('what_if')} size="small" style={{ marginTop: 16 }}>
                <Form
                  layout="inline"
                  onFinish={(v: WhatIfForm) => void simulate(res.subject_kind, v)}
                  data-testid="what-if-form"
                >
                  <Form.Item name="indicator_id" rules={[{ required: true, message: t('required') }]}>
                    <Select
                      style={{ width: 180 }}
                      placeholder={t('indicator')}
                      options={res.breakdown.map((b) => ({
                        value: b.indicator_id,
                        label: nameOf(b.indicator_id),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name="raw">
                    <Input placeholder={t('raw')} style={{ width: 120 }} data-testid="what-if-raw" />
                  </Form.Item>
                  <Form.Item name="weight">
                    <Input placeholder={t('weight')} style={{ width: 100 }} />
                  </Form.Item>
                  <Button htmlType="submit" type="primary" data-testid="what-if-submit">
                    {t('simulate')}
                  </Button>
                </Form>
                {simError && (
                  <Alert
                    type="error"
                    showIcon
                    title={errorText(lang, simError)}
                    style={{ marginTop: 12 }}
                    data-testid="what-if-error"
                  />
                )}
                {sim && (
                  <Space size="large" style={{ marginTop: 16 }} data-testid="what-if-result">
                    <Statistic title={`${t('before')} ${t('score')}`} value={sim.before.score} />
                    <Statistic title={`${t('after')} ${t('score')}`} value={sim.after.score} />
                    <Statistic title={`${t('before')} ${t('rank')}`} value={sim.before.rank} />
                    <Statistic title={`${t('after')} ${t('rank')}`} value={sim.after.rank} />
                  </Space>
                )}
              </Card>
            </Col>
          </Row>
        )}
      </Async>
    </div>
  );
}
