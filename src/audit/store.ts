// Audit log in the state store: append one event, and read a filtered page (newest first).
import type { PgParam, StateTx } from '../store/state/pg.ts';
import type { AuditEvent } from '../http/route-context.ts';

export interface AuditRow {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  object_type?: string;
  object_id?: string;
  /** Inclusive lower bound of `at`. */
  from?: Date;
  /** Exclusive upper bound of `at`. */
  to?: Date;
  limit: number;
  offset: number;
}

/** Appends one event at time `at`. Works inside a transaction too (pass the tx). */
export async function appendAudit(db: StateTx, event: AuditEvent, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, actor, action, object_type, object_id, detail, ip)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
    [
      at,
      event.actor,
      event.action,
      event.object_type,
      event.object_id,
      JSON.stringify(event.detail ?? {}),
      event.ip ?? null,
    ],
  );
}

/** Returns the `RouteDeps.audit` function over a state store and a clock. */
export function auditSink(db: StateTx, now: () => Date): (event: AuditEvent) => Promise<void> {
  return (event) => appendAudit(db, event, now());
}

/** A page of the audit log matching `f`, newest first, with the total count of matches. */
export async function queryAudit(db: StateTx, f: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
  const where: string[] = [];
  const params: PgParam[] = [];
  const add = (clause: string, value: PgParam) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (f.actor !== undefined) add('actor = ?', f.actor);
  if (f.action !== undefined) add('action = ?', f.action);
  if (f.object_type !== undefined) add('object_type = ?', f.object_type);
  if (f.object_id !== undefined) add('object_id = ?', f.object_id);
  if (f.from !== undefined) add('at >= ?', f.from);
  if (f.to !== undefined) add('at < ?', f.to);
  const cond = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log ${cond}`, params);
  const rows = await db.query<Omit<AuditRow, 'at'> & { at: Date }>(
    `SELECT id::text AS id, at, actor, action, object_type, object_id, detail, ip FROM audit_log ${cond}
     ORDER BY audit_log.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return {
    items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    total: Number(count?.n ?? '0'),
  };
}
