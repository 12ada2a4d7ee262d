// Times as the analytics store's TIMESTAMP columns hold them (pure).

/** 'YYYY-MM-DD HH:MM:SS.sss' (UTC) of a time, for a TIMESTAMP parameter. */
export function sqlTimestamp(t: Date): string {
  return t.toISOString().replace('T', ' ').replace('Z', '');
}
