/**
 * make/ read as a whole: every IML function it calls is one the local interpreter implements
 * (from Make's built-in list), only the documented IML forms, and every component reads only the
 * parameters it declares.
 */
import { readFileSync } from 'node:fs';
import { parseExpression, splitTemplate, unimplementedFunctionsIn } from '../../iml-runtime/iml.js';
import type { Node } from '../../iml-runtime/iml.js';
import { loadMakeApp, type App, type Rec } from '../../iml-runtime/runner.js';
import { jsonFiles, MAKE_DIR } from './make-app.js';

describe('IML functions', () => {
  it('every function the generated files call is implemented by the interpreter', () => {
    const files = jsonFiles(MAKE_DIR);
    expect(files.length).toBeGreaterThan(50);
    const missing = files.flatMap((file) =>
      unimplementedFunctionsIn(JSON.parse(readFileSync(file, 'utf8'))).map(
        (name) => `${file}: ${name}()`,
      ),
    );
    expect(missing).toEqual([]);
  });

  it('a file calling a function the interpreter lacks is reported', () => {
    expect(unimplementedFunctionsIn({ output: '{{toSlug(body.name)}}' })).toEqual(['toSlug']);
  });
});

/** Every IML expression node in a JSON value (all `{{…}}` of every string), depth first. */
const imlNodes = (value: unknown): Node[] => {
  const out: Node[] = [];
  const visitNode = (n: Node): void => {
    out.push(n);
    if (n.k === 'call') n.args.forEach(visitNode);
    else if (n.k === 'member') visitNode(n.obj);
    else if (n.k === 'index') [n.obj, n.index].forEach(visitNode);
    else if (n.k === 'unary') visitNode(n.arg);
    else if (n.k === 'binary') [n.left, n.right].forEach(visitNode);
  };
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.includes('{{'))
        for (const part of splitTemplate(v))
          if ('expr' in part) visitNode(parseExpression(part.expr));
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return out;
};

describe('IML forms: only the documented ones', () => {
  const nodes = jsonFiles(MAKE_DIR).flatMap((file) =>
    imlNodes(JSON.parse(readFileSync(file, 'utf8'))).map((node) => ({ file, node })),
  );
  const STRUCTURED = new Set(['tags', 'properties', 'typed_properties', 'add_tags', 'remove_tags']);

  it('an item is read with get(list; "1.id") or list[1].id, never a property of a call (get(list; 1).id)', () => {
    const found = nodes.filter(({ node }) => node.k === 'member' && node.obj.k === 'call');
    expect(found.map(({ file, node }) => `${file}: ${JSON.stringify(node)}`)).toEqual([]);
  });

  it('lists and collections become text with createJSON, never toString', () => {
    const found = nodes.filter(
      ({ node }) =>
        node.k === 'call' &&
        node.name === 'toString' &&
        node.args.some(
          (arg) =>
            (arg.k === 'member' && STRUCTURED.has(arg.prop)) ||
            (arg.k === 'call' && arg.args.some((a) => a.k === 'member' && STRUCTURED.has(a.prop))),
        ),
    );
    expect(found.map(({ file }) => file)).toEqual([]);
  });

  it('replace() searches with a regular expression (/…/g to replace every occurrence)', () => {
    const searches = nodes.flatMap(({ file, node }) =>
      node.k === 'call' && node.name === 'replace' && node.args[1]?.k === 'lit'
        ? [{ file, search: String(node.args[1].v) }]
        : [],
    );
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.filter(({ search }) => !/^\/.*\/[gimsuy]*$/.test(search))).toEqual([]);
    // The picklist replaces every `;` inside a theme name.
    expect(searches.map(({ search }) => search)).toContain('/;/g');
  });

  it('if() always has its three arguments, the only form Make documents', () => {
    const found = nodes.filter(
      ({ node }) => node.k === 'call' && node.name === 'if' && node.args.length !== 3,
    );
    expect(found.map(({ file, node }) => `${file}: ${JSON.stringify(node).slice(0, 120)}`)).toEqual(
      [],
    );
  });

  it('no string literal holds a backslash or an escape sequence (a newline is a real newline)', () => {
    // Every expression parsed above (the interpreter refuses a backslash in a string literal).
    expect(nodes.length).toBeGreaterThan(1000);
    const literals = nodes.flatMap(({ node }) =>
      node.k === 'lit' && typeof node.v === 'string' ? [node.v] : [],
    );
    expect(literals.filter((v) => v.includes('\\'))).toEqual([]);
    expect(literals.some((v) => v.includes('\n'))).toBe(true);
  });
});

/** The `parameters.<name>` an IML value reads, by name. */
const parametersRead = (value: unknown): string[] => [
  ...new Set(
    imlNodes(value).flatMap((node) =>
      node.k === 'member' && node.obj.k === 'var' && node.obj.name === 'parameters'
        ? [node.prop]
        : [],
    ),
  ),
];
/** Every parameter name a parameter list declares, nested ones included. */
const declaredNames = (params: unknown): string[] =>
  Array.isArray(params)
    ? params.flatMap((p: Rec) => [
        ...(typeof p.name === 'string' ? [p.name] : []),
        ...declaredNames(p.nested),
        ...(Array.isArray(p.options) ? p.options.flatMap((o: Rec) => declaredNames(o.nested)) : []),
      ])
    : [];

describe('every component reads only the parameters it declares', () => {
  let app: App;
  beforeAll(async () => {
    app = await loadMakeApp(MAKE_DIR);
  });

  it('webhooks: communication, attach and detach read the webhook’s own parameters', () => {
    for (const [id, hook] of Object.entries(app.webhooks)) {
      const declared = declaredNames(hook.params);
      for (const part of [hook.communication, hook.attach, hook.detach]) {
        expect([id, parametersRead(part).filter((name) => !declared.includes(name))]).toEqual([
          id,
          [],
        ]);
      }
    }
    // Contact Unsubscribed has no settings, and reads none.
    expect(app.webhooks.contactUnsubscribed?.params).toEqual([]);
    expect(parametersRead(app.webhooks.contactUnsubscribed?.communication)).toEqual([]);
  });

  it('modules read their own parameters; an instant trigger reads none (it has none)', () => {
    for (const [id, module] of Object.entries(app.modules)) {
      const declared = declaredNames([
        ...((module.staticParams as unknown[]) ?? []),
        ...((module.mappableParams as unknown[]) ?? []),
      ]);
      expect([
        id,
        parametersRead(module.communication).filter((name) => !declared.includes(name)),
      ]).toEqual([id, []]);
      if (module.moduleType === 'instant_trigger')
        expect(parametersRead(module.communication)).toEqual([]);
    }
  });

  it('a date-time output is parsed (parseDate), so Make shows it as a date', () => {
    for (const [id, module] of Object.entries(app.modules)) {
      const comm = module.communication;
      const last = (Array.isArray(comm) ? comm.at(-1) : comm) as Rec | undefined;
      const output = ((last?.response as Rec | undefined)?.output ?? {}) as Rec;
      const dates = ((module.interface as Rec[] | undefined) ?? []).filter(
        (f) => f.type === 'date',
      );
      for (const field of dates) {
        expect([id, field.name, String(output[String(field.name)])]).toEqual([
          id,
          field.name,
          expect.stringContaining('parseDate('),
        ]);
      }
    }
  });
});
