/**
 * A local interpreter of IML, the templating language of Make custom apps, written from Make's
 * documentation, for testing the generated `make/` app on this machine (Make itself runs the real
 * one). Nothing here is shipped.
 *
 * Sources (read for every rule below):
 * - IML syntax: https://developers.make.com/custom-apps-documentation/block-elements/iml
 *   (its list of built-ins adds abs, stdevP, parseJSON and createJSON to the help-center pages)
 *   (mustaches `{{ … }}`, JavaScript-like expressions, operators `+ - * / %`, `==` (= `=`, `===`),
 *   `!=` (= `!==`), all equality strict, `< <= > >=`, `&& || !`, strings in `'` or `"`, back-ticked
 *   property names, `[]` indexes that start at 1 and `-1` for the last item, `if`/`ifempty`, `get`).
 * - Built-in functions (the same list custom IML functions reach as `iml.*`, see
 *   https://developers.make.com/custom-apps-documentation/app-components/iml-functions):
 *   general https://help.make.com/general-functions, math https://help.make.com/math-functions,
 *   text https://help.make.com/text-and-binary-functions, date
 *   https://help.make.com/date-and-time-functions with the tokens of
 *   https://help.make.com/tokens-for-datetime-formatting and https://help.make.com/tokens-for-date-time-parsing,
 *   array https://help.make.com/array-functions.
 *
 * Arguments are separated by `,` in the custom-app docs (`if(body.id > 100, body.user, false)`); the
 * scenario help pages write `;`. Both are accepted.
 *
 * API
 * - `evaluate(value, context, options?)`: walks JSON (objects, arrays, strings); each string with
 *   IML is rendered: a string that is exactly one `{{…}}` keeps the value's type, mixed text
 *   concatenates. Object keys whose value renders to `undefined` are dropped (Make omits them).
 * - `renderTemplate(text, context, options?)`, `evaluateExpression(expr, context, options?)`.
 * - `parseExpression(expr)`: the AST; `functionsCalledIn(value)`: every function name called by the
 *   IML anywhere in a JSON value (for a static "only implemented functions" check).
 * - `IMPLEMENTED_FUNCTIONS`, `KEYWORDS`, `IMLError`, `toJsonValue` (Dates → ISO strings,
 *   Buffers → base64) for comparing outputs.
 *
 * Context: the variables an expression reads (`parameters`, `connection`, `common`, `temp`, `body`,
 * `headers`, `statusCode`, `item`, `data`, `webhook`, …). Reading a root variable that is not in the
 * context throws (a typo in generated IML must fail a test); a missing property is `undefined`.
 * Calling a function not implemented here throws `IMLError` naming it.
 *
 * Approximate (the docs are silent; the choice is the JavaScript-like one unless noted):
 * - a backslash inside a string literal is refused (no escape sequence is documented; a newline is
 *   written as a real newline inside the string);
 * - text concatenation writes null/undefined as '' and arrays/collections as JSON (also `toString`);
 * - plain-text `replace` replaces every occurrence; `keys(array)` gives 1-based positions;
 * - `round(n, places)` accepts an optional places argument; `flatten` defaults to depth 1 (Array.flat);
 * - `parseDate` is strict about separators (moment's forgiving mode is not reproduced);
 * - add* (days and longer) and set* compute in `options.timezone` (Make: the organization's zone);
 * - not implemented: `mime`, `replaceEmojiCharacters`, custom IML functions, operators `&`/`|` (not
 *   documented for apps), `environment`/`random`/`uuid` are placeholders.
 *
 * Dates: Date objects inside expressions; ISO strings and epoch milliseconds are accepted wherever a
 * date is expected. Time zones via Intl (IANA names); the default time zone is UTC (Make uses the
 * scenario's / organization's zone — options.timezone sets it).
 *
 * The parts: iml/syntax.ts (lexer, parser, templates), iml/values.ts, iml/dates.ts,
 * iml/evaluate.ts, iml/functions/ (one file per family of built-ins), iml/analysis.ts.
 */
export { functionsCalledIn, unimplementedFunctionsIn } from './iml/analysis.js';
export { formatDate, parseDate } from './iml/dates.js';
export { evaluate, evaluateExpression, KEYWORDS, renderTemplate } from './iml/evaluate.js';
export { IMPLEMENTED_FUNCTIONS } from './iml/functions/index.js';
export { parseExpression, splitTemplate, type Node } from './iml/syntax.js';
export { IMLError, type IMLContext, type IMLFunction, type IMLOptions } from './iml/types.js';
export { stringify, toJsonValue } from './iml/values.js';
