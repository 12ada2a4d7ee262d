// A scoring run: reads the aggregates (DuckDB) and reviewers' scores (state store), scores every bank within
// its peer group and every district, and stores the run with its configuration version and data versions.
// Same inputs → identical stored results (inputs_hash and results_hash make that checkable).
import { createHash } from 'node:crypto';

import { DEFAULT_REPORTING_DEADLINE, type ReportingDeadline } from '../config/config.ts';
import type { Institution } from '../institutions/schema.sql.ts';
import type { Stores } from '../store/stores.ts';
import { inScope, type IndicatorConfig } from './engine/config.domain.ts';
import type { SubjectKind } from './engine/metrics.domain.ts';
import { parsePeriod } from './engine/period.domain.ts';
import { scoreSubjects, type SubjectInput, type SubjectScore } from './engine/score.domain.ts';
import { buildSubjectInputs, type SubjectFacts } from './engine/whatif.domain.ts';
import { assessError, type Result } from './errors.ts';
import { readAssessInputs } from './inputs.sql.ts';
import { noUploads, readQualityFacts } from './quality.sql.ts';
import { getConfigVersion, readQualitativeScores } from './store.ts';

export const DISTRICT_PEER_GROUP = 'district';

export interface RunInputs {
  bank: SubjectInput[];
  district: SubjectInput[];
}

export interface RunSummary {
  run_id: number;
  period: string;
  config_version: number;
  submission_ids: string[];
  rule_versions: string[];
  inputs_hash: string;
  results_hash: string;
  created_by: string;
  created_at: string;
}

export interface RunOutcome extends RunSummary {
  results: Record<SubjectKind, SubjectScore[]>;
}

const sha256 = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/** Scores both subject kinds from prepared inputs (pure). */
export function scoreRun(config: IndicatorConfig, inputs: RunInputs): Record<SubjectKind, SubjectScore[]> {
  return {
    bank: scoreSubjects({ subject: config.subjects.bank, grades: config.grades, subjects: inputs.bank }),
    district: scoreSubjects({
      subject: config.subjects.district,
      grades: config.grades,
      subjects: inputs.district,
    }),
  };
}

export async function runAssessment(
  stores: Stores,
  opts: {
    period: string;
    institutions: Institution[];
    actor: string;
    now: Date;
    configVersion?: number;
    /** The reporting deadline the data-quality indicators measure against (default: the 12th, 17:00). */
    deadline?: ReportingDeadline;
  },
): Promise<Result<RunOutcome>> {
  const p = parsePeriod(opts.period);
  if (!p) return { ok: false, errors: [assessError('ASSESS_BAD_PERIOD', { period: opts.period })] };
  if (opts.institutions.length === 0) return { ok: false, errors: [assessError('ASSESS_NO_INSTITUTIONS')] };
  const cv = await getConfigVersion(stores.state, opts.configVersion);
  if (!cv)
    return {
      ok: false,
      errors: [assessError('ASSESS_CONFIG_NOT_FOUND', { version: String(opts.configVersion) })],
    };

  const data = await readAssessInputs(stores.analytics, p);
  const qual = await readQualitativeScores(stores.state, p.period);
  const quality = await readQualityFacts(stores.state, p, opts.deadline ?? DEFAULT_REPORTING_DEADLINE);
  const districtNames = new Map(
    (await stores.state.query<{ code: string; name: string }>('SELECT code, name FROM ref_district')).map(
      (r) => [r.code, r.name],
    ),
  );
  const banks: SubjectFacts[] = opts.institutions
    .filter((i) => inScope(cv.config.subjects.bank.scope, i))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((i) => ({
      code: i.code,
      name: i.name_zh,
      peer_group: i.peer_group,
      aggregates: {
        ...(data.bank.get(i.code) ?? { areas: {} }),
        quality: quality.get(i.code) ?? noUploads(p),
      },
      qualitative: qual.bank.get(i.code) ?? {},
    }));
  const districts: SubjectFacts[] = [...data.district.keys()].sort().map((code) => ({
    code,
    name: districtNames.get(code) ?? code,
    peer_group: DISTRICT_PEER_GROUP,
    aggregates: data.district.get(code) ?? { areas: {} },
    qualitative: qual.district.get(code) ?? {},
  }));
  const inputs: RunInputs = {
    bank: buildSubjectInputs(cv.config.subjects.bank, banks),
    district: buildSubjectInputs(cv.config.subjects.district, districts),
  };
  const results = scoreRun(cv.config, inputs);
  const inputsHash = sha256({ period: p.period, config_version: cv.version, inputs });
  const resultsHash = sha256(results);

  const runId = await stores.state.transaction(async (tx) => {
    const [next] = await tx.query<{ id: number }>(
      'SELECT (coalesce(max(run_id), 0) + 1)::int AS id FROM assess_runs',
    );
    const id = next?.id ?? 1;
    await tx.query(
      `INSERT INTO assess_runs (run_id, period, config_version, submission_ids, rule_versions, inputs, inputs_hash,
         results_hash, created_by, created_at) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9, $10)`,
      [
        id,
        p.period,
        cv.version,
        JSON.stringify(data.submission_ids),
        JSON.stringify(data.rule_versions),
        JSON.stringify(inputs),
        inputsHash,
        resultsHash,
        opts.actor,
        opts.now,
      ],
    );
    for (const kind of ['bank', 'district'] as const) {
      for (const r of results[kind]) {
        await tx.query(
          `INSERT INTO assess_results (run_id, subject_kind, subject_code, name, peer_group, score, quantitative,
             qualitative, rank, peer_count, grade, breakdown) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12::jsonb)`,
          [
            id,
            kind,
            r.code,
            r.name,
            r.peer_group,
            r.score,
            r.quantitative,
            r.qualitative,
            r.rank,
            r.peer_count,
            r.grade,
            JSON.stringify(r.breakdown),
          ],
        );
      }
    }
    return id;
  });
  return {
    ok: true,
    value: {
      run_id: runId,
      period: p.period,
      config_version: cv.version,
      submission_ids: data.submission_ids,
      rule_versions: data.rule_versions,
      inputs_hash: inputsHash,
      results_hash: resultsHash,
      created_by: opts.actor,
      created_at: opts.now.toISOString(),
      results,
    },
  };
}
