import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import type { InvokeResult } from '../lambda/execution-environment';
import type { ServiceCall } from '../service-call';
import { StartupError } from '../startup-error';
import { NO_FAULTS, type FaultInjector } from '../faults/fault-injector';
import { LAMBDA_SERVICE_ERROR } from '../faults/service-errors';
import { integrationFailure, type IntegrationNames } from './integration-errors';
import { withSdkMetadata } from './integration-output';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An error as Step Functions names it: `name` is what Retry/Catch match, `message` the Cause. */
export class TaskError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

export type FunctionInvoker = (functionName: string, payload: unknown, asynchronous: boolean) => Promise<InvokeResult | undefined>;

/** How the dispatcher reaches each local service: by action name, with the API's own shapes. */
export interface ServiceCalls {
  readonly dynamodb: ServiceCall;
  readonly sqs: ServiceCall;
  readonly sns: ServiceCall;
}

interface ServiceIntegration extends IntegrationNames {
  readonly call: ServiceCall;
  /** the SDK package of the service: its command names are the actions the service has, its error classes the modeled errors */
  readonly module: Record<string, unknown>;
  /** the Content-Type of the service's answers, in an optimized integration's SdkHttpMetadata */
  readonly contentType: string;
  /** optimized integrations serialise these JSON parameters to text, as Step Functions does */
  readonly jsonTextParameters: readonly string[];
}

const pascal = (action: string): string => action.charAt(0).toUpperCase() + action.slice(1);

/** `my-fn`, `arn:aws:lambda:r:a:function:my-fn[:qualifier]`, `a:function:my-fn` -> my-fn */
export function functionNameOf(reference: string): string {
  const marker = reference.indexOf('function:');
  if (marker < 0) return reference;
  return reference.slice(marker + 'function:'.length).split(':')[0] ?? reference;
}

/**
 * Carries out a Task state from its Resource and (already resolved) Parameters, the way the
 * Step Functions service does: `lambda:invoke` and Lambda ARNs call the local functions;
 * `sqs:*`, `sns:*`, `dynamodb:*` (optimized integrations) and `aws-sdk:<service>:<action>` call
 * the local emulators with the action of that name and the Parameters as its request. Nothing
 * here knows a state by name.
 */
export class TaskDispatcher {
  private readonly services: Readonly<Record<string, ServiceIntegration>>;

  constructor(
    private readonly invoke: FunctionInvoker,
    calls: ServiceCalls,
    /** sfn.task.error fails a Task's Lambda invoke with a Lambda service error */
    private readonly faults: FaultInjector = NO_FAULTS,
  ) {
    this.services = {
      sqs: {
        call: calls.sqs,
        module: sqs,
        optimizedPrefix: 'SQS',
        sdkPrefix: 'Sqs',
        v1Service: 'AmazonSQS',
        v1Exception: 'AmazonSQSException',
        contentType: 'application/x-amz-json-1.0',
        jsonTextParameters: ['MessageBody'],
      },
      sns: {
        call: calls.sns,
        module: sns,
        optimizedPrefix: 'SNS',
        sdkPrefix: 'Sns',
        v1Service: 'AmazonSNS',
        v1Exception: 'AmazonSNSException',
        contentType: 'text/xml',
        jsonTextParameters: ['Message'],
      },
      dynamodb: {
        call: calls.dynamodb,
        module: dynamodb,
        optimizedPrefix: 'DynamoDB',
        sdkPrefix: 'DynamoDb',
        v1Service: 'AmazonDynamoDBv2',
        v1Exception: 'AmazonDynamoDBException',
        contentType: 'application/x-amz-json-1.0',
        jsonTextParameters: [],
      },
    };
  }

  /** The function that runs a Task with this Resource; an unsupported Resource fails at start-up. */
  handlerFor(resource: string, stateName: string): (input: Json) => Promise<Json> {
    const lambdaArn = /^arn:aws:lambda:[^:]*:[^:]*:function:(.+)$/.exec(resource);
    if (lambdaArn) return (input) => this.invokeLambda(resource, input, false).then((result) => result.Payload ?? null);

    const integration = /^arn:aws:states:::(aws-sdk:)?([a-z0-9-]+):([A-Za-z0-9]+)(\.[A-Za-z]+)?$/.exec(resource);
    if (!integration) throw new StartupError(`State ${stateName}: Task resource ${resource} is not supported locally.`);
    const [, sdk, service = '', action = '', pattern] = integration;
    if (pattern) {
      throw new StartupError(
        `State ${stateName}: the ${pattern} integration pattern of ${resource} is not supported locally (only request-response).`,
      );
    }
    if (service === 'lambda' && action === 'invoke' && !sdk) {
      return (input) => {
        const parameters = input as { FunctionName?: string; Payload?: Json; InvocationType?: string };
        return this.invokeLambda(parameters.FunctionName ?? '', parameters.Payload ?? null, parameters.InvocationType === 'Event');
      };
    }
    const target = this.services[service];
    const known = typeof target?.module[`${pascal(action)}Command`] === 'function';
    if (!target || !known) throw new StartupError(`State ${stateName}: Task resource ${resource} is not supported locally.`);
    return (input) => this.callService(target, pascal(action), input, !sdk);
  }

  private async invokeLambda(functionName: string, payload: Json, asynchronous: boolean): Promise<{ [key: string]: Json }> {
    if (this.faults.roll('sfn.task.error')) throw new TaskError(LAMBDA_SERVICE_ERROR.errorType, JSON.stringify(LAMBDA_SERVICE_ERROR));
    const result = await this.invoke(functionNameOf(functionName), payload, asynchronous);
    if (!result) {
      throw new TaskError('Lambda.ResourceNotFoundException', `Function not found: ${functionName}`);
    }
    if (!result.ok) {
      // As Step Functions reports a function error: Error = errorType, Cause = the error payload
      throw new TaskError(result.error.errorType, JSON.stringify(result.error));
    }
    if (asynchronous) return { Payload: '', StatusCode: 202 };
    return { ExecutedVersion: '$LATEST', Payload: JSON.parse(result.payload) as Json, StatusCode: 200 };
  }

  private async callService(target: ServiceIntegration, action: string, input: Json, optimized: boolean): Promise<Json> {
    const parameters = { ...(input as Record<string, Json>) };
    if (optimized) {
      for (const name of target.jsonTextParameters) {
        const value = parameters[name];
        // a null is sent as no value, which the service refuses (MissingParameter for SQS's
        // MessageBody: test_task_service_sqs.snapshot.json, test_send_message_empty_body), not as "null"
        if (value === null) delete parameters[name];
        else if (value !== undefined && typeof value !== 'string') parameters[name] = JSON.stringify(value);
      }
    }
    try {
      const answer = (await target.call(action, parameters)) as Record<string, Json>;
      return optimized ? withSdkMetadata(answer, target.contentType) : answer;
    } catch (error) {
      const failure = integrationFailure(error, target, optimized);
      throw new TaskError(failure.error, failure.cause);
    }
  }
}
