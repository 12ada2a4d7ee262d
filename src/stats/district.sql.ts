// The district dimension's value of a loan: its Chongqing county code, or 市外 for a borrower outside the city
// (loan-file-v2 accepts any GB/T 2260 county code).

/** The district value of a borrower outside Chongqing. */
export const OUT_OF_CITY = '市外';

/** SQL: the district dimension's value of a district code: the code in Chongqing, 市外 otherwise. */
export function outOfCitySql(code: string): string {
  return `CASE WHEN ${code} IN (SELECT code FROM ref_district) THEN ${code} ELSE '${OUT_OF_CITY}' END`;
}
