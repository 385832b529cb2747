/**
 * The account, region and credentials of the local "cloud". The emulators accept any signature;
 * the values only have to be present and stable so that ARNs and URLs are.
 */
export const REGION = 'us-east-1';
export const ACCOUNT_ID = '000000000000';
export const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export const arns = {
  function: (name: string): string => `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`,
  stateMachine: (name: string): string => `arn:aws:states:${REGION}:${ACCOUNT_ID}:stateMachine:${name}`,
  expressExecution: (stateMachine: string, name: string, id: string): string =>
    `arn:aws:states:${REGION}:${ACCOUNT_ID}:express:${stateMachine}:${name}:${id}`,
  queue: (name: string): string => `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${name}`,
  topic: (name: string): string => `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${name}`,
};

/** SDK client settings for talking to one local service. */
export function clientConfig(endpoint: string): {
  region: string;
  endpoint: string;
  credentials: typeof CREDENTIALS;
  maxAttempts: number;
} {
  // Few retries: locally a failing call is a bug to see, not congestion to ride out.
  return { region: REGION, endpoint, credentials: CREDENTIALS, maxAttempts: 2 };
}
