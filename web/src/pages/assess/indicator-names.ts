// Indicator names for a run's subject: id → name in the current language, from the configuration version used.
import { useMemo } from 'react';

import { useApi } from '../../hooks.ts';
import { useT } from '../../i18n.ts';
import type { AssessConfig, SubjectKind } from '../../types.ts';

/** Indicator id → name in the current language, from the configuration version the run used. */
export function useIndicatorNames(
  version: number | undefined,
  kind: SubjectKind | undefined,
): (id: string) => string {
  const { lang } = useT();
  const c = useApi<AssessConfig>(version === undefined ? null : `/assess/config?version=${version}`);
  return useMemo(() => {
    const indicators = kind === undefined ? [] : (c.data?.config.subjects[kind].indicators ?? []);
    const names = new Map(indicators.map((i) => [i.id, lang === 'zh' ? i.name_zh : i.name_en]));
    return (id: string) => names.get(id) ?? id;
  }, [c.data, kind, lang]);
}
