// Keeps the Mermaid blocks of the Markdown files equal to their sources in docs/diagrams/: a block
// belongs to the diagram its marker line names, and is replaced whole.
import { readdirSync } from 'node:fs';
import path from 'node:path';

const MARKER = /^<!-- diagram: (docs\/diagrams\/[\w.-]+\.mmd)[^>]*-->\n```mermaid\n[\s\S]*?^```$/gm;
const SKIPPED = new Set(['node_modules', 'dist', '.git', '.nx', '.dofs', 'tmp', 'coverage', '.terraform']);

/** The Markdown files of the workspace, relative to it, sorted. */
export function markdownFiles(/** @type {string} */ workspace, dir = '') {
  /** @type {string[]} */
  const found = [];
  for (const entry of readdirSync(path.join(workspace, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) found.push(...markdownFiles(workspace, relative));
    else if (entry.isFile() && entry.name.endsWith('.md')) found.push(relative);
  }
  return found.sort();
}

/**
 * The Markdown text with every marked Mermaid block replaced by its diagram.
 * @param {string} markdown
 * @param {Map<string, string>} diagrams diagram file => its Mermaid source
 * @param {string} file the Markdown file, for the error message
 */
export function embedDiagrams(markdown, diagrams, file) {
  return markdown.replace(MARKER, (_block, /** @type {string} */ source) => {
    const diagram = diagrams.get(source);
    if (diagram === undefined) throw new Error(`${file} shows ${source}, which does not exist`);
    return `<!-- diagram: ${source} (generated: edit that file, then npm run docs:diagrams) -->\n\`\`\`mermaid\n${diagram.trimEnd()}\n\`\`\``;
  });
}

/** The diagram files a Markdown text shows, in order. */
export function embeddedDiagrams(/** @type {string} */ markdown) {
  return [...markdown.matchAll(MARKER)].map((match) => String(match[1]));
}
