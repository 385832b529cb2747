/** The video's chapters, in order: the scenes of issue 18 §2. docs/demo-video.md lists them (a test checks). */
export const CHAPTERS = {
  architecture: '1. The problem and the architecture',
  start: '2. npm start: the whole pipeline on this machine',
  curl: '3. An order by curl: 201, then GET until FULFILLED',
  load: '4. The console fills under load',
  timeline: '5. One order through the workflow',
  failure: '6. The failure path: retries, DLQ, failed_orders, alert, redrive',
  list: '7. GET /orders for one customer',
  soak: '8. A fault soak: faults, a crash, and the invariants',
  delivery: '9. The pipeline, the Terraform modules and the PDF',
} as const;
