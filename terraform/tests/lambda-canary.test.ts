// scripts/lambda-canary.mjs, the pipeline's Canary step, against a fake CodeDeploy: the AWS CLI it
// calls is replaced (DOFS_AWS_CLI) by a small program that answers get-alias, create-deployment and
// get-deployment from a scenario file and logs every call. The scenario plays what CodeDeploy does
// when a rollback alarm fires during a canary: the deployment stops, the alias goes back to the
// version before, and get-deployment reports Stopped with ALARM_ACTIVE and the rollback.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TERRAFORM_DIR } from './support/terraform';

const SCRIPT = path.join(TERRAFORM_DIR, 'scripts/lambda-canary.mjs');

/** The fake `aws`: CodeDeploy and Lambda as far as the Canary step uses them. */
const FAKE_AWS = `#!/usr/bin/env node
const fs = require('node:fs');
const file = process.env.FAKE_CODEDEPLOY;
const state = JSON.parse(fs.readFileSync(file, 'utf8'));
const args = process.argv.slice(2);
const option = (name) => args[args.indexOf(name) + 1];
const answer = (value) => { fs.writeFileSync(file, JSON.stringify(state)); process.stdout.write(JSON.stringify(value)); };
state.calls.push(args.filter((arg) => arg !== '--output' && arg !== 'json'));
const command = args.slice(0, 2).join(' ');
if (command === 'lambda get-alias') answer({ Name: option('--name'), FunctionVersion: state.aliases[option('--function-name')] });
else if (command === 'deploy create-deployment') {
  const id = 'd-' + option('--deployment-group-name');
  state.deployments[id] = { group: option('--deployment-group-name'), polls: 0, revision: JSON.parse(option('--revision')) };
  answer({ deploymentId: id });
} else if (command === 'deploy get-deployment') {
  const deployment = state.deployments[option('--deployment-id')];
  const script = state.outcomes[deployment.group];
  const step = script[Math.min(deployment.polls, script.length - 1)];
  deployment.polls += 1;
  const properties = Object.values(JSON.parse(deployment.revision.appSpecContent.content).Resources[0])[0].Properties;
  if (step.status === 'Succeeded') state.aliases[properties.Name] = properties.TargetVersion;
  if (step.rollbackInfo) state.aliases[properties.Name] = properties.CurrentVersion;
  answer({ deploymentInfo: { deploymentId: option('--deployment-id'), ...step } });
} else { process.stderr.write('fake aws: unexpected ' + args.join(' ')); process.exit(255); }
`;

const ALARM = 'dofs-staging-rollback-api-handler-errors';
const group = (app: string, target: string) => ({
  application: 'dofs-staging-functions',
  deployment_group: app,
  function_name: `dofs-staging-${app}`,
  alias: 'live',
  target_version: target,
});

interface Scenario {
  aliases: Record<string, string>;
  outcomes: Record<string, { status: string; errorInformation?: object; rollbackInfo?: object }[]>;
}

function runCanary(deployments: Record<string, ReturnType<typeof group>>, scenario: Scenario) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dofs-canary-'));
  try {
    const aws = path.join(dir, 'aws');
    writeFileSync(aws, FAKE_AWS);
    chmodSync(aws, 0o755);
    const state = path.join(dir, 'codedeploy.json');
    writeFileSync(state, JSON.stringify({ ...scenario, calls: [], deployments: {} }));
    const input = path.join(dir, 'deployments.json');
    writeFileSync(input, JSON.stringify(deployments));
    const run = spawnSync(process.execPath, [SCRIPT, input], {
      env: { ...process.env, DOFS_AWS_CLI: aws, FAKE_CODEDEPLOY: state, DOFS_CANARY_POLL_SECONDS: '0' },
      encoding: 'utf8',
    });
    const after = JSON.parse(readFileSync(state, 'utf8')) as Scenario & { calls: string[][]; deployments: Record<string, { polls: number; revision: { appSpecContent: { content: string } } }> };
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, ...after };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const inProgress = { status: 'InProgress' };
const succeeded = { status: 'Succeeded' };
const rolledBack = {
  status: 'Stopped',
  errorInformation: { code: 'ALARM_ACTIVE', message: `One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped. Activated alarms: <${ALARM}>` },
  rollbackInfo: { rollbackDeploymentId: 'd-ROLLBACK1', rollbackMessage: 'Automatic rollback triggered by alarm' },
};

describe('the Canary step (scripts/lambda-canary.mjs)', () => {
  it('shifts each changed alias from its current to the published version, and leaves an untouched function alone', () => {
    const result = runCanary(
      { 'api-handler': group('api-handler', '4'), validator: group('validator', '6'), 'fulfill-order': group('fulfill-order', '2') },
      { aliases: { 'dofs-staging-api-handler': '3', 'dofs-staging-validator': '5', 'dofs-staging-fulfill-order': '2' }, outcomes: { 'api-handler': [inProgress, inProgress, succeeded], validator: [succeeded] } },
    );
    expect(result.status).toBe(0);
    const created = result.calls.filter((call) => call[1] === 'create-deployment');
    expect(created.map((call) => call[call.indexOf('--deployment-group-name') + 1]).sort()).toEqual(['api-handler', 'validator']);
    const spec = JSON.parse(result.deployments['d-api-handler']?.revision.appSpecContent.content ?? '{}') as { version: number; Resources: Record<string, { Type: string; Properties: Record<string, string> }>[] };
    expect(result.deployments['d-api-handler']?.revision.appSpecContent.content).toMatch(/^\{"version":0\.0,/);
    expect(spec.Resources).toEqual([{ 'dofs-staging-api-handler': { Type: 'AWS::Lambda::Function', Properties: { Name: 'dofs-staging-api-handler', Alias: 'live', CurrentVersion: '3', TargetVersion: '4' } } }]);
    expect(result.deployments['d-api-handler']?.polls).toBe(3);
    expect(result.aliases).toEqual({ 'dofs-staging-api-handler': '4', 'dofs-staging-validator': '6', 'dofs-staging-fulfill-order': '2' });
    expect(result.stdout).toContain('fulfill-order: live already serves version 2; nothing to deploy');
    expect(result.stdout).toContain('2 deployment(s) succeeded, 1 function(s) unchanged');
  });

  it('fails the step when an alarm rolls a deployment back, after following every deployment to its end', () => {
    const result = runCanary(
      { 'api-handler': group('api-handler', '4'), validator: group('validator', '6') },
      { aliases: { 'dofs-staging-api-handler': '3', 'dofs-staging-validator': '5' }, outcomes: { 'api-handler': [inProgress, rolledBack], validator: [inProgress, inProgress, succeeded] } },
    );
    expect(result.status).toBe(1);
    // CodeDeploy put the alias back; the other function's deployment still ran to its end.
    expect(result.aliases).toEqual({ 'dofs-staging-api-handler': '3', 'dofs-staging-validator': '6' });
    expect(result.deployments['d-validator']?.polls).toBe(3);
    expect(result.stdout).toContain(`api-handler: deployment d-api-handler stopped (ALARM_ACTIVE: One or more alarms have been activated`);
    expect(result.stdout).toContain(`Activated alarms: <${ALARM}>); rolled back (d-ROLLBACK1: Automatic rollback triggered by alarm), api-handler serves version 3`);
    expect(result.stderr).toContain('1 of 2 deployment(s) did not succeed: api-handler. The run stops here; nothing later is deployed.');
  });

  it('fails the step on a deployment that fails outright', () => {
    const failed = { status: 'Failed', errorInformation: { code: 'HEALTH_CONSTRAINTS', message: 'The deployment failed' } };
    const result = runCanary({ validator: group('validator', '6') }, { aliases: { 'dofs-staging-validator': '5' }, outcomes: { validator: [failed] } });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('validator: deployment d-validator failed (HEALTH_CONSTRAINTS: The deployment failed)');
  });

  it('starts nothing when every alias already serves its version (a run that changed no function)', () => {
    const result = runCanary({ validator: group('validator', '5') }, { aliases: { 'dofs-staging-validator': '5' }, outcomes: {} });
    expect(result.status).toBe(0);
    expect(result.calls.map((call) => `${call[0]} ${call[1]}`)).toEqual(['lambda get-alias']);
  });
});
