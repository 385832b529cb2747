import type { FastifyInstance } from 'fastify';
import { REGION } from '../aws-identity';
import { queryErrorXml } from './aws-xml';

/**
 * Where fauxqs's SNS Publish answers otherwise than AWS, a hook on fauxqs's app refuses first,
 * as AWS does (recorded: LocalStack tests/aws/services/sns/test_sns.snapshot.json):
 * - a TopicArn that is no ARN: InvalidParameter "... An ARN must have at least 6 elements, not N"
 *   (test_publish_wrong_arn_format; fauxqs answered NotFound), and one of another region:
 *   InvalidParameter "Invalid parameter: TopicArn" (test_topic_publish_another_region). A
 *   well-formed ARN of no topic stays NotFound, 404 (test_unknown_topic_publish).
 * - the message attributes count toward the 256 KiB limit: each attribute's name, data type and
 *   value (test_publish_too_long_message, "error-with-attrs"; fauxqs counted the body alone).
 */
const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const MAX_MESSAGE_BYTES = 262_144;

type Params = Record<string, string | undefined>;

function topicArnRefusal(topicArn: string): string | undefined {
  const parts = topicArn.split(':');
  if (parts.length < 6) return `Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not ${parts.length}`;
  if (parts[3] !== REGION) return 'Invalid parameter: TopicArn';
  return undefined;
}

/** The size AWS counts: the message and, per attribute, its name, data type and value, in bytes. */
export function publishedBytes(params: Params): number {
  let bytes = Buffer.byteLength(params['Message'] ?? '');
  for (const [key, value] of Object.entries(params)) {
    if (/^MessageAttributes\.entry\.\d+\.(Name|Value\.DataType|Value\.StringValue|Value\.BinaryValue)$/.test(key)) {
      bytes += key.endsWith('BinaryValue') ? Buffer.from(value ?? '', 'base64').length : Buffer.byteLength(value ?? '');
    }
  }
  return bytes;
}

function publishRefusal(params: Params): string | undefined {
  const topicArn = params['TopicArn'];
  if (topicArn !== undefined) {
    const refusal = topicArnRefusal(topicArn);
    if (refusal) return refusal;
  }
  if (publishedBytes(params) > MAX_MESSAGE_BYTES) return 'Invalid parameter: Message too long';
  return undefined;
}

export function answerSnsAsAws(app: FastifyInstance): void {
  app.addHook('preHandler', async (request, reply) => {
    if (!String(request.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) return;
    const params = request.body as Params | undefined;
    if (params?.['Action'] !== 'Publish') return;
    const refusal = publishRefusal(params);
    if (refusal) return reply.code(400).header('content-type', 'text/xml').send(queryErrorXml(SNS_XMLNS, 'InvalidParameter', refusal));
  });
}
