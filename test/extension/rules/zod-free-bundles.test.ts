/**
 * The content script, popup, options page and the console (the dashboard, a web page of its own)
 * ship without zod (the console's budget is 60 KB; zod alone would take half of it): everything they import at runtime — statically or
 * with `import()` — must stay clear of `zod` and of shared/'s schema modules, reaching shared/
 * only through shared/rules/ (or `import type`, which the build erases). Only the background parses
 * with the schemas. This walks the import graph the way the bundler does.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { extensionDir, read, relative, root } from './source-files';

/** Entry files, relative to extension/. */
const zodFree = ['entrypoints/calendar.content/index.ts', 'entrypoints/popup/main.tsx', 'entrypoints/options/main.tsx', 'console/main.tsx'];
const sharedDir = path.join(root, 'shared');
const rulesDir = path.join(sharedDir, 'rules');

/** The specifiers a module imports at runtime (type-only imports and exports are erased). */
function runtimeImports(file: string, text = read(file)): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      const onlyTypes = clause?.isTypeOnly || (clause && !clause.name && named && named.length > 0 && named.every((e) => e.isTypeOnly));
      if (!onlyTypes) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      if (!node.isTypeOnly && !(named && named.length > 0 && named.every((e) => e.isTypeOnly))) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a relative specifier names (as the bundler resolves it), or null for a package. */
function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  const found = candidates.find((candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate));
  if (found) return found;
  if (/\.(css|html|svg|png)$/.test(specifier)) return null; // an asset, not code
  throw new Error(`${relative(from)} imports ${specifier}, which does not resolve`);
}

/** Every module an entrypoint loads at runtime, with the chain that reaches it. */
function graph(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>([[entry, [relative(entry)]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const specifier of runtimeImports(file)) {
      const target = resolve(file, specifier) ?? `package:${specifier}`;
      if (reached.has(target)) continue;
      reached.set(target, [...reached.get(file)!, target.startsWith('package:') ? target : relative(target)]);
      if (!target.startsWith('package:')) queue.push(target);
    }
  }
  return reached;
}

const schemaModule = (file: string) =>
  file.startsWith('package:zod') ||
  file.startsWith('package:@hono') ||
  (file.startsWith(sharedDir + path.sep) && !file.startsWith(rulesDir + path.sep));

describe('the zod-free bundles', () => {
  for (const entry of zodFree) {
    it(`${entry} reaches no zod and no shared schema at runtime`, () => {
      const reached = graph(path.join(extensionDir, entry));
      const offending = [...reached].filter(([file]) => schemaModule(file)).map(([, chain]) => chain.join(' → '));

      expect(reached.size).toBeGreaterThan(3);
      expect(offending).toEqual([]);
    });
  }

  it('sees runtime imports, and only those', () => {
    const text = [
      "import type { Session } from '../../shared';",
      "import { type Engagement } from '../../shared/engagement';",
      "export type { Period } from '../../shared/rules/calendar';",
      "import { zSession } from '../../shared/session';",
      "import { dayMs, type Period } from '../../shared/rules/days';",
      "export { limits } from '../../shared/rules/limits';",
      "const ics = () => import('../lib/ics');",
    ].join('\n');

    expect(runtimeImports('x.ts', text)).toEqual([
      '../../shared/session',
      '../../shared/rules/days',
      '../../shared/rules/limits',
      '../lib/ics',
    ]);
  });

  it('finds the background, which parses with the schemas, pulling zod in', () => {
    const reached = graph(path.join(extensionDir, 'entrypoints', 'background.ts'));

    expect([...reached.keys()].some(schemaModule)).toBe(true);
  });
});
