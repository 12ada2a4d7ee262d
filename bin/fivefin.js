#!/usr/bin/env node
// CLI entry: runs the TypeScript CLI through the tsx loader, so `npx fivefin …` works after `npm install`.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
