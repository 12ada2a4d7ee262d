// LoanPage (being built).
export function LoanPage(_props: Record<string, string>) {
  return <div data-testid="page-loan" />;
}
