// Exhaustiveness helper for tagged unions dispatched by `switch`.
export function assertNever(x: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(x)}`);
}
