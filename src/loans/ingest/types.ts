// The ingest's options and result, and the context its stages share.
import type { AnalyticsConn } from '../../store/analytics/duckdb.ts';
import type { Stores } from '../../store/stores.ts';
import type { ReportSummary, WrittenReport } from '../report/write.ts';
import type { Violation } from '../validate/rules.ts';
import type { FileSpec } from '../spec.ts';
import type { TextEncoding } from './detect.ts';

export interface IngestOptions {
  path: string;
  /** The name shown in reports (defaults to the path's base name). */
  fileName?: string;
  /** The submitting institution and period; taken from the first row when not given. */
  institution?: string;
  period?: string;
  encoding?: TextEncoding;
  actor?: string | null;
  /** Where report folders go. */
  reportRoot: string;
  /** The report folder's name under reportRoot (default: a random UUID); must be unique per upload. */
  reportId?: string;
  /**
   * Where the private work folder (converted copies of the file, holding clear IDs) is made: the platform passes
   * <dataDir>/work, which start-up sweeps after a crash. Default: the OS temporary folder.
   */
  workRoot?: string;
  hmacKey: Buffer;
  now: () => Date;
  /** Runs inside the accepting transaction (e.g. classification), with the new submission id. */
  inTransaction?: (tx: AnalyticsConn, submissionId: string) => Promise<void>;
  onProgress?: (stage: string) => void;
  /** Violations found before the rows are read (the message-set checks): listed first, counted by rule. */
  fileLevel?: { violations: Violation[]; by_rule: ReportSummary['by_rule'] };
  /** Last day (YYYY-MM-DD) on which loan-file-v1 files are accepted (configuration); null = no end. */
  v1AcceptedUntil?: string | null;
}

export interface IngestResult {
  status: 'accepted' | 'rejected' | 'duplicate';
  institution_code: string | null;
  report_period: string | null;
  submission_id: string | null;
  version: number | null;
  rows: number;
  error_count: number;
  warning_count: number;
  /** The version of the loan file, recognised by its header (null when the file could not be read). */
  file_spec: FileSpec | null;
  report: WrittenReport;
}

/** What every stage of one ingest needs: where it reports, its connection, the stores and the options. */
export interface IngestContext {
  fileName: string;
  reportDir: string;
  conn: AnalyticsConn;
  stores: Stores;
  opts: IngestOptions;
  /** The version of the file, once its header is read (reports and the log say which rules applied). */
  spec?: FileSpec;
}
