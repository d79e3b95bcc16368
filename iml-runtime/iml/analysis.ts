/** Static checks over IML: which functions a JSON value's strings call. */
import { IMPLEMENTED_FUNCTIONS } from './functions/index.js';
import { parseExpression, splitTemplate, type Node } from './syntax.js';
import { isRec } from './values.js';

/** Every function name called by IML anywhere in a JSON value (strings, nested objects/arrays). */
export const functionsCalledIn = (value: unknown): string[] => {
  const names = new Set<string>();
  const visitNode = (n: Node): void => {
    switch (n.k) {
      case 'call':
        names.add(n.name);
        n.args.forEach(visitNode);
        break;
      case 'member':
        visitNode(n.obj);
        break;
      case 'index':
        visitNode(n.obj);
        visitNode(n.index);
        break;
      case 'unary':
        visitNode(n.arg);
        break;
      case 'binary':
        visitNode(n.left);
        visitNode(n.right);
        break;
      default:
        break;
    }
  };
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.includes('{{'))
        for (const s of splitTemplate(v)) if ('expr' in s) visitNode(parseExpression(s.expr));
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (isRec(v)) Object.values(v).forEach(visit);
  };
  visit(value);
  return [...names].sort();
};

/** Function names called in `value` that this interpreter does not implement. */
export const unimplementedFunctionsIn = (value: unknown): string[] =>
  functionsCalledIn(value).filter((n) => !IMPLEMENTED_FUNCTIONS.includes(n));
