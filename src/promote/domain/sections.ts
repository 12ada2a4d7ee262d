// The free-text sections of the city report (issue 17 item 8): each unit writes its problems, next steps and
// requests for a period; the coordinator may write one merged text per kind, which then replaces the units'
// texts in the report. Quarter 0 is the yearly report.
import type { Unit } from './model.ts';

export const SECTION_KINDS = ['problems', 'next_steps', 'requests'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const SECTION_ZH: Record<SectionKind, string> = {
  problems: '存在的问题',
  next_steps: '下一步工作',
  requests: '意见建议',
};

/** One stored text: a unit's own, or the coordinator's merged text (unit_id ''). */
export interface ReportSection {
  year: number;
  quarter: number;
  kind: SectionKind;
  merged: boolean;
  unit_id: string;
  body: string;
  updated_by: string;
  updated_at: Date;
}

/** One printed paragraph of a section: the unit's name (empty for the merged text) and the text. */
export interface SectionParagraph {
  unit: string;
  body: string;
}

/** Per kind, the merged text when the coordinator wrote one, else every unit's text ordered by unit id. */
export function mergeSections(
  sections: ReportSection[],
  units: Unit[],
): Record<SectionKind, SectionParagraph[]> {
  const name = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const out = {} as Record<SectionKind, SectionParagraph[]>;
  for (const kind of SECTION_KINDS) {
    const of = sections.filter((s) => s.kind === kind && s.body.trim() !== '');
    const merged = of.find((s) => s.merged);
    out[kind] = merged
      ? [{ unit: '', body: merged.body }]
      : of
          .sort((a, b) => a.unit_id.localeCompare(b.unit_id))
          .map((s) => ({ unit: name(s.unit_id), body: s.body }));
  }
  return out;
}
