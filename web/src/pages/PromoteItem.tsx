// A promotion work item: its quarterly reports with review history and attachments; the owner unit files (or,
// after a return, re-files) a quarter's report with an attachment; a coordinator accepts or returns it.
import { Button, Card, Descriptions, Form, Input, List, Select, Space, Tag, Timeline, Upload } from 'antd';
import { useState } from 'react';

import { api } from '../api.ts';
import { Async, ErrorAlert, PageTitle } from '../components.tsx';
import { useAction, useApi } from '../hooks.ts';
import { useT } from '../i18n.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session.ts';
import type {
  AttachmentBody,
  FiledReport,
  FileReportBody,
  ItemDetail,
  ProgressStatus,
  ReviewBody,
} from '../types.ts';
import { PROMO_COLOURS } from './Promote.tsx';

/** The report form: the quarter (path) and the body's status and narrative. */
type ReportForm = Pick<FileReportBody, 'status' | 'narrative'> & { quarter: number };

/** The progress statuses a report is filed with, in the order the form offers them. */
const PROGRESS_STATUSES = [
  'not_started',
  'on_track',
  'at_risk',
  'done',
] as const satisfies readonly ProgressStatus[];

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

export function PromoteItemPage(props: { id: string }) {
  const { t, td, lang } = useT();
  const { user } = useSession();
  const d = useApi<ItemDetail>(`/promote/items/${props.id}`);
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, run } = useAction();
  const [comment, setComment] = useState('');
  const coordinator = user.role === 'admin' || user.role === 'regulator';
  const act = (fn: () => Promise<void>) =>
    run(async () => {
      await fn();
      d.reload();
    });
  const fileReport = (v: ReportForm) =>
    act(async () => {
      const rep = await api<FiledReport>(`/promote/items/${props.id}/reports/${v.quarter}`, {
        method: 'PUT',
        body: { status: v.status, narrative: v.narrative } satisfies FileReportBody,
      });
      if (file)
        await api(`/promote/reports/${rep.id}/attachments`, {
          body: {
            name: file.name,
            mime: file.type || 'application/octet-stream',
            content_base64: await toBase64(file),
          } satisfies AttachmentBody,
        });
      setFile(null);
    });
  const review = (reportId: string, decision: ReviewBody['decision']) =>
    act(async () => {
      await api(`/promote/reports/${reportId}/review`, {
        body: (decision === 'accept' ? { decision } : { decision, comment }) satisfies ReviewBody,
      });
      setComment('');
    });
  const detail = d.data;
  return (
    <div data-testid="page-promote-item">
      <PageTitle extra={<Button onClick={() => navigate('/promote')}>{t('back')}</Button>}>
        {detail?.item.title ?? props.id}
      </PageTitle>
      <ErrorAlert error={error} testId="promote-error" />
      <Async loading={d.loading && !d.data} error={d.error} reload={d.reload}>
        {detail && (
          <>
            <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('measure')}>{detail.item.measure_no}</Descriptions.Item>
              <Descriptions.Item label={t('owner_unit')}>{detail.item.owner_unit}</Descriptions.Item>
              <Descriptions.Item label={t('due_quarter')}>
                {detail.item.year}-Q{detail.item.due_quarter}
              </Descriptions.Item>
              <Descriptions.Item label={t('status')}>
                <Tag color={PROMO_COLOURS[detail.view.status ?? 'not_started']} data-testid="item-status">
                  {td('promo_' + (detail.view.status ?? 'not_started'))}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('deadline')}>{detail.view.deadline}</Descriptions.Item>
              <Descriptions.Item label={t('review_state')}>
                <span data-testid="item-review">
                  {detail.view.latest ? td('review_' + detail.view.latest.review_state) : '—'}
                </span>
              </Descriptions.Item>
            </Descriptions>
            <Card title={t('reports')} size="small" style={{ marginBottom: 16 }}>
              <List
                dataSource={detail.reports}
                locale={{ emptyText: t('no_data') }}
                renderItem={(r) => (
                  <List.Item data-testid={`report-${r.quarter}`}>
                    <div style={{ width: '100%' }}>
                      <Space style={{ marginBottom: 8 }}>
                        <b>Q{r.quarter}</b>
                        <Tag color={PROMO_COLOURS[r.status]}>{td('promo_' + r.status)}</Tag>
                        <Tag>{td('review_' + r.review_state)}</Tag>
                        <span>v{r.version}</span>
                      </Space>
                      <div style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>{r.narrative}</div>
                      {r.attachments.map((a) => (
                        <div key={a.id}>
                          📎{' '}
                          <a href={`/api/promote/attachments/${a.id}`} data-testid="attachment-link">
                            {a.name}
                          </a>
                        </div>
                      ))}
                      <Timeline
                        style={{ marginTop: 12 }}
                        items={r.events.map((e) => ({
                          color: e.event.startsWith('return')
                            ? 'red'
                            : e.event.startsWith('accept')
                              ? 'green'
                              : 'blue',
                          children: `${new Date(e.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')} · ${e.actor} · ${td('event_' + e.event)}${e.comment ? ' — ' + e.comment : ''}`,
                        }))}
                      />
                      {coordinator && r.review_state === 'submitted' && (
                        <Space>
                          <Input
                            placeholder={t('comment')}
                            value={comment}
                            onChange={(e) => setComment(e.target.value)}
                            data-testid="review-comment"
                            style={{ width: 320 }}
                          />
                          <Button
                            type="primary"
                            loading={busy}
                            onClick={() => void review(r.id, 'accept')}
                            data-testid="review-accept"
                          >
                            {t('accept')}
                          </Button>
                          <Button
                            danger
                            loading={busy}
                            onClick={() => void review(r.id, 'return')}
                            data-testid="review-return"
                          >
                            {t('return_')}
                          </Button>
                        </Space>
                      )}
                    </div>
                  </List.Item>
                )}
              />
            </Card>
            {!coordinator && user.role !== 'auditor' && (
              <Card title={t('file_report')} size="small">
                <Form
                  layout="vertical"
                  onFinish={(v: ReportForm) => void fileReport(v)}
                  initialValues={{ quarter: detail.item.due_quarter, status: 'on_track' }}
                  data-testid="report-form"
                >
                  <Space>
                    <Form.Item name="quarter" label={t('quarter')}>
                      <Select
                        style={{ width: 100 }}
                        options={[1, 2, 3, 4].map((q) => ({ value: q, label: `Q${q}` }))}
                      />
                    </Form.Item>
                    <Form.Item name="status" label={t('status')}>
                      <Select
                        style={{ width: 160 }}
                        data-testid="report-status"
                        options={PROGRESS_STATUSES.map((s) => ({
                          value: s,
                          label: td('promo_' + s),
                        }))}
                      />
                    </Form.Item>
                  </Space>
                  <Form.Item
                    name="narrative"
                    label={t('progress_text')}
                    rules={[{ required: true, message: t('required') }]}
                  >
                    <Input.TextArea rows={4} data-testid="report-narrative" />
                  </Form.Item>
                  <Form.Item label={t('attachment')}>
                    <Upload
                      beforeUpload={(f) => {
                        setFile(f as File);
                        return false;
                      }}
                      maxCount={1}
                      onRemove={() => setFile(null)}
                    >
                      <Button>{t('choose_file')}</Button>
                    </Upload>
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit">
                    {t('submit')}
                  </Button>
                </Form>
              </Card>
            )}
          </>
        )}
      </Async>
    </div>
  );
}
