// The official-series configuration (config.json): the completeness-control tolerance, versioned and shown with
// every control. Read and checked once; a broken file is a deployment bug and throws naming the problem.
import { readFileSync } from 'node:fs';

import { z } from 'zod';

const decimal = z.string().regex(/^\d+(\.\d+)?$/);
const ConfigSchema = z.object({
  version: z.string(),
  completeness_tolerance: z.object({
    relative: decimal,
    absolute: decimal,
    note_zh: z.string(),
    note_en: z.string(),
  }),
});
export type OfficialConfig = z.infer<typeof ConfigSchema>;
export type Tolerance = OfficialConfig['completeness_tolerance'];

/** Reads and checks the official-series configuration. */
export function loadOfficialConfig(
  file: URL | string = new URL('./config.json', import.meta.url),
): OfficialConfig {
  return ConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
