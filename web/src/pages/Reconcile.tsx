// ReconcilePage (being built).
export function ReconcilePage(_props: Record<string, string>) {
  return <div data-testid="page-reconcile" />;
}
