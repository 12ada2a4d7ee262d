// Reminders: due-soon and overdue notices for open work items (in the app, one per item, kind and quarter),
// and e-mail of new notices to units with an address when an SMTP URL is configured.
import nodemailer from 'nodemailer';

import type { StateTx } from '../store/state/pg.ts';
import { quarterKey, type Notice, type NoticeKind } from './domain/model.ts';
import { daysLeft, deadlineOf, quarterOf } from './domain/schedule.ts';
import * as store from './store.ts';

export interface NoticeDeps {
  db: StateTx;
  now(): Date;
  dueSoonDays?: number;
}

const SUBJECT_ZH: Record<NoticeKind, string> = {
  due_soon: '临近到期提醒',
  overdue: '逾期提醒',
  returned: '进展报告退回',
};
const SUBJECT_EN: Record<NoticeKind, string> = {
  due_soon: 'Due soon',
  overdue: 'Overdue',
  returned: 'Report returned',
};

/** Creates the due-soon and overdue notices that are not there yet; returns the new ones. */
export async function refreshNotices(deps: NoticeDeps): Promise<Notice[]> {
  const now = deps.now();
  const { year } = quarterOf(now);
  const created: Notice[] = [];
  const items = [
    ...(await store.listItems(deps.db, { year: year - 1 })),
    ...(await store.listItems(deps.db, { year })),
  ];
  for (const item of items) {
    const d = deadlineOf(item, now, deps.dueSoonDays ?? 15);
    if (d !== 'due_soon' && d !== 'overdue') continue;
    const key = quarterKey(item.year, item.due_quarter);
    const days = daysLeft(item, now);
    const n = await store.insertNotice(deps.db, {
      unit_id: item.owner_unit,
      item_id: item.id,
      kind: d,
      period_key: key,
      message_zh:
        d === 'overdue'
          ? `重点任务“${item.title}”应于${item.year}年第${item.due_quarter}季度末完成，已逾期，请尽快报送进展。`
          : `重点任务“${item.title}”将于${days}天后（${item.year}年第${item.due_quarter}季度末）到期，请按时报送进展。`,
      message_en:
        d === 'overdue'
          ? `Work item "${item.title}" was due by the end of ${key} and is overdue; please report progress.`
          : `Work item "${item.title}" is due in ${days} days (end of ${key}); please report progress on time.`,
      created_at: now,
    });
    if (n) created.push(n);
  }
  return created;
}

export interface MailDeps extends NoticeDeps {
  /** config.smtpUrl; without it no mail is sent. */
  smtpUrl: string | null;
  from?: string;
}

/** Mails every notice not yet mailed to its unit's address (units without one are skipped); returns the count. */
export async function mailNotices(deps: MailDeps): Promise<number> {
  if (!deps.smtpUrl) return 0;
  const units = new Map((await store.listUnits(deps.db)).map((u) => [u.id, u]));
  const pending = await store.listNotices(deps.db, { unmailed: true });
  const transport = nodemailer.createTransport(deps.smtpUrl);
  let sent = 0;
  try {
    for (const n of pending.reverse()) {
      const unit = units.get(n.unit_id);
      if (!unit?.email) continue;
      await transport.sendMail({
        from: deps.from ?? 'fivefin <noreply@fivefin.local>',
        to: unit.email,
        subject: `【金融“五篇大文章”联合推进】${SUBJECT_ZH[n.kind]} / ${SUBJECT_EN[n.kind]}`,
        text: `${unit.name}：\n\n${n.message_zh}\n\n${n.message_en}\n`,
      });
      await store.markNotice(deps.db, n.id, 'emailed_at', deps.now());
      sent += 1;
    }
  } finally {
    transport.close();
  }
  return sent;
}
