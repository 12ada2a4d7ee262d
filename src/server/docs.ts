// The OpenAPI document: /api/docs/json (the JSON) and /api/docs (a small page linking it; no UI bundle).
import type { FastifyInstance } from 'fastify';

import { API_TITLE, API_VERSION } from './openapi-info.ts';

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${API_TITLE}</title></head>
<body><h1>${API_TITLE}</h1>
<p>OpenAPI 3 文档 / OpenAPI 3 document: <a href="/api/docs/json">/api/docs/json</a> (version ${API_VERSION})</p>
<p>认证与错误格式见 docs/api.md / Authentication and error format: see docs/api.md</p>
</body></html>
`;

export async function docsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/docs/json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.get('/docs', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(PAGE),
  );
}
