// Upload page for bank officers: drag a loan file, watch the upload progress, then read the validation report
// (errors grouped by rule, with rows and columns, report downloads) and the accepted version; submission history.
import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Descriptions,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import { useState } from 'react';

import { api, ApiError, uploadFile } from '../api.ts';
import { Async, PageTitle } from '../components.tsx';
import { ExportTableButton } from '../export-button.tsx';
import { count } from '../format.ts';
import { useApi } from '../hooks.ts';
import { errorText, useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import type { Institution, SubmissionItem, Submissions, UploadResult, Violation } from '../types.ts';

const STATUS_COLOR: Record<string, string> = { accepted: 'green', rejected: 'red', duplicate: 'blue' };
const REVIEW_COLOR: Record<string, string> = {
  needs_explanation: 'orange',
  under_review: 'blue',
  approved: 'green',
  returned: 'red',
};

/** Review state of one accepted submission and the actions the user's role may take on it. */
function ReviewCell(props: { s: SubmissionItem; role: string; reload: () => void }) {
  const { t } = useT();
  const { s, role } = props;
  if (!s.review_status) return null;
  const act = async (path: 'explanation' | 'review', body: unknown) => {
    try {
      await api(`/loans/submissions/${s.id}/${path}`, { method: 'POST', body });
      props.reload();
    } catch (e) {
      window.alert(e instanceof Error ? e.message : String(e));
    }
  };
  const ask = (key: 'rv_explain_prompt' | 'rv_reason_prompt') => window.prompt(t(key))?.trim() || null;
  const bank = role === 'institution' || role === 'admin';
  const statistician = role === 'regulator' || role === 'admin';
  return (
    <Space size={4} data-testid={`review-${s.id}`}>
      <Tag color={REVIEW_COLOR[s.review_status]} title={s.review_reason ?? s.explanation ?? undefined}>
        {t(`rv_${s.review_status}`)}
      </Tag>
      {bank && s.review_status !== 'approved' && s.review_status !== 'under_review' && (
        <Button
          size="small"
          onClick={() => {
            const text = ask('rv_explain_prompt');
            if (text) void act('explanation', { explanation: text });
          }}
        >
          {t('rv_explain')}
        </Button>
      )}
      {statistician && s.review_status === 'under_review' && (
        <>
          <Button size="small" type="primary" onClick={() => void act('review', { decision: 'approve' })}>
            {t('rv_approve')}
          </Button>
          <Button
            size="small"
            danger
            onClick={() => {
              const reason = ask('rv_reason_prompt');
              if (reason) void act('review', { decision: 'return', reason });
            }}
          >
            {t('rv_return')}
          </Button>
        </>
      )}
    </Space>
  );
}

function ViolationGroups(props: { violations: Violation[] }) {
  const { t, lang } = useT();
  const groups = new Map<string, Violation[]>();
  for (const v of props.violations) groups.set(v.rule_id, [...(groups.get(v.rule_id) ?? []), v]);
  return (
    <Collapse
      data-testid="violation-groups"
      defaultActiveKey={[...groups.keys()].slice(0, 1)}
      items={[...groups.entries()].map(([rule, vs]) => ({
        key: rule,
        label: (
          <Space>
            <Tag color={vs[0]?.severity === 'error' ? 'red' : 'orange'}>{rule}</Tag>
            <span>{vs[0] ? (lang === 'zh' ? vs[0].message_zh : vs[0].message_en) : ''}</span>
            <Tag>{vs.length}</Tag>
          </Space>
        ),
        children: (
          <Table<Violation>
            size="small"
            rowKey={(v) => `${v.row ?? ''}-${v.column ?? ''}-${v.value ?? ''}`}
            dataSource={vs}
            pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
            columns={[
              { title: t('row'), dataIndex: 'row', width: 80 },
              { title: t('column'), dataIndex: 'column', width: 160 },
              { title: t('raw'), dataIndex: 'value', width: 160 },
              { title: t('message'), render: (_x, v) => (lang === 'zh' ? v.message_zh : v.message_en) },
            ]}
          />
        ),
      }))}
    />
  );
}

function ResultView(props: { result: UploadResult }) {
  const { t, td } = useT();
  const r = props.result;
  return (
    <Card title={t('report')} data-testid="upload-result" style={{ marginTop: 16 }}>
      <Descriptions size="small" column={4} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('status')}>
          <Tag color={STATUS_COLOR[r.status]} data-testid="upload-status">
            {td(r.status)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('period')}>{r.report_period ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('version')}>
          <span data-testid="upload-version">{r.version ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('rows')}>
          <span data-testid="upload-rows">{count(r.rows)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('errors')}>
          <span data-testid="upload-errors">{count(r.error_count)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('warnings')}>{count(r.warning_count)}</Descriptions.Item>
        {r.reports && (
          <Descriptions.Item label={t('download')} span={2}>
            <Space>
              {(['json', 'csv', 'xlsx'] as const).map((k) => (
                <a key={k} href={r.reports?.[k]} data-testid={`report-${k}`} download>
                  {k.toUpperCase()}
                </a>
              ))}
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
      {r.violations.length > 0 && <ViolationGroups violations={r.violations} />}
    </Card>
  );
}

/** The encoding choice of the upload (the API's `encoding`; auto decides from the whole file). */
const ENCODINGS = ['auto', 'utf-8', 'gb18030'] as const;
type Encoding = (typeof ENCODINGS)[number];

export function UploadPage() {
  const { t, td, lang } = useT();
  const { user } = useSession();
  const insts = useApi<Institution[]>(user.role === 'institution' ? null : '/loans/institutions');
  const instList = insts.data ?? [];
  const [inst, setInst] = useState<string | undefined>(user.institution_code ?? undefined);
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [percent, setPercent] = useState<number | null>(null);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'validating'>('idle');
  const [result, setResult] = useState<UploadResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const history = useApi<Submissions>(
    `/loans/submissions?limit=20${user.role === 'institution' || !inst ? '' : `&institution=${inst}`}`,
  );
  const send = async (file: File) => {
    setResult(null);
    setError(null);
    setPercent(0);
    setPhase('uploading');
    try {
      const q = new URLSearchParams({ encoding });
      if (user.role !== 'institution' && inst) q.set('institution', inst);
      const r = await uploadFile<UploadResult>(
        `/loans/submissions?${q.toString()}`,
        file,
        {},
        (p) => {
          setPercent(p);
          if (p >= 100) setPhase('validating');
        },
        [422],
      );
      setResult(r);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
    } finally {
      setPhase('idle');
      history.reload();
    }
  };
  return (
    <div data-testid="page-upload">
      <PageTitle
        extra={
          <Space>
            <a href="/api/loans/template.xlsx" download data-testid="upload-template">
              {t('upload_template')}
            </a>
            <Select<Encoding>
              style={{ width: 200 }}
              data-testid="upload-encoding"
              value={encoding}
              onChange={setEncoding}
              options={ENCODINGS.map((e) => ({ value: e, label: t(`encoding_${e}`) }))}
            />
            {user.role !== 'institution' && (
              <Select
                style={{ width: 240 }}
                placeholder={t('bank')}
                value={inst}
                onChange={setInst}
                loading={insts.loading}
                options={instList.map((i) => ({
                  value: i.code,
                  label: `${i.code} ${i.name_zh}`,
                }))}
              />
            )}
          </Space>
        }
      >
        {t('upload_title')}
      </PageTitle>
      <Upload.Dragger
        data-testid="upload-dragger"
        multiple={false}
        showUploadList={false}
        disabled={phase !== 'idle'}
        beforeUpload={(file) => {
          void send(file as File);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('upload_hint')}</p>
      </Upload.Dragger>
      {percent !== null && (
        <div style={{ marginTop: 12 }} data-testid="upload-progress">
          <Progress percent={percent} status={phase === 'idle' ? 'normal' : 'active'} />
          {phase === 'validating' && <span>{t('validating')}</span>}
        </div>
      )}
      {error && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          title={errorText(lang, error)}
          data-testid="upload-error"
        />
      )}
      {result && <ResultView result={result} />}
      <Card
        title={t('history')}
        style={{ marginTop: 16 }}
        extra={
          <ExportTableButton<SubmissionItem>
            fileName="submissions.xlsx"
            sheet={t('history')}
            rows={history.data?.items ?? []}
            testId="history-export"
            columns={[
              { title: t('submitted_at'), value: (x) => x.created_at },
              { title: t('bank'), value: (x) => x.institution_code },
              { title: t('period'), value: (x) => x.report_period },
              { title: t('file'), value: (x) => x.file_name },
              { title: t('status'), value: (x) => td(x.status) },
              { title: t('version'), value: (x) => x.version },
              { title: t('rows'), value: (x) => x.row_count, numFmt: '#,##0' },
              { title: t('errors'), value: (x) => x.error_count, numFmt: '#,##0' },
            ]}
          />
        }
      >
        <Async loading={history.loading && !history.data} error={history.error} reload={history.reload}>
          <Table<SubmissionItem>
            data-testid="history"
            size="small"
            rowKey="id"
            dataSource={history.data?.items ?? []}
            pagination={false}
            columns={[
              {
                title: t('submitted_at'),
                dataIndex: 'created_at',
                render: (v: string) => new Date(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB'),
              },
              { title: t('bank'), dataIndex: 'institution_code' },
              {
                title: t('period'),
                dataIndex: 'report_period',
                sorter: (a, b) => (a.report_period ?? '').localeCompare(b.report_period ?? ''),
              },
              { title: t('file'), dataIndex: 'file_name' },
              {
                title: t('status'),
                dataIndex: 'status',
                filters: Object.keys(STATUS_COLOR).map((k) => ({ text: td(k), value: k })),
                onFilter: (v, x) => x.status === v,
                render: (s: string) => <Tag color={STATUS_COLOR[s]}>{td(s)}</Tag>,
              },
              { title: t('version'), dataIndex: 'version' },
              { title: t('rows'), dataIndex: 'row_count', align: 'right', render: count },
              { title: t('errors'), dataIndex: 'error_count', align: 'right', render: count },
              {
                title: t('review'),
                render: (_x, s) => <ReviewCell s={s} role={user.role} reload={history.reload} />,
              },
              {
                title: t('report'),
                render: (_x, s) => (
                  <Space>
                    {(['json', 'csv', 'xlsx'] as const).map((k) => (
                      <a key={k} href={`/api/loans/submissions/${s.id}/report.${k}`} download>
                        {k}
                      </a>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Async>
      </Card>
    </div>
  );
}
