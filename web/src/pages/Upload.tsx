// UploadPage (being built).
export function UploadPage(_props: Record<string, string>) {
  return <div data-testid="page-upload" />;
}
