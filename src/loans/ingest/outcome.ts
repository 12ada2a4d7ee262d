// The end of every ingest: its summary, the report, the log entry in the state store and the result.
import type { Stores } from '../../store/stores.ts';
import { writeReport, type ReportSummary, type WrittenReport } from '../report/write.ts';
import { initialReviewStatus } from '../review.ts';
import { SPEC_V1, SPEC_V2, type FileSpec } from '../spec.ts';
import { RULES_VERSION_V1, RULES_VERSION_V2, type Violation } from '../validate/rules.ts';
import type { IngestContext, IngestResult } from './types.ts';

export function summaryOf(
  status: ReportSummary['status'],
  file_name: string,
  institution_code: string | null,
  report_period: string | null,
  rows: number,
  error_count: number,
  warning_count: number,
  by_rule: ReportSummary['by_rule'],
  version: number | null,
  submission_id: string | null,
  spec: FileSpec | null = null,
): ReportSummary {
  return {
    status,
    file_name,
    institution_code,
    report_period,
    rows,
    error_count,
    warning_count,
    by_rule,
    version,
    submission_id,
    rule_version: spec === null ? '' : rulesVersion(spec),
  };
}

/** The rules a file of version `spec` is checked by. */
export function rulesVersion(spec: FileSpec): string {
  return spec === SPEC_V1 ? RULES_VERSION_V1 : RULES_VERSION_V2;
}

export function result(summary: ReportSummary, report: WrittenReport): IngestResult {
  const file_spec =
    summary.rule_version === RULES_VERSION_V1 ? SPEC_V1 : summary.rule_version === '' ? null : SPEC_V2;
  return {
    file_spec,
    status: summary.status,
    institution_code: summary.institution_code,
    report_period: summary.report_period,
    submission_id: summary.submission_id,
    version: summary.version,
    rows: summary.rows,
    error_count: summary.error_count,
    warning_count: summary.warning_count,
    report,
  };
}

/** Rejects the file before (or instead of) its rows are loaded: file-level violations only. */
export async function rejectEarly(
  ctx: IngestContext,
  violations: Violation[],
  hash: string,
  institution: string | null = null,
  period: string | null = null,
): Promise<IngestResult> {
  const byRule = [...new Set(violations.map((v) => v.rule_id))].map((id) => ({
    rule_id: id,
    severity: 'error',
    count: violations.filter((v) => v.rule_id === id).length,
  }));
  const summary = summaryOf(
    'rejected',
    ctx.fileName,
    institution,
    period,
    0,
    violations.length,
    0,
    byRule,
    null,
    null,
    ctx.spec ?? null,
  );
  const report = await writeReport(ctx.conn, ctx.reportDir, summary, null, violations);
  await log(ctx.stores, summary, hash, report.dir, ctx.opts.actor ?? null, null);
  return result(summary, report);
}

/** Writes the attempt to the state store's submission log. */
export async function log(
  stores: Stores,
  s: ReportSummary,
  hash: string,
  reportDir: string,
  actor: string | null,
  analyticsId: string | null,
): Promise<void> {
  await stores.state.query(
    `INSERT INTO submission_log (institution_code, report_period, status, version, analytics_submission_id, content_hash,
       file_name, row_count, error_count, warning_count, report_dir, actor, review_status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      s.institution_code ?? '',
      s.report_period ?? '',
      s.status,
      s.version,
      analyticsId,
      hash,
      s.file_name,
      s.rows,
      s.error_count,
      s.warning_count,
      reportDir,
      actor,
      // An accepted submission goes to review; with warnings it first needs the bank's explanation (校验说明).
      s.status === 'accepted' ? initialReviewStatus(s.warning_count) : null,
    ],
  );
}
