import { Marked } from 'marked';
import { repositoryUrl, selectTokens } from './pdf-document.mjs';

const markdown = `# Title

Intro text.

## First

One.

### First detail

Detail.

## Second

Two.

## Third

Three.
`;
const tokens = new Marked().lexer(markdown);
const headings = (selected: ReturnType<typeof selectTokens>) =>
  selected.filter((token) => token.type === 'heading').map((token) => `${'#'.repeat((token as { depth: number }).depth)} ${(token as { text: string }).text}`);
const paragraphs = (selected: ReturnType<typeof selectTokens>) =>
  selected.filter((token) => token.type === 'paragraph').map((token) => (token as { text: string }).text);

describe('selectTokens', () => {
  it('takes a whole file less its title', () => {
    const selected = selectTokens(tokens, { file: 'x.md' }, 'Chapter');
    expect(headings(selected)).toEqual(['## First', '### First detail', '## Second', '## Third']);
    expect(paragraphs(selected)[0]).toBe('Intro text.');
  });

  it('takes the intro and chosen sections, in the order named, each as a section of the chapter', () => {
    const selected = selectTokens(tokens, { file: 'x.md', intro: true, only: ['Third', 'First detail'] }, 'Chapter');
    expect(headings(selected)).toEqual(['## Third', '## First detail']);
    expect(paragraphs(selected)).toEqual(['Intro text.', 'Three.', 'Detail.']);
  });

  it('leaves out the sections named in omit, with their subsections', () => {
    const selected = selectTokens(tokens, { file: 'x.md', omit: ['First'] }, 'Chapter');
    expect(headings(selected)).toEqual(['## Second', '## Third']);
  });

  it('drops the heading of a chosen section titled like its chapter', () => {
    const selected = selectTokens(tokens, { file: 'x.md', only: ['First'] }, 'First');
    expect(headings(selected)).toEqual(['## First detail']);
    expect(paragraphs(selected)).toEqual(['One.', 'Detail.']);
  });

  it('names the file and the heading the manifest asks for when it does not exist', () => {
    expect(() => selectTokens(tokens, { file: 'x.md', only: ['Fourth'] }, 'Chapter')).toThrow('x.md has no heading "Fourth"');
  });
});

describe('repositoryUrl', () => {
  it('reads package.json repository as an object or a string', () => {
    expect(repositoryUrl({ repository: { url: 'git+https://github.com/o/r.git' } })).toBe('https://github.com/o/r');
    expect(repositoryUrl({ repository: 'github:o/r' })).toBe('https://github.com/o/r');
  });

  it('refuses a package without one: the PDF must link to the code', () => {
    expect(() => repositoryUrl({})).toThrow('package.json has no repository');
  });
});
