// Factories for the Lambda events the handlers receive, shared by every app's tests.
export * from './lambda-events';
export * from './captured-logs';
