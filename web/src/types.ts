// Shapes of the API answers the pages read and of the request bodies they send — derived from the generated
// OpenAPI types (web/src/api-schema.ts, made by scripts/openapi.ts from the server's route schemas), never
// written by hand: a changed schema that is not regenerated fails CI, and a regenerated one that a page no longer
// fits fails the type check.
import type { paths } from './api-schema.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Responses<O> = O extends { responses: infer R } ? R : never;
type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of the `status` answer of `method path` (path as in the OpenAPI document, with /api). */
export type Answer<
  P extends keyof paths,
  M extends Method = 'get',
  S extends keyof Responses<Operation<P, M>> = 200 & keyof Responses<Operation<P, M>>,
> = JsonBody<Responses<Operation<P, M>>[S]>;

/** The JSON request body of `method path`. */
export type RequestBody<P extends keyof paths, M extends Method = 'post'> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters of `GET path`. */
export type Query<P extends keyof paths> =
  Operation<P, 'get'> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

// ── Session ──────────────────────────────────────────────────────────────────────────────────────────────────
export type Session = Answer<'/api/me'>;
export type User = Session['user'];
export type Role = User['role'];
export type LoginBody = RequestBody<'/api/auth/login'>;
export type ChangePasswordBody = RequestBody<'/api/auth/change-password'>;

// ── Statistics ───────────────────────────────────────────────────────────────────────────────────────────────
export type Area = NonNullable<Query<'/api/stats/rankings'>['area']>;
/** The five areas in the plan's order. */
export const AREAS = ['tech', 'green', 'inclusive', 'pension', 'digital'] as const satisfies readonly Area[];

export type Figures = Answer<'/api/stats/figures'>;
export type Figure = Figures['figures'][number];
export type Periods = Answer<'/api/stats/periods'>;
export type ReleaseAnswer = Answer<'/api/stats/release'>;
export type TargetReport = Answer<'/api/stats/targets'>;
export type TargetEvaluation = TargetReport['evaluations'][number];
export type History = Answer<'/api/stats/history'>;
export type Rankings = Answer<'/api/stats/rankings'>;
export type RankingRow = Rankings['rows'][number];
export type Drill = Answer<'/api/stats/drill'>;
export type DrillRow = Extract<Drill, { level: 'district' | 'institution' }>['rows'][number];
export type LoanRow = Extract<Drill, { level: 'loan' }>['rows'][number];
export type Explanation = Answer<'/api/stats/loans/{institution}/{loan_id}/explain'>;
export type Reconciliation = Answer<'/api/stats/reconciliation'>;
export type ReconciliationItem = Reconciliation['items'][number];

// ── Loans and institutions ───────────────────────────────────────────────────────────────────────────────────
export type Institution = Answer<'/api/loans/institutions'>[number];
export type UploadResult = Answer<'/api/loans/submissions', 'post', 201>;
export type Violation = UploadResult['violations'][number];
export type Submissions = Answer<'/api/loans/submissions'>;
export type SubmissionItem = Submissions['items'][number];

// ── Audit ────────────────────────────────────────────────────────────────────────────────────────────────────
export type AuditLog = Answer<'/api/audit'>;
export type AuditEntry = AuditLog['items'][number];

// ── Assessment ───────────────────────────────────────────────────────────────────────────────────────────────
/** A period's latest run: published ranks and the breakdowns the caller may see. */
export type AssessRun = Answer<'/api/assess/runs/{period}'>;
export type AssessResult = AssessRun['detailed'][number];
export type AssessBreakdown = AssessResult['breakdown'][number];
export type AssessRank = AssessRun['ranks'][number];
export type SubjectKind = AssessRank['subject_kind'];
export type AssessSubject = Answer<'/api/assess/runs/{period}/{kind}/{code}'>;
export type AssessHistory = Answer<'/api/assess/history/{kind}/{code}'>;
export type AssessHistoryEntry = AssessHistory['entries'][number];
export type AssessConfig = Answer<'/api/assess/config'>;
export type AssessRunBody = RequestBody<'/api/assess/runs'>;
export type WhatIfBody = RequestBody<'/api/assess/runs/{period}/what-if'>;
export type WhatIf = Answer<'/api/assess/runs/{period}/what-if', 'post'>;

// ── Joint promotion ──────────────────────────────────────────────────────────────────────────────────────────
export type PromoteMatrix = Answer<'/api/promote/matrix'>;
export type MatrixRow = PromoteMatrix['rows'][number];
export type MatrixCell = MatrixRow['cells'][number];
export type CellStatus = MatrixCell['status'];
export type MeasurePage = Answer<'/api/promote/measures/{no}/page'>;
/** A work item with its latest report and where it stands (my tasks add the user's role in it). */
export type ItemView = MeasurePage['items'][number];
export type IndicatorLine = MeasurePage['indicators'][number];
export type MyTasks = Answer<'/api/promote/my-tasks'>;
export type DistrictPage = Answer<'/api/promote/districts/{code}'>;
export type ItemDetail = Answer<'/api/promote/items/{id}'>;
export type ProgressReport = ItemDetail['reports'][number];
export type ProgressStatus = ProgressReport['status'];
export type Notice = Answer<'/api/promote/notices'>[number];
export type FileReportBody = RequestBody<'/api/promote/items/{id}/reports/{quarter}', 'put'>;
export type FiledReport = Answer<'/api/promote/items/{id}/reports/{quarter}', 'put'>;
export type ReviewBody = RequestBody<'/api/promote/reports/{id}/review'>;
export type AttachmentBody = RequestBody<'/api/promote/reports/{id}/attachments'>;
export type OfficialImportResult = Answer<'/api/official/imports', 'post', 201>;
export type OfficialImports = Answer<'/api/official/imports'>;
export type OfficialView = Answer<'/api/official/reconciliation'>;
