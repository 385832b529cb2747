import type { Scenario } from '../support/scenario';
import { sqsErrorScenarios } from './sqs-errors';
import { sqsMessageScenarios } from './sqs-messages';
import { sqsQueryScenarios } from './sqs-query';
import { sqsRedriveScenarios } from './sqs-redrive';
import { snsScenarios } from './sns';
import { dynamodbScenarios } from './dynamodb';
import { stepFunctionsCallbackScenarios, stepFunctionsScenarios } from './stepfunctions';
import { apiGatewayScenarios } from './apigateway';

/** Every parity scenario, in the order of the fidelity table. */
export const SCENARIOS: readonly Scenario[] = [
  ...sqsMessageScenarios,
  ...sqsErrorScenarios,
  ...sqsRedriveScenarios,
  ...sqsQueryScenarios,
  ...snsScenarios,
  ...dynamodbScenarios,
  ...stepFunctionsScenarios,
  ...stepFunctionsCallbackScenarios,
  ...apiGatewayScenarios,
];
