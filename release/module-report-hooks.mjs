// Module customization hooks that report every module a process imports (issue 19, cold start):
// registered with `register(<this file's URL>, { data: { port }, transferList: [port] })`, the
// resolve hook (on the loader's thread) posts `{ url }` through the port for each module, and
// answers any message with `{ flushed: true }` after every report sent before it (a port delivers
// in order). Used by release/smoke-zip.mjs on the unpacked zip and by test/cold-start.test.ts.
let port;
export async function initialize(data) {
  port = data.port;
  port.on('message', () => port.postMessage({ flushed: true }));
  port.unref();
}
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage({ url: result.url });
  return result;
}
