// The ranking table of one subject kind in a run: rank and score (where disclosed), name, peer group, grade.
import { Table, Tag } from 'antd';

import { useT } from '../../i18n.ts';
import { navigate } from '../../router.ts';
import type { AssessRank, AssessRun, SubjectKind } from '../../types.ts';

/** The banks' or districts' published ranks; a row opens that subject's breakdown. */
export function RanksTable(props: { run: AssessRun | null; kind: SubjectKind; period: string }) {
  const { t } = useT();
  const { kind, period } = props;
  const scores = new Map((props.run?.detailed ?? []).map((d) => [`${d.subject_kind}/${d.code}`, d.score]));
  return (
    <Table<AssessRank>
      data-testid={`assess-ranks-${kind}`}
      size="small"
      rowKey="code"
      dataSource={(props.run?.ranks ?? []).filter((x) => x.subject_kind === kind)}
      pagination={{ pageSize: 15, showSizeChanger: false }}
      onRow={(x) => ({
        style: { cursor: 'pointer' },
        onClick: () => navigate(`/assess/${period}/${kind}/${x.code}`),
      })}
      columns={[
        {
          title: t('rank'),
          dataIndex: 'rank',
          width: 70,
          // a null rank: the disclosure level shows this subject's tier only
          render: (r: number | null) => r ?? '—',
          sorter: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity),
        },
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
}
