export { deterministicZip } from './deterministic-zip.mjs';
export { chromiumExecutablePath, launchChromium } from './chromium.mjs';
