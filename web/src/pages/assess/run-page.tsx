// The assessment page: pick a quarter, run its scoring (regulators), export it, and read its ranks and district map.
import { DownloadOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Select, Space, Tabs } from 'antd';
import { useState } from 'react';

import { api, download } from '../../api.ts';
import { Async, ErrorAlert, PageTitle } from '../../components.tsx';
import { useAction, useApi } from '../../hooks.ts';
import { useT } from '../../i18n.ts';
import { useSession } from '../../session.ts';
import type { AssessRun, AssessRunBody } from '../../types.ts';
import { AssessMap } from './map.tsx';
import { RanksTable } from './ranks-table.tsx';

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
                {
                  key: 'bank',
                  label: t('subject_bank'),
                  children: <RanksTable run={r.data} kind="bank" period={period} />,
                },
                {
                  key: 'district',
                  label: t('subject_district'),
                  children: <RanksTable run={r.data} kind="district" period={period} />,
                },
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
