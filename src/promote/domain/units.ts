// The directory of responsible units: the plan's units (coordinators, regulators, municipal departments and
// 各区县政府), the 38 districts and counties, and the banks (passed in; the institution list lives elsewhere).
import { districtUnitId, institutionUnitId } from './access.ts';
import type { Unit, UnitKind } from './model.ts';

/** The two units that lead the joint promotion mechanism (plan §六(十六)). */
export const COORDINATOR_UNITS = ['人行重庆市分行', '市委金融办'] as const;
export const REGULATOR_UNITS = ['重庆金融监管局', '重庆证监局', '外汇局重庆市分局'] as const;
/** The plan's collective unit for all district and county governments. */
export const ALL_DISTRICTS_UNIT = '各区县政府';

export interface DistrictRef {
  code: string;
  name: string;
}

export interface InstitutionRef {
  code: string;
  name: string;
  email?: string | null;
}

function planUnitKind(name: string): UnitKind {
  if ((COORDINATOR_UNITS as readonly string[]).includes(name)) return 'coordinator';
  if ((REGULATOR_UNITS as readonly string[]).includes(name)) return 'regulator';
  if (name === ALL_DISTRICTS_UNIT) return 'district_group';
  return 'municipal';
}

/** Builds the directory: plan units first (in plan order), then districts, then institutions. */
export function buildUnitDirectory(
  planUnits: string[],
  districts: DistrictRef[],
  institutions: InstitutionRef[],
): Unit[] {
  const base = { district_code: null, institution_code: null, email: null };
  return [
    ...planUnits.map((name): Unit => ({ ...base, id: name, name, kind: planUnitKind(name) })),
    ...districts.map((d): Unit => ({
      ...base,
      id: districtUnitId(d.code),
      name: d.name,
      kind: 'district',
      district_code: d.code,
    })),
    ...institutions.map((i): Unit => ({
      ...base,
      id: institutionUnitId(i.code),
      name: i.name,
      kind: 'institution',
      institution_code: i.code,
      email: i.email ?? null,
    })),
  ];
}

/** Whether `unitId` is named by a measure's unit list, directly or (for districts) through 各区县政府. */
export function unitServesMeasure(unitId: string, measureUnits: string[]): boolean {
  if (measureUnits.includes(unitId)) return true;
  return unitId.startsWith('district:') && measureUnits.includes(ALL_DISTRICTS_UNIT);
}
