import { randomUUID } from 'node:crypto';

// The query protocol's few XML shapes are written here: a handful of elements with escaped
// text, which a builder library would not make shorter.

export const escapeXml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');

/** An error of a query-protocol service (SNS, SQS's old protocol), as AWS writes it. */
export function queryErrorXml(xmlns: string, code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender'): string {
  return (
    `<?xml version="1.0"?><ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message><Detail/></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`
  );
}
