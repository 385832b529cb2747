import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

interface LintResult {
  messages: { ruleId: string | null; message: string }[];
}

// The layering of STYLE.md is enforced, not hoped for: these imports must fail lint. ESLint runs
// in its own process, as `nx lint` runs it (its config loader needs native dynamic import).
function lintAs(filePath: string, code: string): string[] {
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', path.join(root, filePath), '--format', 'json'],
    { cwd: root, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  const [result] = JSON.parse(run.stdout) as LintResult[];
  return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

jest.setTimeout(60_000);

describe('module boundaries', () => {
  it('forbid the domain to import the AWS SDK', () => {
    const messages = lintAs('libs/domain/src/leak.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const c = DynamoDBClient;\n");
    expect(messages.join('\n')).toMatch(/@aws-sdk\/client-dynamodb/);
  });

  it('forbid the domain to import an adapter', () => {
    const messages = lintAs('libs/domain/src/leak.ts', "import { DynamoOrderStore } from '@dofs/aws';\nexport const s = DynamoOrderStore;\n");
    expect(messages.length).toBeGreaterThan(0);
  });

  it('forbid an adapter to import the SDK client library meant for consumers', () => {
    const messages = lintAs('libs/aws/src/leak.ts', "import * as sdk from '@dofs/sdk';\nexport const s = sdk;\n");
    expect(messages.length).toBeGreaterThan(0);
  });

  it('forbid the local client to reach the system it drives through anything but its contracts', () => {
    const messages = lintAs('libs/local-client/src/leak.ts', "import { DynamoOrderStore } from '@dofs/aws';\nexport const s = DynamoOrderStore;\n");
    expect(messages.length).toBeGreaterThan(0);
  });

  it('allow an app to import the domain and the adapters', () => {
    const messages = lintAs('apps/validator/src/ok.ts', "import { checkBusinessRules } from '@dofs/domain';\nimport { createLogger } from '@dofs/aws';\nexport const v = [checkBusinessRules, createLogger];\n");
    expect(messages).toEqual([]);
  });
});
