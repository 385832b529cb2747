import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const contractsDir = path.resolve(__dirname, '../../../contracts');
export const readContract = (name: string): string => readFileSync(path.join(contractsDir, name), 'utf8');
export const openapiText = (): string => readContract('openapi.yaml');
export const openapiDocument = (): Record<string, unknown> => parse(openapiText()) as Record<string, unknown>;
export const aslText = (): string => readContract('order-workflow.asl.json');
export const eventSchemaFiles = (): string[] => readdirSync(path.join(contractsDir, 'events')).filter((f) => f.endsWith('.schema.json'));
