#!/usr/bin/env node
// Reads `terraform show -json <plan>` on stdin, prints one line ("3 to add, 1 to change, 0 to
// destroy; lambda code changes: validator"), and refuses a plan that would delete or replace a
// stateful resource (tables, queues, buckets, the alerts topic) unless DOFS_ALLOW_DESTROY=true.
// It also refuses, before anyone approves it, a plan that changes or deletes a CodeDeploy
// deployment group or application or deletes a rollback alarm: the pipeline may not touch the
// canaries' rollback net (the permissions boundary denies it), so such an apply would fail halfway.
//   terraform show -json tfplan | node terraform/scripts/plan-summary.mjs
import { readFileSync } from 'node:fs';

const STATEFUL = new Set(['aws_dynamodb_table', 'aws_sqs_queue', 'aws_s3_bucket', 'aws_sns_topic']);
const ROLLBACK_NET = new Set(['aws_codedeploy_deployment_group', 'aws_codedeploy_app']);

/** Does this change touch what the boundary keeps the pipeline from changing (TheRollbackNetStays)? */
function touchesRollbackNet(change, actions) {
  if (ROLLBACK_NET.has(change.type)) return actions.includes('update') || actions.includes('delete');
  return change.type === 'aws_cloudwatch_metric_alarm' && actions.includes('delete') && /-rollback-/.test(change.change?.before?.alarm_name ?? '');
}

function summarize(plan) {
  const counts = { add: 0, change: 0, destroy: 0 };
  const lambdaCode = [];
  const destroyedState = [];
  const rollbackNet = [];
  for (const change of plan.resource_changes ?? []) {
    const actions = change.change?.actions ?? [];
    if (actions.includes('create')) counts.add += 1;
    if (actions.includes('update')) counts.change += 1;
    if (actions.includes('delete')) counts.destroy += 1;
    if (actions.includes('delete') && STATEFUL.has(change.type)) destroyedState.push(change.address);
    if (touchesRollbackNet(change, actions)) rollbackNet.push(change.address);
    if (change.type === 'aws_lambda_function' && actions.includes('update')) {
      const before = change.change.before?.source_code_hash;
      const after = change.change.after?.source_code_hash;
      if (before !== after) lambdaCode.push(String(change.index ?? change.name));
    }
  }
  const line = `${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy; lambda code changes: ${lambdaCode.length ? lambdaCode.join(', ') : 'none'}`;
  return { counts, lambdaCode, destroyedState, rollbackNet, line };
}

const summary = summarize(JSON.parse(readFileSync(0, 'utf8')));
console.log(summary.line);
if (summary.destroyedState.length > 0 && process.env.DOFS_ALLOW_DESTROY !== 'true') {
  console.error(`The plan deletes stateful resources: ${summary.destroyedState.join(', ')}. Set DOFS_ALLOW_DESTROY=true on the plan build to allow it.`);
  process.exit(3);
}
if (summary.rollbackNet.length > 0) {
  console.error(`The plan changes the canaries' rollback net: ${summary.rollbackNet.join(', ')}. The pipeline may not (the permissions boundary denies it): apply this change as an administrator from your machine (terraform/README.md, Troubleshooting), then release the change again.`);
  process.exit(4);
}
