// The summary rows (字段类别 T01–T12) of a message, computed in SQL from its loan rows joined to their loans: the
// one computation the ingest compares a bank's summary rows with and the export writes. Stock messages sum the
// period-end balance, flow messages the amount issued in the month; the rate is weighted by that amount; the count
// is of distinct borrowers with an amount.
import type { MessageSpec } from './spec.ts';

/**
 * SQL of the summary rows of `m`, in order: (line, cat, amount, rate, n) as the message writes them
 * (`0.00`, `5.20000`, `12`). `loans` is a relation of the message's loan rows with the message's fields plus
 * `amt` DECIMAL(18,2) (balance or amount issued), `rate` (percent) and `borrower`.
 */
export function summarySql(m: MessageSpec, loans: string): string {
  return m.summary
    .map(
      (s, i) => `SELECT ${i + 1} AS line, '${s.code}' AS cat,
        CAST(coalesce(sum(amt), 0) AS DECIMAL(20,2))::VARCHAR AS amount,
        CAST(CASE WHEN coalesce(sum(amt), 0) > 0 THEN round(sum(CAST(amt AS DECIMAL(24,2)) * rate) / sum(amt), 5) ELSE 0 END AS DECIMAL(15,5))::VARCHAR AS rate,
        (count(DISTINCT borrower) FILTER (WHERE amt > 0))::VARCHAR AS n
      FROM ${loans} WHERE ${s.when}`,
    )
    .join('\nUNION ALL\n');
}
