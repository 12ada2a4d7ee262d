// The district map of a run: coloured by score where the caller sees every district's score, else by published grade.
import { Alert } from 'antd';

import { DistrictMap, type DistrictValue, type MapPiece } from '../../district-map.tsx';
import { useT } from '../../i18n.ts';
import { navigate } from '../../router.ts';
import type { AssessRun } from '../../types.ts';

/** Grades (A best) as map pieces; grades are published, so every user can see this colouring. */
const GRADE_PIECES: MapPiece[] = [
  { value: 4, label: 'A', color: '#2e7d32' },
  { value: 3, label: 'B', color: '#81c784' },
  { value: 2, label: 'C', color: '#fbc02d' },
  { value: 1, label: 'D', color: '#c62828' },
];
const GRADE_VALUE = new Map(GRADE_PIECES.map((p) => [p.label, p.value]));

/** District map of a run: by score where the caller sees every district's score, else by published grade. */
export function AssessMap(props: { view: AssessRun; period: string }) {
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
