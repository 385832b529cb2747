const PLACEHOLDER = /(\$?)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The names of a template's `${name}` placeholders, sorted, as templatefile() sees them (`$${` is an escape). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].filter((m) => m[1] === '').map((m) => m[2] as string))].sort();
}

/**
 * Fills `${name}` placeholders the way Terraform's templatefile() does for the plain-variable
 * case, including the `$${` escape for a literal `${`. Every placeholder must have a value and
 * every value must be used, so a contract and its caller cannot drift apart silently.
 */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>): string {
  const used = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (match, escape: string, name: string) => {
    if (escape) return match.slice(1);
    const value = values[name];
    if (value === undefined) throw new Error(`No value for placeholder \${${name}}`);
    used.add(name);
    return value;
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`Values given for no placeholder: ${unused.join(', ')}`);
  return filled;
}
