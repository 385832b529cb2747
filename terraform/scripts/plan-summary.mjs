#!/usr/bin/env node
// Reads `terraform show -json <plan>` on stdin, prints one line ("3 to add, 1 to change, 0 to
// destroy; lambda code changes: validator"), and refuses a plan that would delete or replace a
// stateful resource (tables, queues, buckets, the alerts topic) unless DOFS_ALLOW_DESTROY=true.
//   terraform show -json tfplan | node terraform/scripts/plan-summary.mjs
import { readFileSync } from 'node:fs';

const STATEFUL = new Set(['aws_dynamodb_table', 'aws_sqs_queue', 'aws_s3_bucket', 'aws_sns_topic']);

function summarize(plan) {
  const counts = { add: 0, change: 0, destroy: 0 };
  const lambdaCode = [];
  const destroyedState = [];
  for (const change of plan.resource_changes ?? []) {
    const actions = change.change?.actions ?? [];
    if (actions.includes('create')) counts.add += 1;
    if (actions.includes('update')) counts.change += 1;
    if (actions.includes('delete')) counts.destroy += 1;
    if (actions.includes('delete') && STATEFUL.has(change.type)) destroyedState.push(change.address);
    if (change.type === 'aws_lambda_function' && actions.includes('update')) {
      const before = change.change.before?.source_code_hash;
      const after = change.change.after?.source_code_hash;
      if (before !== after) lambdaCode.push(String(change.index ?? change.name));
    }
  }
  const line = `${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy; lambda code changes: ${lambdaCode.length ? lambdaCode.join(', ') : 'none'}`;
  return { counts, lambdaCode, destroyedState, line };
}

const summary = summarize(JSON.parse(readFileSync(0, 'utf8')));
console.log(summary.line);
if (summary.destroyedState.length > 0 && process.env.DOFS_ALLOW_DESTROY !== 'true') {
  console.error(`The plan deletes stateful resources: ${summary.destroyedState.join(', ')}. Set DOFS_ALLOW_DESTROY=true on the plan build to allow it.`);
  process.exit(3);
}
