// Official series (官方数据) for the statistics division: upload a file of official figures (each import a new
// version; rejected rows listed with rule, row, column and message), the versions imported, and for a period the
// completeness control of every bank's file (各项贷款, tolerance shown, outside flagged) and the city
// reconciliation official − fivefin with its explained parts and the unexplained remainder.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';

import { ApiError, uploadFile } from '../api.ts';
import { Async, ErrorAlert, PageTitle } from '../components.tsx';
import { yuanToYi } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useT } from '../i18n.ts';
import { PeriodSelect, usePeriods } from '../selectors.tsx';
import { useSession } from '../session.ts';
import type { OfficialImportResult, OfficialImports, OfficialView } from '../types.ts';

const CONTROL_COLOR = { within: 'green', outside: 'red', no_file: 'orange', no_official: 'default' } as const;
type Line = OfficialView['reconciliation'][number];
type Control = OfficialView['completeness'][number];

function ImportCard(props: { onImported(): void }) {
  const { t, td, lang } = useT();
  const [result, setResult] = useState<OfficialImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const send = async (file: File) => {
    setError(null);
    setResult(null);
    try {
      const r = await uploadFile<OfficialImportResult>('/official/imports', file, {}, setPercent, [422]);
      setResult(r);
      if (r.status === 'imported') props.onImported();
    } catch (e) {
      setError(e instanceof ApiError ? e : null);
    } finally {
      setPercent(null);
    }
  };
  return (
    <Card title={t('official_import')}>
      <Upload.Dragger
        data-testid="official-upload"
        accept=".csv,.xlsx"
        showUploadList={false}
        disabled={percent !== null}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{t('official_drop')}</p>
        <Typography.Text type="secondary">period, scope, series, value, source</Typography.Text>
      </Upload.Dragger>
      <ErrorAlert error={error} />
      {result && (
        <div data-testid="official-result" style={{ marginTop: 12 }}>
          <Space>
            <Tag color={result.status === 'rejected' ? 'red' : 'green'} data-testid="official-status">
              {td(result.status)}
            </Tag>
            {result.import_id && `${t('version')} ${result.import_id}`}
            {result.periods.join(', ')}
          </Space>
          {result.violations.length > 0 && (
            <Table
              size="small"
              style={{ marginTop: 8 }}
              rowKey={(v) => `${v.rule_id}-${v.row ?? ''}-${v.column ?? ''}`}
              dataSource={result.violations}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('rule'), dataIndex: 'rule_id' },
                { title: t('row'), dataIndex: 'row', width: 70 },
                { title: t('column'), dataIndex: 'column' },
                { title: t('raw'), dataIndex: 'value' },
                { title: t('message'), render: (_x, v) => (lang === 'zh' ? v.message_zh : v.message_en) },
              ]}
            />
          )}
        </div>
      )}
    </Card>
  );
}

export function OfficialPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const periods = usePeriods();
  const [period, setPeriod] = useState<string | null>(null);
  const p = period ?? periods.data?.latest ?? null;
  const imports = useApi<OfficialImports>('/official/imports');
  const view = useApi<OfficialView>(p ? `/official/reconciliation?period=${p}` : null);
  const yi = (v: string | null) => yuanToYi(v);
  const tol = view.data?.tolerance;
  return (
    <div data-testid="page-official">
      <PageTitle
        extra={<PeriodSelect periods={periods.data?.periods ?? []} value={p} onChange={setPeriod} />}
      >
        {t('menu_official')}
      </PageTitle>
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        {user.role !== 'auditor' && (
          <ImportCard
            onImported={() => {
              imports.reload();
              view.reload();
            }}
          />
        )}
        <Card title={t('official_reconciliation')}>
          <Async loading={view.loading} error={view.error} reload={view.reload}>
            <Table<Line>
              data-testid="official-reconciliation"
              size="small"
              rowKey="series"
              pagination={false}
              dataSource={view.data?.reconciliation ?? []}
              columns={[
                { title: t('indicator'), dataIndex: 'series' },
                { title: t('official_value'), render: (_x, l) => yi(l.official) },
                { title: t('fivefin_figure'), render: (_x, l) => yi(l.fivefin) },
                { title: t('difference'), render: (_x, l) => yi(l.difference) },
                { title: t('missing_banks'), render: (_x, l) => yi(l.missing_banks) },
                { title: t('under_review'), render: (_x, l) => yi(l.under_review) },
                { title: t('exclusions'), render: (_x, l) => yi(l.exclusions) },
                { title: t('provisional'), render: (_x, l) => yi(l.provisional) },
                { title: t('unexplained'), render: (_x, l) => <b>{yi(l.unexplained)}</b> },
              ]}
            />
          </Async>
        </Card>
        <Card title={t('official_completeness')}>
          {tol && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={`${t('tolerance')}: max(${tol.absolute} 元, ${tol.relative} × ${t('official_value')}) — ${
                lang === 'zh' ? tol.note_zh : tol.note_en
              }`}
            />
          )}
          <Table<Control>
            data-testid="official-completeness"
            size="small"
            rowKey="institution_code"
            dataSource={view.data?.completeness ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('bank'), render: (_x, r) => `${r.institution_code} ${r.institution_name ?? ''}` },
              { title: t('official_value'), render: (_x, r) => yi(r.official) },
              { title: t('file_total'), render: (_x, r) => yi(r.file_total) },
              { title: t('entrusted'), render: (_x, r) => yi(r.entrusted) },
              { title: t('difference'), render: (_x, r) => yi(r.difference) },
              { title: t('tolerance'), render: (_x, r) => yi(r.tolerance) },
              {
                title: t('status'),
                render: (_x, r) => (
                  <Space size={4}>
                    <Tag color={CONTROL_COLOR[r.status]}>{t(`control_${r.status}`)}</Tag>
                    {r.under_review && <Tag color="blue">{t('under_review')}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        <Card title={t('official_versions')}>
          <Descriptions size="small" column={1}>
            {(imports.data ?? []).map((i) => (
              <Descriptions.Item key={i.import_id} label={`${t('version')} ${i.import_id}`}>
                {i.file_name} · {i.row_count} · {i.imported_by} · {i.imported_at} · {i.periods.join(', ')}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      </Space>
    </div>
  );
}
