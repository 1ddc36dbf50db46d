/**
 * docs/api.md, generated from the functions themselves: every action of every function with its
 * description (the doc comment of the action), its input (the action's zod schema, as JSON Schema) and
 * its result (the TypeScript type its handler returns). `npm run docs:api` writes it;
 * tests/build/api-doc.test.ts fails when the committed file is stale.
 *
 * Descriptions and result types are read with the TypeScript compiler from the sources; schemas from
 * the action tables at run time (createMain's `table`).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import type { ActionTable, Main } from '../cloudfunctions/common/platform/handler';
import { FUNCTIONS_SRC, ROOT, listFunctions } from './function-config';

export const API_DOC = path.join(ROOT, 'docs', 'api.md');

interface StaticAction {
  description: string;
  result: string;
}

/** The doc comment right before a node (its first paragraph's lines joined). */
function docOf(node: ts.Node): string {
  const jsDoc = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  const comment = jsDoc?.[jsDoc.length - 1]?.comment;
  const text = typeof comment === 'string' ? comment : (ts.getTextOfJSDocComment(comment) ?? '');
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Descriptions and result types of one function's actions, by action name. */
function readStatic(program: ts.Program, file: string): Map<string, StaticAction> {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const found = new Map<string, StaticAction>();
  if (!source) return found;
  const printer = ts.createPrinter();

  const declarationOf = (node: ts.Node): ts.Declaration | undefined => {
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  };
  const resultOf = (call: ts.Expression): string => {
    const type = checker.getTypeAtLocation(call);
    const [, result] = checker.getTypeArguments(type as ts.TypeReference);
    const node = result
      ? checker.typeToTypeNode(
          result,
          undefined,
          ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.MultilineObjectLiterals,
        )
      : undefined;
    return node ? printer.printNode(ts.EmitHint.Unspecified, node, source) : 'unknown';
  };
  const visitTable = (table: ts.Expression): void => {
    let node: ts.Node = table;
    if (ts.isIdentifier(node)) {
      const declaration = declarationOf(node);
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer)
        node = declaration.initializer;
    }
    // `settleActions(context)`: a function answering the table.
    if (ts.isCallExpression(node)) {
      const declaration = declarationOf(node.expression);
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
        const fn = declaration.initializer;
        if (ts.isArrowFunction(fn) && ts.isParenthesizedExpression(fn.body)) node = fn.body.expression;
      }
    }
    // `{ … } satisfies ActionTable` keeps each action's own type; the table is the literal inside
    if (ts.isSatisfiesExpression(node)) node = node.expression;
    if (!ts.isObjectLiteralExpression(node)) return;
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) {
        visitTable(property.expression);
        continue;
      }
      if (!property.name || !ts.isIdentifier(property.name)) continue;
      const name = property.name.text;
      let initializer: ts.Expression | undefined;
      let declaration: ts.Node = property;
      if (ts.isPropertyAssignment(property)) initializer = property.initializer;
      else if (ts.isShorthandPropertyAssignment(property)) {
        let symbol = checker.getShorthandAssignmentValueSymbol(property);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const target = symbol?.valueDeclaration;
        if (target && ts.isVariableDeclaration(target)) {
          initializer = target.initializer;
          declaration = target.parent.parent; // the VariableStatement carries the doc comment
        }
      }
      if (!initializer) continue;
      found.set(name, {
        description: docOf(property) || docOf(declaration),
        result: resultOf(initializer),
      });
    }
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'createMain' &&
      node.arguments[0]
    ) {
      visitTable(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A JSON Schema's fields as table rows. */
function inputRows(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  const properties = json.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0) return ['(no input)'];
  const rows = ['| field | required | schema |', '| --- | --- | --- |'];
  for (const name of names) {
    const { $schema: _s, ...rest } = properties[name];
    const shape = JSON.stringify(rest).replace(/\|/g, '\\|');
    rows.push(`| \`${name}\` | ${json.required?.includes(name) ? 'yes' : ''} | \`${shape}\` |`);
  }
  return rows;
}

const HEADER = `# API reference

Generated by \`npm run docs:api\` (scripts/api-doc.ts) from the functions' own action tables, zod schemas
and handler types – do not edit by hand; \`npm test\` fails when this file is stale.

Every client call is \`wx.cloud.callFunction({ name, data: { action, ...input } })\` (or, locally,
\`POST /fn/<name>\`). The caller is the OPENID of the call context, never a field of the input. The answer
is the envelope \`{ ok: true, data }\` or \`{ ok: false, error: { code, message } }\`, \`message\` in words a
person understands. Codes: \`VALIDATION\` (bad input; nothing changed), \`UNAUTHENTICATED\` (no caller or
never logged in), \`FORBIDDEN\` (not allowed: admin actions refuse non-admins before reading any input),
\`NOT_FOUND\`, \`CONFLICT\` (the state changed concurrently or does not allow it: refresh and retry),
\`RULE\` (a business rule refuses it, e.g. below the withdrawal minimum), \`INTERNAL\` (always a bug).
A \`VALIDATION\` error may carry \`fields: [{ path, message }]\`, each problem with the input field it
concerns (\`path\` dot-separated; for \`admin.updateConfig\` the path inside \`config\`), for a form to show
it beside that field. Money is integer fen (fields ending in \`Fen\`), rates decimal strings, times
milliseconds since the epoch.

Not action-dispatched: \`payNotify\` (WeChat Pay's payment notification, answers \`{ errcode, errmsg }\`),
\`transferNotify\` (WeChat Pay's merchant-transfer notification, over HTTP access; its hourly timer
\`transferPoll\` asks WeChat Pay about overdue transfers) and \`settle\`'s timer trigger (\`settleTimer\`,
every 10 minutes; an admin may call \`settle.run\`).
`;

export async function renderApiDoc(): Promise<string> {
  const configFile = ts.readConfigFile(path.join(ROOT, 'tsconfig.node.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const names = listFunctions();
  const roots = names.map((name) => path.join(FUNCTIONS_SRC, name, 'index.ts'));
  const program = ts.createProgram(roots, { ...parsed.options, noEmit: true });
  const parts = [HEADER];
  for (const name of names) {
    const file = path.join(FUNCTIONS_SRC, name, 'index.ts');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { main?: Main; settleActions?: (context: undefined) => ActionTable };
    const table = mod.settleActions?.(undefined) ?? mod.main?.table;
    if (!table) continue;
    const statics = readStatic(program, file);
    const header = fs.readFileSync(file, 'utf8').match(/^\/\*\*([\s\S]*?)\*\//)?.[1] ?? '';
    const summary = header
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, ''))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    parts.push(`## ${name}\n\n${summary}\n`);
    for (const [action, def] of Object.entries(table)) {
      const info = statics.get(action);
      parts.push(
        [
          `### ${name}.${action}`,
          '',
          info?.description || '(undocumented)',
          '',
          ...inputRows(def.schema),
          '',
          'Result (`data`):',
          '',
          '```ts',
          info?.result ?? 'unknown',
          '```',
          '',
        ].join('\n'),
      );
    }
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

if (require.main === module) {
  renderApiDoc()
    .then((text) => {
      fs.mkdirSync(path.dirname(API_DOC), { recursive: true });
      fs.writeFileSync(API_DOC, text);
      console.log(`[docs:api] wrote ${path.relative(ROOT, API_DOC)} (${text.length} characters)`);
    })
    .catch((error: unknown) => {
      console.error('[docs:api] failed:', error);
      process.exit(1);
    });
}
