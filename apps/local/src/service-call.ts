/**
 * A call to an AWS API by action name, with the action's request and response as its JSON
 * protocol carries them (the shapes of the API reference: `SendMessage` takes
 * `{ QueueUrl, MessageBody, ... }` and answers `{ MessageId, MD5OfMessageBody, ... }`).
 */
export type ServiceCall = (action: string, request: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** An error the service answered, named as the SDK names it (`QueueDoesNotExist`). */
export class ServiceError extends Error {
  constructor(
    name: string,
    message: string,
    readonly status: number,
    /** the code on the wire where it is not the name (SQS's `AWS.SimpleQueueService.NonExistentQueue`) */
    readonly code: string = name,
  ) {
    super(message);
    this.name = name;
  }
}

/** `com.amazonaws.sqs#QueueDoesNotExist` -> `QueueDoesNotExist`, as the SDK reads `__type`. */
export function errorNameOf(type: unknown): string {
  if (typeof type !== 'string' || type.length === 0) return 'UnknownError';
  return type.slice(type.lastIndexOf('#') + 1).split(':')[0] ?? type;
}

interface SdkClient {
  send(command: unknown): Promise<Record<string, unknown>>;
}

/** A ServiceCall through an SDK client: `action` names the command (`PutItem` -> PutItemCommand). */
export function sdkServiceCall(client: object, module: Record<string, unknown>): ServiceCall {
  return async (action, request) => {
    const Command = module[`${action}Command`] as new (input: unknown) => unknown;
    const { $metadata: _metadata, ...output } = await (client as SdkClient).send(new Command(request));
    return JSON.parse(JSON.stringify(output)) as Record<string, unknown>;
  };
}
