// Shapes of the API answers the pages read — derived from the generated OpenAPI types (web/src/api-schema.ts,
// made by scripts/openapi.ts from the server's route schemas), never written by hand: a changed response schema
// that is not regenerated fails CI, and a regenerated one that a page no longer fits fails the type check.
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

export type Area = NonNullable<Query<'/api/stats/rankings'>['area']>;
/** The five areas in the plan's order. */
export const AREAS = ['tech', 'green', 'inclusive', 'pension', 'digital'] as const satisfies readonly Area[];

export type Figure = Answer<'/api/stats/figures'>['figures'][number];
export type Periods = Answer<'/api/stats/periods'>;
export type TargetReport = Answer<'/api/stats/targets'>;
export type TargetEvaluation = TargetReport['evaluations'][number];
export type History = Answer<'/api/stats/history'>;
export type RankingRow = Answer<'/api/stats/rankings'>['rows'][number];
export type Drill = Answer<'/api/stats/drill'>;
export type DrillRow = Extract<Drill, { level: 'district' | 'institution' }>['rows'][number];
export type LoanRow = Extract<Drill, { level: 'loan' }>['rows'][number];
export type UploadResult = Answer<'/api/loans/submissions', 'post', 201>;
export type Violation = UploadResult['violations'][number];
export type SubmissionItem = Answer<'/api/loans/submissions'>['items'][number];
