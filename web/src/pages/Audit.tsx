// AuditPage (being built).
export function AuditPage(_props: Record<string, string>) {
  return <div data-testid="page-audit" />;
}
