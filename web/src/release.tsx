// The release figures panel (GET /api/stats/release): the city's 余额, 比年初增加, 同比, 同比多增, 当年累计发放,
// 户数, 首贷户, 利率 and comparable growth per area for a period — by default the latest complete one — with
// "N / M 家机构已报送", when the figures were computed and whether they are being recomputed; any period can be
// picked.
import { Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';

import { Async } from './components.tsx';
import { yuanToYi } from './format.ts';
import { useApi } from './hooks.ts';
import { useT } from './i18n.ts';
import { PeriodSelect } from './selectors.tsx';
import type { ReleaseAnswer } from './types.ts';

type Row = ReleaseAnswer['figures'][number];
const AREA_KEYS = ['tech', 'green', 'inclusive', 'pension', 'digital', 'all5', 'all_loans'];
const pctText = (v: string | null) => (v === null ? '—' : `${v}%`);

export function ReleasePanel() {
  const { t } = useT();
  const [period, setPeriod] = useState<string | null>(null);
  const r = useApi<ReleaseAnswer>(`/stats/release?dim=city${period ? `&period=${period}` : ''}`);
  const rows = (r.data?.figures ?? []).filter((f) => AREA_KEYS.includes(f.key));
  const d = r.data;
  return (
    <Card
      data-testid="release-panel"
      title={t('release_title')}
      style={{ marginBottom: 16 }}
      extra={
        <Space>
          {d ? (
            <Typography.Text data-testid="release-reported">
              {d.period} · {d.institutions_reported} / {d.institutions_expected} {t('release_reported')}
            </Typography.Text>
          ) : null}
          {d && !d.complete ? <Tag color="orange">{t('release_incomplete')}</Tag> : null}
          {d?.computed_at ? (
            <Typography.Text type="secondary">
              {t('release_as_of')} {d.computed_at.slice(11, 16)} UTC
              {d.recomputing ? `，${t('release_recomputing')}` : ''}
            </Typography.Text>
          ) : null}
          <PeriodSelect
            periods={(d?.periods ?? []).map((p) => p.period)}
            value={d?.period ?? null}
            onChange={setPeriod}
          />
        </Space>
      }
    >
      <Async loading={r.loading} error={r.error} reload={r.reload} empty={rows.length === 0}>
        <Table<Row>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          scroll={{ x: true }}
          columns={[
            { title: t('release_item'), dataIndex: 'key_label' },
            { title: t('release_balance'), render: (_, f) => yuanToYi(f.balance) },
            { title: t('release_ytd_increase'), render: (_, f) => yuanToYi(f.ytd_increase) },
            { title: t('yoy'), render: (_, f) => pctText(f.yoy) },
            { title: t('release_yoy_extra'), render: (_, f) => yuanToYi(f.yoy_extra_increase) },
            { title: t('release_ytd_issued'), render: (_, f) => yuanToYi(f.ytd_issued) },
            { title: t('release_borrowers'), dataIndex: 'borrowers_with_balance' },
            { title: t('release_first_loans'), render: (_, f) => f.first_loan_borrowers_ytd ?? '—' },
            { title: t('release_loan_rate'), render: (_, f) => f.new_loan_rate ?? '—' },
            { title: t('release_bill_rate'), render: (_, f) => f.bill_rate ?? '—' },
            { title: t('release_yoy_comparable'), render: (_, f) => pctText(f.yoy_comparable) },
          ]}
        />
      </Async>
    </Card>
  );
}
