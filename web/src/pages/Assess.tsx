// Assessment pages (being built).
export function AssessPage() {
  return <div data-testid="page-assess" />;
}
export function AssessSubjectPage(_props: { period: string; kind: string; code: string }) {
  return <div data-testid="page-assess-subject" />;
}
