// A subject's per-indicator breakdown: weight, raw value, normalised score, contribution and the peer median.
import { Table } from 'antd';

import { useT } from '../../i18n.ts';
import type { AssessBreakdown } from '../../types.ts';

export function BreakdownTable(props: { breakdown: AssessBreakdown[]; nameOf(id: string): string }) {
  const { t } = useT();
  return (
    <Table<AssessBreakdown>
      size="small"
      rowKey="indicator_id"
      pagination={false}
      dataSource={props.breakdown}
      columns={[
        {
          title: t('indicator'),
          dataIndex: 'indicator_id',
          render: (id: string) => <span title={id}>{props.nameOf(id)}</span>,
        },
        { title: t('weight'), dataIndex: 'weight', align: 'right' },
        { title: t('raw'), dataIndex: 'raw', align: 'right' },
        { title: t('normalised'), dataIndex: 'normalised', align: 'right' },
        { title: t('contribution'), dataIndex: 'contribution', align: 'right' },
        { title: t('peer_median'), render: (_x, b) => b.peer.median ?? '—', align: 'right' },
      ]}
    />
  );
}
