// Test doubles for the domain's ports and factories for its inputs. Unit tests only: end-to-end
// tests run the real adapters against real local services.
export * from './in-memory-stores';
export * from './factories';
export * from './in-memory-workflow';
