import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHAPTERS } from '../chapters';
import { caption, chapter, ensureStage, hold, showDiagram, type Demo } from '../demo-context';
import type { StageWindow } from '../terminal-pane';

export async function problemAndArchitecture(demo: Demo): Promise<void> {
  await chapter(demo, CHAPTERS.architecture);
  await showDiagram(demo, 'DOFS: Distributed Order Fulfillment System', 'docs/diagrams/architecture.mmd');
  await caption(
    demo,
    'A shop backend posts orders. Each must be validated, stored, fulfilled (70 % of attempts succeed), retried, and, when it keeps failing, parked with an alert: nothing lost, nothing done twice.',
  );
  await hold(demo, 8000);
  await caption(
    demo,
    'The generated architecture diagram: API Gateway → Step Functions Express → SQS → Lambda, DynamoDB, SNS. On this machine the same code runs against dynalite, fauxqs and aws-local-stepfunctions.',
  );
  await hold(demo, 8000);
}

export async function pipelineAndPdf(demo: Demo): Promise<void> {
  await chapter(demo, CHAPTERS.delivery);
  await showDiagram(demo, 'The delivery pipeline', 'docs/diagrams/pipeline.mmd');
  await caption(demo, 'A push runs Plan (tests and bundles of what changed, a saved plan), an approval, then the apply of that saved plan and a smoke test.');
  await hold(demo, 8000);
  await showDiagram(demo, 'The Terraform modules', 'docs/diagrams/terraform-modules.mmd');
  await caption(demo, 'The root module wires one module per concern; this diagram is generated from the .tf files, so it cannot drift from them.');
  await hold(demo, 8000);
  const pdf = path.join(demo.settings.root, 'dist/docs/dofs.pdf');
  if (!existsSync(pdf)) throw new Error('dist/docs/dofs.pdf is missing: run npm run docs:pdf first');
  demo.stage.serve('/dofs.pdf', pdf, 'application/pdf');
  await ensureStage(demo);
  const pages = await demo.page.evaluate(
    (url) => (globalThis as unknown as StageWindow).stage.pdf('The documentation as one PDF', url, [1, 2, 3], 'npm run docs:pdf → dist/docs/dofs.pdf'),
    '/dofs.pdf',
  );
  await caption(demo, `npm run docs:pdf prints the documentation and these diagrams as one PDF (${pages} pages), read back with pdf.js; it links to this video and lists its chapters.`);
  await hold(demo, 9000);
}
