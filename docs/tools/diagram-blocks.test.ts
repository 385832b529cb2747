import { embedDiagrams, embeddedDiagrams } from './diagram-blocks.mjs';

const diagrams = new Map([['docs/diagrams/a.mmd', 'flowchart TB\n  x --> y\n']]);

describe('embedDiagrams', () => {
  it('replaces the Mermaid block after a marker with the diagram, whatever it held', () => {
    const markdown = 'text\n\n<!-- diagram: docs/diagrams/a.mmd -->\n```mermaid\nold\n```\n\nmore\n';
    expect(embedDiagrams(markdown, diagrams, 'x.md')).toBe(
      'text\n\n<!-- diagram: docs/diagrams/a.mmd (generated: edit that file, then npm run docs:diagrams) -->\n```mermaid\nflowchart TB\n  x --> y\n```\n\nmore\n',
    );
  });

  it('leaves Mermaid blocks without a marker alone', () => {
    const markdown = '```mermaid\nflowchart LR\n```\n';
    expect(embedDiagrams(markdown, diagrams, 'x.md')).toBe(markdown);
  });

  it('refuses a marker naming a diagram that does not exist', () => {
    expect(() => embedDiagrams('<!-- diagram: docs/diagrams/b.mmd -->\n```mermaid\n```\n', diagrams, 'x.md')).toThrow(
      'x.md shows docs/diagrams/b.mmd, which does not exist',
    );
  });

  it('lists the diagrams a text shows', () => {
    expect(embeddedDiagrams('<!-- diagram: docs/diagrams/a.mmd -->\n```mermaid\n```\n')).toEqual(['docs/diagrams/a.mmd']);
  });
});
