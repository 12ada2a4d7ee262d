// A borrower outside Chongqing (loan-file-v2 accepts any GB/T 2260 county code) is counted in the city figures
// and reported under the district value 市外, never under its own code.
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { classifySubmission } from '../classify/classify.ts';
import { insertSubmission, openTestAnalytics } from '../classify/testing.ts';
import { recomputeAggregates } from './aggregates.sql.ts';
import { OUT_OF_CITY } from './district.sql.ts';

it('reports a borrower outside Chongqing as 市外 in the district dimension', async () => {
  const db = await openTestAnalytics();
  try {
    const id = await insertSubmission(
      db,
      { institution: 'B001', period: '2025-03', acceptedAt: '2025-04-10 09:00:00' },
      [
        { loan_id: 'IN', district_code: '500103', balance: '100.00' },
        { loan_id: 'OUT1', district_code: '510104', balance: '30.00', borrower_key: '915000000000000031' },
        { loan_id: 'OUT2', district_code: '440305', balance: '20.00', borrower_key: '915000000000000032' },
      ],
    );
    await classifySubmission(db, id);
    await recomputeAggregates(db, '2025-03', new Date('2025-04-10T09:00:00Z'));
    const rows = await db.all<{ dim_value: string; balance: string; loan_count: string }>(
      `SELECT dim_value, balance::VARCHAR AS balance, loan_count::VARCHAR AS loan_count FROM area_aggregates
       WHERE report_period = '2025-03' AND area = 'all_loans' AND dim = 'district' ORDER BY dim_value`,
    );
    assert.deepEqual(rows, [
      { dim_value: '500103', balance: '100.00', loan_count: '1' },
      { dim_value: OUT_OF_CITY, balance: '50.00', loan_count: '2' },
    ]);
    const [city] = await db.all<{ balance: string }>(
      `SELECT balance::VARCHAR AS balance FROM area_aggregates
       WHERE report_period = '2025-03' AND area = 'all_loans' AND dim = 'city'`,
    );
    assert.equal(city?.balance, '150.00');
  } finally {
    db.close();
  }
});
