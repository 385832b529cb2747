export { deterministicZip } from './deterministic-zip.mjs';
