// A loan's explanation: why it counts — each basis with its rule version and the evidence (registry entry,
// catalogue edition) it matched, as stored by the bulk classification and re-evaluated now.
import { Alert, Button, Card, Descriptions, Table, Tag } from 'antd';

import { Async, PageTitle } from '../components.tsx';
import { useApi } from '../hooks.ts';
import { useT } from '../i18n.ts';
import type { Explanation } from '../types.ts';

/** The evidence of a basis (registry entry, catalogue edition, …) as labelled fields instead of raw JSON. */
function Evidence(props: { evidence: Record<string, unknown> }) {
  const entries = Object.entries(props.evidence);
  if (entries.length === 0) return <span style={{ color: '#999' }}>—</span>;
  return (
    <>
      {entries.map(([kind, value]) => (
        <div key={kind} style={{ fontSize: 12 }}>
          <b>{kind}</b>{' '}
          {value && typeof value === 'object'
            ? Object.entries(value as Record<string, unknown>)
                .filter(([, v]) => v !== null && v !== '')
                .map(([k, v]) => (
                  <Tag key={k} style={{ marginBottom: 2 }}>
                    {k}: {String(v)}
                  </Tag>
                ))
            : String(value)}
        </div>
      ))}
    </>
  );
}

export function LoanPage(props: { inst: string; loan: string }) {
  const { t, td, lang } = useT();
  const r = useApi<Explanation>(`/stats/loans/${props.inst}/${encodeURIComponent(props.loan)}/explain`);
  const e = r.data;
  return (
    <div data-testid="page-loan">
      <PageTitle extra={<Button onClick={() => window.history.back()}>{t('back')}</Button>}>
        {t('explain')} · {props.loan}
      </PageTitle>
      <Async loading={r.loading} error={r.error} reload={r.reload}>
        {e && (
          <>
            <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('bank')}>{e.institution_code}</Descriptions.Item>
              <Descriptions.Item label={t('loan_id')}>{e.loan_id}</Descriptions.Item>
              <Descriptions.Item label={t('period')}>{e.report_period}</Descriptions.Item>
              <Descriptions.Item label={t('declared')}>
                {e.declared_areas.map((a) => (
                  <Tag key={a}>{td('area_' + a)}</Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('version')}>
                #{e.submission_id} / {t('row')} {e.row_no}
              </Descriptions.Item>
            </Descriptions>
            {e.changed_since_classification && (
              <Alert type="warning" showIcon title={t('changed_since')} style={{ marginBottom: 16 }} />
            )}
            <Card title={t('bases')} size="small">
              <Table
                data-testid="explain-bases"
                size="small"
                rowKey={(x) => x.area + x.basis}
                pagination={false}
                dataSource={e.evaluated}
                columns={[
                  { title: t('area'), dataIndex: 'area', width: 110, render: (a: string) => td('area_' + a) },
                  {
                    title: t('bases'),
                    dataIndex: 'basis',
                    render: (b: string, x) => (
                      <span>
                        <Tag color="red">{b}</Tag>
                        {lang === 'zh' ? x.label_zh : x.label_en}
                      </span>
                    ),
                  },
                  {
                    title: t('rule_version'),
                    dataIndex: 'rule_version',
                    render: (v: string) => <code>{v}</code>,
                  },
                  {
                    title: t('evidence'),
                    dataIndex: 'evidence',
                    render: (ev: Record<string, unknown>) => <Evidence evidence={ev} />,
                  },
                ]}
              />
            </Card>
          </>
        )}
      </Async>
    </div>
  );
}
