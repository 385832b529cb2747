export type { paths, components, operations } from './generated/openapi';
export type * from './generated/events';
export * from './generated/validators';
export * from './generated/workflow';
export * from './error-details';
export * from './templates';
export * from './resources';
export * from './api-types';
export * from './number-text';
