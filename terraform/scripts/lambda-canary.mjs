#!/usr/bin/env node
// The pipeline's Canary step (terraform/cicd/buildspec-canary.yml), once per environment after its
// apply: moves each function's alias `live` to the version that apply published, through CodeDeploy,
// and fails when a deployment does not succeed.
//
//   lambda-canary.mjs <deployments.json>
//
// deployments.json is `terraform output -json lambda_deployments`: per app its CodeDeploy application
// and deployment group, function, alias and target version. For each app whose alias already
// serves the target version nothing happens (an untouched function). For the others it creates a
// deployment whose AppSpec names the alias, its current version and the target version; CodeDeploy
// then shifts the traffic as the group's deployment configuration says (all at once, canary, linear)
// and, when one of the group's alarms fires, stops and shifts the alias back to the current version.
// All deployments start together and are followed to the end; any that fails or is rolled back
// makes the script exit 1 with what CodeDeploy said, which fails the pipeline's action.
//
// AWS is reached through the AWS CLI that CodeBuild images ship (DOFS_AWS_CLI names another
// executable: the tests give it a fake CodeDeploy). DOFS_CANARY_POLL_SECONDS sets the polling pace.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const AWS_CLI = process.env.DOFS_AWS_CLI ?? 'aws';
const POLL_SECONDS = Number(process.env.DOFS_CANARY_POLL_SECONDS ?? '15');
const FINAL = new Set(['Succeeded', 'Failed', 'Stopped']);

function aws(args) {
  return JSON.parse(execFileSync(AWS_CLI, [...args, '--output', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
}

/**
 * The AppSpec of a Lambda deployment: which alias moves, from which version, to which. Written by
 * hand around the resources because AppSpec wants `version: 0.0`, which JSON.stringify writes as 0.
 */
export function appSpecContent({ function_name: name, alias, current, target_version: target }) {
  const resources = [{ [name]: { Type: 'AWS::Lambda::Function', Properties: { Name: name, Alias: alias, CurrentVersion: current, TargetVersion: target } } }];
  return `{"version":0.0,"Resources":${JSON.stringify(resources)}}`;
}

function start(app, deployment) {
  const current = aws(['lambda', 'get-alias', '--function-name', deployment.function_name, '--name', deployment.alias]).FunctionVersion;
  if (current === deployment.target_version) {
    console.log(`${app}: ${deployment.alias} already serves version ${current}; nothing to deploy`);
    return null;
  }
  const revision = { revisionType: 'AppSpecContent', appSpecContent: { content: appSpecContent({ ...deployment, current }) } };
  const { deploymentId } = aws([
    'deploy', 'create-deployment',
    '--application-name', deployment.application,
    '--deployment-group-name', deployment.deployment_group,
    '--revision', JSON.stringify(revision),
    '--description', `${app}: ${deployment.alias} ${current} -> ${deployment.target_version}`,
  ]);
  console.log(`${app}: deployment ${deploymentId} shifts ${deployment.function_name}:${deployment.alias} from version ${current} to ${deployment.target_version}`);
  return { app, id: deploymentId, current, target: deployment.target_version };
}

/** Polls until the deployment ends; returns CodeDeploy's final word on it. */
async function follow(started) {
  for (;;) {
    const info = aws(['deploy', 'get-deployment', '--deployment-id', started.id]).deploymentInfo;
    if (FINAL.has(info.status)) return { ...started, status: info.status, error: info.errorInformation, rollback: info.rollbackInfo };
    await sleep(POLL_SECONDS * 1000);
  }
}

function report(result) {
  if (result.status === 'Succeeded') return `${result.app}: version ${result.target} is live`;
  const why = result.error ? `${result.error.code}: ${result.error.message}` : 'no reason given';
  const back = result.rollback ? `; rolled back (${result.rollback.rollbackDeploymentId ?? 'rollback'}: ${result.rollback.rollbackMessage ?? 'to the version before'}), ${result.app} serves version ${result.current}` : '';
  return `${result.app}: deployment ${result.id} ${result.status.toLowerCase()} (${why})${back}`;
}

export async function main(file) {
  const deployments = JSON.parse(readFileSync(file, 'utf8'));
  const started = Object.entries(deployments).map(([app, deployment]) => start(app, deployment)).filter(Boolean);
  const results = await Promise.all(started.map(follow));
  for (const result of results) console.log(report(result));
  const failed = results.filter((result) => result.status !== 'Succeeded');
  if (failed.length > 0) {
    console.error(`${failed.length} of ${results.length} deployment(s) did not succeed: ${failed.map((result) => result.app).join(', ')}. The run stops here; nothing later is deployed.`);
    return 1;
  }
  console.log(`${results.length} deployment(s) succeeded, ${Object.keys(deployments).length - results.length} function(s) unchanged`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv[2]) {
    console.error('usage: lambda-canary.mjs <deployments.json>');
    process.exit(2);
  }
  main(process.argv[2]).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
