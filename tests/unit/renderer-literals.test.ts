import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';

/**
 * Every user-visible text of the renderer lives in the message catalog (renderer/src/i18n), so that
 * English mode shows no Chinese. This walks the syntax of every other renderer file (comments are not
 * part of it) and lists the string literals, template parts and JSX texts that contain Han characters.
 */
const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'renderer', 'src');
const HAN = /\p{Script=Han}/u;

/** Chinese that stays in code, keyed by file and exact text (line numbers move), each with its reason. */
const ALLOWED: { file: string; text: string; why: string }[] = [];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === join(SRC, 'i18n') ? [] : sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

interface Found { file: string; line: number; text: string }

function hanLiterals(path: string): Found[] {
  const file = relative(ROOT, path).split('\\').join('/');
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Found[] = [];
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) text = node.text;
    else if (ts.isJsxText(node)) text = node.text.trim();
    if (text && HAN.test(text)) found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('the renderer shows Chinese only through the message catalog', () => {
  const found = sources(SRC).flatMap(hanLiterals);
  const allowed = (f: Found) => ALLOWED.some((a) => a.file === f.file && a.text === f.text);
  expect(found.filter((f) => !allowed(f)).map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  // An entry nothing matches any more is dropped, so the list stays the explicit set it claims to be.
  expect(ALLOWED.filter((a) => !found.some((f) => f.file === a.file && f.text === a.text)).map((a) => `${a.file}: ${a.text}`)).toEqual([]);
});
