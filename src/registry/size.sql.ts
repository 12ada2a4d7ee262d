// Enterprise size from the SME size rules (工信部联企业〔2011〕300号) as SQL over ref_sme_threshold: the
// industry's rule is chosen by the GB/T 4754-2017 code (the assumed hint of the reference JSON), then
// large / medium / small / micro from employees, revenue (万元) and total assets (万元). Any indicator the
// rule needs that is missing gives NULL (unknown), never a guess.

/** SQL: the threshold rule id for a 4-digit industry class `code` (uses ref_industry for the section). */
export function sizeRuleIdSql(code: string): string {
  const div = `substr(${code}, 1, 2)`;
  const section = `(SELECT d.parent FROM ref_industry d WHERE d.level = 'division' AND d.code = ${div})`;
  return `CASE
    WHEN ${code} = '7010' THEN 'real_estate_development'
    WHEN ${code} = '7020' THEN 'property_management'
    WHEN ${div} = '51' THEN 'wholesale'
    WHEN ${div} = '52' THEN 'retail'
    WHEN ${div} IN ('54', '55', '56', '57', '58') THEN 'transport'
    WHEN ${div} = '59' THEN 'warehousing'
    WHEN ${div} = '60' THEN 'postal'
    WHEN ${div} = '61' THEN 'accommodation'
    WHEN ${div} = '62' THEN 'catering'
    WHEN ${div} IN ('63', '64') THEN 'information_transmission'
    WHEN ${div} = '65' THEN 'software_it_services'
    WHEN ${section} = 'A' THEN 'agriculture'
    WHEN ${section} IN ('B', 'C', 'D') THEN 'industry'
    WHEN ${section} = 'E' THEN 'construction'
    WHEN ${section} = 'L' THEN 'leasing_business_services'
    ELSE 'other' END`;
}

/** SQL: derived size of an enterprise row with columns industry_code, employees, revenue_wan, total_assets_wan. */
export function derivedSizeSql(alias: string): string {
  const e = `${alias}.employees`;
  const r = `${alias}.revenue_wan`;
  const a = `${alias}.total_assets_wan`;
  const all = (f: string, op: string) =>
    `(t.${f}.employees_${op} IS NULL OR ${e} >= t.${f}.employees_${op}) AND (t.${f}.revenue_${op} IS NULL OR ${r} >= t.${f}.revenue_${op}) AND (t.${f}.total_assets_${op} IS NULL OR ${a} >= t.${f}.total_assets_${op})`;
  return `(SELECT CASE
      WHEN (list_contains(t.indicators, 'employees') AND ${e} IS NULL) OR (list_contains(t.indicators, 'revenue') AND ${r} IS NULL)
        OR (list_contains(t.indicators, 'total_assets') AND ${a} IS NULL) THEN NULL
      WHEN NOT ((t.sme_ceiling.employees_lt IS NOT NULL AND ${e} < t.sme_ceiling.employees_lt)
             OR (t.sme_ceiling.revenue_lt IS NOT NULL AND ${r} < t.sme_ceiling.revenue_lt)
             OR (t.sme_ceiling.total_assets_lt IS NOT NULL AND ${a} < t.sme_ceiling.total_assets_lt)) THEN 'large'
      WHEN ${all('medium_floor', 'gte')} THEN 'medium'
      WHEN ${all('small_floor', 'gte')} THEN 'small'
      ELSE 'micro' END
    FROM ref_sme_threshold t WHERE t.rule_id = ${sizeRuleIdSql(`${alias}.industry_code`)})`;
}
