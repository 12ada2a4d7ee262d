// DistrictPage (being built).
export function DistrictPage(_props: Record<string, string>) {
  return <div data-testid="page-district" />;
}
