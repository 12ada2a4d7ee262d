// The layering lint rules bite: a capability importing the assembly, or the kernel importing a capability, is
// an ESLint error (eslint.config.js); test files may import the assembly. Checked on text, not on real files.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ESLint } from 'eslint';

const eslint = new ESLint();

async function restricted(filePath: string, specifier: string): Promise<string[]> {
  const code = `import { x } from '${specifier}';\nexport const y = x;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('a capability may not import the assembly', async () => {
  for (const spec of [
    '../platform/submit.ts',
    '../server/app.ts',
    '../cli/main.ts',
    '../testing/stores.ts',
  ]) {
    const found = await restricted('src/loans/example.ts', spec);
    assert.equal(found.length, 1, spec);
    assert.match(found[0] ?? '', /does not import the assembly/);
  }
  assert.equal((await restricted('src/stats/domain/example.ts', '../../platform/open.ts')).length, 1);
});

test('the kernel may not import a capability or the assembly', async () => {
  assert.match(
    (await restricted('src/http/example.ts', '../loans/spec.ts'))[0] ?? '',
    /kernel imports no capability/,
  );
  assert.match(
    (await restricted('src/store/example.ts', '../auth/scope.ts'))[0] ?? '',
    /kernel imports no capability/,
  );
  assert.equal((await restricted('src/cli/kernel/example.ts', '../../platform/open.ts')).length, 1);
});

test('allowed: capability to kernel or capability, tests to the assembly, assembly to anything', async () => {
  assert.deepEqual(await restricted('src/loans/example.ts', '../http/errors.ts'), []);
  assert.deepEqual(await restricted('src/loans/example.ts', '../stats/routes.cache.ts'), []);
  assert.deepEqual(await restricted('src/loans/example.test.ts', '../server/app.ts'), []);
  assert.deepEqual(await restricted('src/loans/routes.testkit.ts', '../platform/open.ts'), []);
  assert.deepEqual(await restricted('src/server/routes.ts', '../loans/routes.ts'), []);
});
