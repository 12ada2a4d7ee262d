// MapPage (being built).
export function MapPage(_props: Record<string, string>) {
  return <div data-testid="page-map" />;
}
