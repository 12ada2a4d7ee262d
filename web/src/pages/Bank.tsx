// BankPage (being built).
export function BankPage(_props: Record<string, string>) {
  return <div data-testid="page-bank" />;
}
