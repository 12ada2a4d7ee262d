// Joint promotion pages (being built).
export function PromotePage() {
  return <div data-testid="page-promote" />;
}
export function PromoteMeasurePage(_props: { id: string }) {
  return <div data-testid="page-promote-measure" />;
}
