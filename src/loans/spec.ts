// The loan file of the reporting specification (DATA-SPEC §1): `loan-file-v2` (the PBoC 2025 caliber) and
// `loan-file-v1` (accepted during the transition, recognised by its header). Pure data — the data dictionary
// (docs/data-dictionary.md), the validator and the generator all read it.
import type { LoanColumn } from './spec.codes.ts';
import { LOAN_COLUMNS_V1 } from './spec.v1.ts';
import { LOAN_COLUMNS_V2 } from './spec.v2.ts';

export * from './spec.codes.ts';
export { LOAN_COLUMNS_V1 } from './spec.v1.ts';
export { LOAN_COLUMNS_V2 } from './spec.v2.ts';

export const SPEC_V1 = 'loan-file-v1';
export const SPEC_V2 = 'loan-file-v2';
export type FileSpec = typeof SPEC_V1 | typeof SPEC_V2;
/** The version of the loan file the platform documents and generates. */
export const SPEC_VERSION = SPEC_V2;

export const LOAN_FILE_SPECS: Readonly<Record<FileSpec, readonly LoanColumn[]>> = {
  [SPEC_V1]: LOAN_COLUMNS_V1,
  [SPEC_V2]: LOAN_COLUMNS_V2,
};

/** The columns of the current version of the loan file (loan-file-v2). */
export const LOAN_COLUMNS: readonly LoanColumn[] = LOAN_COLUMNS_V2;
export const LOAN_COLUMN_NAMES: readonly string[] = LOAN_COLUMNS.map((c) => c.name);
