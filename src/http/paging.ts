// Paged lists in the HTTP API: the `limit`/`offset` query parameters and the `{ items, total, limit, offset }`
// response around a list's item schema.

export const pagingQuerySchema = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  // Bounded: a huge offset (1e20) would otherwise reach the database as an out-of-range BIGINT (a 500).
  offset: { type: 'integer', minimum: 0, maximum: 1_000_000_000, default: 0 },
} as const;

/** The 200 response schema of a paged list of `items`. */
export function pageSchema<T extends object>(items: T) {
  return {
    type: 'object',
    required: ['items', 'total', 'limit', 'offset'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items },
      total: { type: 'integer' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    },
  } as const;
}
