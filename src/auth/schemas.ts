// JSON schemas of the auth and user routes (request bodies and responses; they also drive the OpenAPI document).
import { ROLES } from '../http/route-context.ts';
import { MAX_PASSWORD_LENGTH } from './password.ts';

const nullableString = { type: ['string', 'null'] } as const;

/** A user as the API shows it: never the password hash or lockout counters. */
export const userSchema = {
  type: 'object',
  required: [
    'id',
    'username',
    'display_name',
    'role',
    'institution_code',
    'district_code',
    'unit_id',
    'must_change_password',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    display_name: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    institution_code: nullableString,
    district_code: nullableString,
    unit_id: nullableString,
    must_change_password: { type: 'boolean' },
  },
} as const;

/** The admin view adds account state. */
export const adminUserSchema = {
  ...userSchema,
  required: [...userSchema.required, 'disabled', 'locked_until', 'created_at'],
  properties: {
    ...userSchema.properties,
    disabled: { type: 'boolean' },
    locked_until: { type: ['string', 'null'], format: 'date-time' },
    created_at: { type: 'string', format: 'date-time' },
  },
} as const;

export const usernameSchema = {
  type: 'string',
  minLength: 2,
  maxLength: 64,
  pattern: '^[A-Za-z0-9._-]+$',
} as const;
export const passwordSchema = { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH } as const;

export const loginBodySchema = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: passwordSchema },
} as const;

export const changePasswordBodySchema = {
  type: 'object',
  required: ['current_password', 'new_password'],
  additionalProperties: false,
  properties: { current_password: passwordSchema, new_password: passwordSchema },
} as const;

export const createUserBodySchema = {
  type: 'object',
  required: ['username', 'display_name', 'role', 'password'],
  additionalProperties: false,
  properties: {
    username: usernameSchema,
    display_name: { type: 'string', minLength: 1, maxLength: 100 },
    role: { type: 'string', enum: [...ROLES] },
    institution_code: { type: ['string', 'null'], pattern: '^[A-Za-z0-9]{1,32}$' },
    district_code: { type: ['string', 'null'], pattern: '^[0-9]{6}$' },
    unit_id: { type: ['string', 'null'], maxLength: 100 },
    password: passwordSchema,
    must_change_password: { type: 'boolean', default: true },
  },
} as const;

export const okSchema = {
  type: 'object',
  required: ['ok'],
  additionalProperties: false,
  properties: { ok: { type: 'boolean' } },
} as const;
