// In-process HTTP test of the promote routes (app.inject) on the real server factory and auth, on PGlite:
// a coordinator creates an item, the owner district files, another district is refused, the matrix and the
// XLSX report come back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';

import { hashPassword } from '../auth/password.ts';
import { insertUser } from '../auth/store.ts';
import type { Stores } from '../store/stores.ts';
import { buildServer } from '../server/app.ts';
import { loginCookie, testClock, testConfig } from '../testing/http.ts';
import type { Role } from '../http/route-context.ts';
import { openTestStores } from '../testing/stores.ts';
import { createPromoteRoutes } from './routes.ts';

let stores: Stores;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const clock = testClock('2026-05-10T02:00:00Z');
const PASSWORD = 'promote-test-password';

before(async () => {
  stores = await openTestStores('pglite');
  const hash = await hashPassword(PASSWORD);
  const users: [string, Role, string | null][] = [
    ['coord', 'admin', null],
    ['yuzhong', 'district', '500103'],
    ['wanzhou', 'district', '500101'],
  ];
  for (const [username, role, district] of users)
    await insertUser(
      stores.state,
      {
        username,
        display_name: username,
        role,
        institution_code: null,
        district_code: district,
        unit_id: role === 'admin' ? '人行重庆市分行' : null,
        password_hash: hash,
        must_change_password: false,
      },
      clock.now(),
    );
  app = await buildServer({
    config: testConfig(),
    stores,
    now: clock.now,
    routes: [createPromoteRoutes({ indicatorSeries: async () => [] })],
  });
  for (const [username] of users) cookies[username] = await loginCookie(app, username, PASSWORD);
});

after(async () => {
  await app?.close();
  await stores?.close();
});

test('create → file (owner only) → matrix → XLSX report over HTTP', async () => {
  const created = await app.inject({
    method: 'POST',
    url: '/api/promote/items',
    headers: { cookie: cookies.coord ?? '' },
    payload: {
      year: 2026,
      measure_no: 17,
      title: '渝中区金融风险监测预警',
      owner_unit: 'district:500103',
      due_quarter: 2,
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const item = created.json<{ id: string; district_code: string }>();
  assert.equal(item.district_code, '500103');

  const body = { status: 'on_track', narrative: '已建立监测台账', numbers: { 监测企业: '120' } };
  const other = await app.inject({
    method: 'PUT',
    url: `/api/promote/items/${item.id}/reports/2`,
    headers: { cookie: cookies.wanzhou ?? '' },
    payload: body,
  });
  assert.equal(other.statusCode, 403);
  assert.equal(other.json<{ code: string }>().code, 'PROMOTE_NOT_OWNER');
  const own = await app.inject({
    method: 'PUT',
    url: `/api/promote/items/${item.id}/reports/2`,
    headers: { cookie: cookies.yuzhong ?? '' },
    payload: body,
  });
  assert.equal(own.statusCode, 200, own.body);
  assert.deepEqual(own.json<{ review_state: string; numbers: object }>().numbers, { 监测企业: '120' });

  const m = await app.inject({
    method: 'GET',
    url: '/api/promote/matrix?year=2026',
    headers: { cookie: cookies.yuzhong ?? '' },
  });
  assert.equal(m.statusCode, 200);
  const cell = m
    .json<{ rows: { measure_no: number; cells: { status: string }[] }[] }>()
    .rows.find((r) => r.measure_no === 17)?.cells[1];
  assert.equal(cell?.status, 'on_track');

  const unauth = await app.inject({ method: 'GET', url: '/api/promote/matrix?year=2026' });
  assert.equal(unauth.statusCode, 401);

  const x = await app.inject({
    method: 'GET',
    url: '/api/promote/report?year=2026&quarter=2',
    headers: { cookie: cookies.coord ?? '' },
  });
  assert.equal(x.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
  assert.equal(wb.getWorksheet('任务明细')?.getRow(2).getCell(2).value, '渝中区金融风险监测预警');
});
