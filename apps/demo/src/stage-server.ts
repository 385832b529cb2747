import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The stage page's files: the page itself and the npm packages it draws with. */
function assetFiles(root: string): Record<string, { file: string; type: string }> {
  const require = createRequire(path.join(root, 'package.json'));
  const js = 'text/javascript';
  return {
    '/': { file: path.join(root, 'apps/demo/src/stage/stage.html'), type: 'text/html' },
    '/assets/xterm.js': { file: require.resolve('@xterm/xterm/lib/xterm.js'), type: js },
    '/assets/xterm.css': { file: require.resolve('@xterm/xterm/css/xterm.css'), type: 'text/css' },
    '/assets/mermaid.js': { file: require.resolve('mermaid/dist/mermaid.min.js'), type: js },
    '/assets/pdf.mjs': { file: require.resolve('pdfjs-dist/build/pdf.min.mjs'), type: js },
    '/assets/pdf.worker.mjs': { file: require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'), type: js },
  };
}

export interface StageServer {
  readonly url: string;
  /** Serves `file` at `urlPath` from now on (the PDF). */
  serve(urlPath: string, file: string, type: string): void;
  close(): Promise<void>;
}

/**
 * A static server on 127.0.0.1 (ephemeral port) for the stage page: the terminal replays
 * (xterm.js), the diagrams (mermaid) and the PDF's pages (pdf.js), all from node_modules.
 */
export async function startStageServer(root: string): Promise<StageServer> {
  const files = assetFiles(root);
  const server: Server = createServer((req, res) => {
    const entry = files[new URL(req.url ?? '/', 'http://stage').pathname];
    if (!entry) return void res.writeHead(404).end();
    readFile(entry.file).then(
      (body) => res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    serve: (urlPath, file, type) => void (files[urlPath] = { file, type }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
